/**
 * The models `stateright model <name>` can check: the bundled examples and register protocols
 * (correct and broken), each with its own size options and defaults (Stateright's CLI examples:
 * 2 clients on an unordered non-duplicating network; 3 servers for Paxos and ABD, 1 for the
 * single-copy register; BFS for Paxos, DFS for the others). Broken variants default to the
 * configuration that exposes their flaw.
 */
import type { Model, Path, Strategy } from '../src/checker/index.js';
import { sequenceChart, type ActorModel, type NetworkKind, type SequenceChart } from '../src/actor/index.js';
import { Increment } from '../src/examples/increment.js';
import { IncrementLock } from '../src/examples/increment-lock.js';
import { interactionModel } from '../src/examples/interaction.js';
import { lwwRegisterModel } from '../src/examples/lww-register.js';
import { raftModel } from '../src/examples/raft.js';
import { timersModel } from '../src/examples/timers.js';
import { LinearEquation } from '../src/examples/linear-equation.js';
import { pingPongModel } from '../src/examples/ping-pong.js';
import { TwoPhaseCommit } from '../src/examples/two-phase-commit.js';
import { STORE_CATALOG } from './store-catalog.js';
import { REGISTER_SYSTEMS, type RegisterConsistency } from '../register-models/index.js';
import { SystemModel } from '../src/system/model.js';
import { systemSettings, type AnySystem } from '../src/system/system.js';
import type { WorkloadSettings } from '../src/system/workload.js';

export const NETWORKS: readonly NetworkKind[] = ['ordered', 'unordered-duplicating', 'unordered-nonduplicating'];

/** Size options, by their command-line names. */
export interface SizeSettings {
  readonly rms: number;
  readonly threads: number;
  readonly equation: readonly [a: number, b: number, c: number];
  readonly 'max-nat': number;
  readonly servers: number;
  readonly clients: number;
  readonly network: NetworkKind;
  readonly lossy: boolean;
  readonly 'max-crashes': number;
  readonly 'sequential-consistency': boolean;
  /** Register models; absent: linearizable (plus sequential with 'sequential-consistency'). */
  readonly consistency?: readonly RegisterConsistency[];
  /** System modules: the workload options given (cli/workload-options.ts); absent: the system's own workload. */
  readonly workload?: Partial<WorkloadSettings>;
}
export type SizeOption = Exclude<keyof SizeSettings, 'workload'>;

export const SIZE_OPTIONS: Readonly<Record<SizeOption, string>> = {
  rms: 'resource managers (two-phase-commit)',
  threads: 'threads (increment, increment-lock)',
  equation: 'a,b,c: solve a·x + b·y = c mod 256 (linear-equation)',
  'max-nat': 'the largest counter value (ping-pong)',
  servers: 'servers (register models, raft)',
  clients: 'clients (register models; nodes of lww-register)',
  network: `${NETWORKS.join(', ')} (actor models)`,
  lossy: 'the network may lose messages (actor models)',
  'max-crashes': 'servers that may be crashed at once; servers keep their state on stable storage (register models)',
  'sequential-consistency':
    "also check that the clients' history is sequentially consistent (each client's program order kept, real time across clients ignored); " +
    'a protocol can be sequentially consistent without being linearizable (register models); the same as adding sequential to --consistency',
  consistency:
    "the consistency properties to check, one or more of linearizable, sequential, causal: that the clients' history is linearizable, " +
    'sequentially consistent, or causally consistent (each client a session; consistency/causal/) (register models)',
};

export const REGISTER_CONSISTENCIES: readonly RegisterConsistency[] = ['linearizable', 'sequential', 'causal'];

/** A model ready to check, with what the command needs to describe its runs. */
export interface CheckableModel {
  readonly model: Model<unknown, unknown>;
  /** E.g. `3 servers, 2 clients, unordered-nonduplicating network`. */
  readonly configuration: string;
  describeAction(action: unknown): string;
  describeState(state: unknown): string;
  /** For `--symmetry` (applied by DFS). */
  readonly representative?: (state: unknown) => unknown;
  /** Actor models: the message sequence chart of a discovery. */
  chart?(path: Path<unknown, unknown>, property: string): SequenceChart;
  /** Actor models: an actor's name, e.g. `client 3` (the Explorer's lanes). */
  actorLabel?(id: number): string;
}

