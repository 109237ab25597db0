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
import {
  abdNoReadWriteBack,
  abdRegister,
  causalRegister,
  causalRegisterNoWait,
  paxosForgetfulAcceptor,
  paxosNoAdopt,
  paxosRegister,
  registerSystem,
  singleCopyRegister,
  writeOnceRegister,
  type InternalMsg,
  type RegisterConsistency,
  type RegisterProtocol,
} from '../register-models/index.js';

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
}
export type SizeOption = keyof SizeSettings;

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

function registerEntry<S, I extends InternalMsg>(
  protocol: RegisterProtocol<S, I>,
  summary: string,
  defaults: { servers: number; clients?: number; strategy: Strategy; consistency?: readonly RegisterConsistency[]; putCount?: number; readFirst?: boolean },
  flaw?: string,
): CatalogEntry {
  return {
    name: protocol.name,
    summary,
    flaw,
    defaults: {
      servers: defaults.servers,
      clients: defaults.clients ?? 2,
      network: 'unordered-nonduplicating',
      lossy: false,
      'max-crashes': 0,
      'sequential-consistency': false,
      // Listed only when it differs from the usual (linearizable), so the listing stays as it was.
      ...(defaults.consistency ? { consistency: defaults.consistency } : {}),
    },
    strategy: defaults.strategy,
    build(s) {
      const system = registerSystem(protocol, {
        servers: s.servers,
        clients: s.clients,
        network: s.network,
        lossy: s.lossy,
        maxCrashes: s['max-crashes'],
        sequentialConsistency: s['sequential-consistency'],
        consistency: s.consistency,
        putCount: defaults.putCount,
        readFirst: defaults.readFirst,
      });
      const crashes = s['max-crashes'] > 0 ? `, up to ${s['max-crashes']} crashed server${s['max-crashes'] === 1 ? '' : 's'}` : '';
      const checked = new Set(s.consistency ?? ['linearizable']);
      if (s['sequential-consistency']) checked.add('sequential');
      const usual = checked.has('linearizable') && (checked.size === 1 || (checked.size === 2 && checked.has('sequential')));
      const sequential = usual
        ? checked.size === 2
          ? ', checking sequential consistency too'
          : ''
        : `, checking ${REGISTER_CONSISTENCIES.filter((c) => checked.has(c)).join(', ')}`;
      const workload = defaults.readFirst ? `, clients read, write ${defaults.putCount ?? 1}×, read` : '';
      return {
        model: erase(system),
        configuration: `${s.servers} server${s.servers === 1 ? '' : 's'}, ${s.clients} client${s.clients === 1 ? '' : 's'}${workload}, ${network(s)}${crashes}${sequential}`,
        describeAction: (a) => system.describeAction(a as Parameters<typeof system.describeAction>[0]),
        describeState: (state) => system.formatState(state as Parameters<typeof system.formatState>[0]),
        chart: actorCharts(system, (id) => system.roleName(id)),
        actorLabel: (id) => system.roleName(id),
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
  registerEntry(singleCopyRegister, 'a register on one server, no replication; with --servers 2 each server is its own register (BROKEN)', {
    servers: 1,
    strategy: 'dfs',
  }),
  registerEntry(abdRegister, 'ABD: a register replicated on a majority, reads write back what they read (3 servers: 41 M states, minutes; --servers 2: 544)', {
    servers: 3,
    strategy: 'dfs',
  }),
  registerEntry(paxosRegister, 'single-decree Paxos behind the register interface: the first value a majority accepts', {
    servers: 3,
    strategy: 'bfs',
  }),
  registerEntry(writeOnceRegister, 'a write-once register on one server (first write wins, later ones fail); BROKEN with --servers 2', {
    servers: 1,
    strategy: 'dfs',
  }),
  registerEntry(
    abdNoReadWriteBack,
    'BROKEN ABD: reads reply without writing back',
    { servers: 3, clients: 4, strategy: 'simulation' },
    'a read can see a write in progress and a later read miss it; needs 3 servers and 4 clients, which simulation samples (exhaustive search takes too long)',
  ),
  registerEntry(
    paxosNoAdopt,
    "BROKEN Paxos: the leader proposes its client's value instead of the highest accepted one",
    { servers: 3, strategy: 'bfs' },
    'two leaders decide different values; clients read both',
  ),
  registerEntry(
    paxosForgetfulAcceptor,
    'BROKEN Paxos: acceptors accept proposals below the ballot they promised',
    { servers: 3, strategy: 'bfs' },
    'an acceptor helps an old leader decide after promising a new one; two values are decided',
  ),
  registerEntry(
    causalRegister,
    'a causally consistent register: each server serves its own clients at once and applies remote writes in causal order (vector clocks); ' +
      'causally consistent but NOT linearizable, so the linearizable property is expected to fail',
    { servers: 2, strategy: 'bfs', consistency: ['causal', 'linearizable'], putCount: 2, readFirst: true },
  ),
  registerEntry(
    causalRegisterNoWait,
    'BROKEN causal register: remote writes are applied as they arrive, without waiting for the writes they depend on',
    { servers: 2, strategy: 'bfs', consistency: ['causal'], putCount: 2, readFirst: true },
    "a client's second write arrives before its first at the other server, which applies it and then the first over it; a client there reads the first after seeing the second",
  ),
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