export interface CatalogEntry {
  readonly name: string;
  readonly summary: string;
  /** For broken variants: what is wrong and how the checker shows it. */
  readonly flaw?: string;
  /** The size options that apply, with their defaults. */
  readonly defaults: Partial<SizeSettings>;
  readonly strategy: Strategy;
  /** The depth the search stops at unless `--max-depth` says otherwise (Stateright's `target_max_depth`). */
  readonly maxDepth?: number;
  /** Whether its clients take the workload options (system modules do). */
  readonly workload?: boolean;
  build(settings: SizeSettings): CheckableModel;
}

/** Erases a model's types: the command handles states and actions it only passes back. */
function erase<S, A>(model: Model<S, A>): Model<unknown, unknown> {
  return model as unknown as Model<unknown, unknown>;
}

function plain<S, A>(model: Model<S, A>, configuration: string, representative?: (s: S) => unknown): CheckableModel {
  return {
    model: erase(model),
    configuration,
    describeAction: (a) => (model.formatAction ? model.formatAction(a as A) : JSON.stringify(a)),
    describeState: (s) => (model.formatState ? model.formatState(s as S) : JSON.stringify(s)),
    representative: representative as ((s: unknown) => unknown) | undefined,
  };
}

/** An actor model's checkable form: its own descriptions, a sequence chart and lanes named `Id(n)`. */
function actorEntry<S, M, H, T, R, St>(model: ActorModel<S, M, H, T, R, St>, configuration: string): CheckableModel {
  return { ...plain(model, configuration), chart: actorCharts(model, (id) => `Id(${id})`), actorLabel: (id) => `Id(${id})` };
}

function actorCharts<S, M, H, T, R, St>(model: ActorModel<S, M, H, T, R, St>, laneLabel: (id: number) => string) {
  return (path: Path<unknown, unknown>, property: string): SequenceChart =>
    sequenceChart(model, path as unknown as Parameters<typeof sequenceChart<S, M, H, T, R, St>>[1], { property, laneLabel });
}

const network = (s: SizeSettings) => `${s.network}${s.lossy ? ' lossy' : ''} network`;

/** A system module as a catalog entry: `stateright model NAME` and `--module FILE --export NAME` alike. */
export function systemEntry(system: AnySystem): CatalogEntry {
  const d = systemSettings(system);
  const levels = system.consistency.levels;
  const usual = levels === undefined || (levels.length === 1 && levels[0] === 'linearizable');
  return {
    name: system.name,
    summary: system.summary,
    flaw: system.flaw,
    defaults: {
      servers: d.servers,
      clients: d.clients,
      network: d.network,
      lossy: d.lossy,
      'max-crashes': d.maxCrashes,
      'sequential-consistency': false,
      // Listed only when it differs from the usual (linearizable), so the listing stays as it was.
      ...(usual ? {} : { consistency: levels }),
    },
    strategy: system.defaults?.strategy ?? 'bfs',
    workload: true,
    build(s) {
      const checked = new Set(s.consistency ?? d.consistency);
      if (s['sequential-consistency']) checked.add('sequential');
      const model = new SystemModel(system, {
        servers: s.servers,
        clients: s.clients,
        network: s.network,
        lossy: s.lossy,
        maxCrashes: s['max-crashes'],
        consistency: REGISTER_CONSISTENCIES.filter((c) => checked.has(c)),
        ...s.workload,
      });
      return {
        model: erase(model),
        configuration: model.describeConfiguration(),
        describeAction: (a) => model.describeAction(a as Parameters<typeof model.describeAction>[0]),
        describeState: (state) => model.formatState(state as Parameters<typeof model.formatState>[0]),
        chart: actorCharts(model, (id) => model.roleName(id)),
        actorLabel: (id) => model.roleName(id),
      };
    },
  };
}

/** Stateright 0.31's other examples, with their CLIs' defaults (size, network, strategy, depth). */
const STATERIGHT_EXAMPLES: readonly CatalogEntry[] = [
  {
    name: 'raft',
    summary:
      "Stateright's Raft example (election and log replication; BFS, at most ⌊(n−1)/2⌋ servers crashed at once). NOT a correct Raft: " +
      'term and vote live in memory only, so Election Safety fails once the search is deep enough (--max-depth 10)',
    flaw: 'a server that crashes and recovers forgets its vote, votes again in the same term, and two leaders are elected in one term',
    defaults: { servers: 3, network: 'unordered-nonduplicating' },
    strategy: 'bfs',
    maxDepth: 12,
    build: (s) =>
      actorEntry(
        raftModel({ servers: s.servers, network: s.network }),
        `${s.servers} server${s.servers === 1 ? '' : 's'}, ${network(s)}, up to ${Math.floor((s.servers - 1) / 2)} crashed`,
      ),
  },
  {
    name: 'lww-register',
    summary: 'a last-writer-wins register CRDT: nodes write A, B or C or move their clocks; with no message in flight all nodes agree',
    defaults: { clients: 2 },
    strategy: 'dfs',
    maxDepth: 8,
    build: (s) => actorEntry(lwwRegisterModel(s.clients), `${s.clients} node${s.clients === 1 ? '' : 's'}, unordered-nonduplicating network`),
  },
  {
    name: 'interaction',
    summary: 'user input as an actor: its timers ask a supervisor to increment a counter, then for a report ("success" eventually)',
    defaults: {},
    strategy: 'bfs',
    maxDepth: 30,
    build: () => actorEntry(interactionModel(), 'input, supervisor and counter, unordered-duplicating network'),
  },
  {
    name: 'timers',
    summary: 'three pingers whose self-re-arming timers ping even and odd peers; unbounded, so give --max-depth (or explore it)',
    defaults: { network: 'unordered-nonduplicating' },
    strategy: 'dfs',
    build: (s) => actorEntry(timersModel(3, s.network), `3 pingers, ${s.network} network`),
  },
  {
    name: 'increment-lock',
    summary: 'threads increment a shared counter under a lock: no update is lost (supports --symmetry)',
    defaults: { threads: 3 },
    strategy: 'dfs',
    build: (s) => {
      const m = new IncrementLock(s.threads);
      return plain(m, `${s.threads} threads`, (state) => m.representative(state));
    },
  },
];

export const CATALOG: readonly CatalogEntry[] = [
  ...REGISTER_SYSTEMS.map((system) => systemEntry(system as unknown as AnySystem)),
  {
    name: 'two-phase-commit',
    summary: 'two-phase commit: no resource manager commits while another aborts (supports --symmetry)',
    defaults: { rms: 3 },
    strategy: 'dfs',
    build: (s) => {
      const m = new TwoPhaseCommit(s.rms);
      return plain(m, `${s.rms} resource managers`, (state) => m.representative(state));
    },
  },
  {
    name: 'increment',
    summary: 'threads increment a shared counter without a lock: the lost update is found (supports --symmetry)',
    defaults: { threads: 2 },
    strategy: 'dfs',
    build: (s) => {
      const m = new Increment(s.threads);
      return plain(m, `${s.threads} threads`, (state) => m.representative(state));
    },
  },
  {
    name: 'linear-equation',
    summary: 'is there a pair of bytes with a·x + b·y = c (mod 256)? (the checker as a solver)',
    defaults: { equation: [2, 10, 14] },
    strategy: 'dfs',
    build: (s) => plain(new LinearEquation(...s.equation), `${s.equation[0]}·x + ${s.equation[1]}·y = ${s.equation[2]} (mod 256)`),
  },
  {
    name: 'ping-pong',
    summary: 'two actors exchange Ping(n) and Pong(n) up to a bound',
    defaults: { 'max-nat': 5, network: 'unordered-duplicating', lossy: false },
    strategy: 'bfs',
    build: (s) => {
      const m = pingPongModel({ maxNat: s['max-nat'], network: s.network, lossy: s.lossy });
      return { ...plain(m, `max ${s['max-nat']}, ${network(s)}`), chart: actorCharts(m, (id) => `Id(${id})`) };
    },
  },
  ...STATERIGHT_EXAMPLES,
  ...STORE_CATALOG,
];

export function findModel(name: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.name === name);
}
