/**
 * The models `stateright model <name>` can check: the bundled examples and register protocols
 * (correct and broken), each with its own size options and defaults (Stateright's CLI examples:
 * 2 clients on an unordered non-duplicating network; 3 servers for Paxos and ABD, 1 for the
 * single-copy register; BFS for Paxos, DFS for the others). Broken variants default to the
 * configuration that exposes their flaw.
 */
import type { Model, Path, Strategy } from '../src/checker/index.js';
import type { FairActionKind, NetworkKind, SequenceChart } from '../src/actor/index.js';
import type { RegisterConsistency } from '../register-models/index.js';
import type { AnySystem } from '../src/system/system.js';
import type { ElectionTimeouts, RaftElectionAction } from '../src/examples/raft-election.js';
import type { RaftState } from '../src/examples/raft.js';
import type { WorkloadSettings } from '../src/system/workload.js';

export const NETWORKS: readonly NetworkKind[] = ['ordered', 'unordered-duplicating', 'unordered-nonduplicating'];

/** raft-election's `--election-timeouts` (here rather than imported, so that naming them loads no model). */
export const ELECTION_TIMEOUTS: readonly ElectionTimeouts[] = ['lockstep', 'randomized'];

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
  readonly 'election-timeouts': ElectionTimeouts;
  /** Register models; absent: linearizable (plus sequential with 'sequential-consistency'). */
  readonly consistency?: readonly RegisterConsistency[];
  /** System modules: the workload options given (cli/workload-options.ts); absent: the system's own workload. */
  readonly workload?: Partial<WorkloadSettings>;
  /** System modules with liveness properties: check them (set by `--liveness`). */
  readonly liveness?: boolean;
  /** System modules that offer it: servers and clients behind the ordered reliable link. */
  readonly 'reliable-link'?: boolean;
  /** Behind the link: a message an actor ignores is not taken and comes again. */
  readonly 'link-keeps-ignored'?: boolean;
  /** System modules with liveness properties: the fair action kinds; absent: the model's default. */
  readonly fair?: readonly FairActionKind[];
}
/** The options named like their settings (`--liveness` also chooses the mode of every model's check). */
export type SizeOption = Exclude<keyof SizeSettings, 'workload' | 'liveness'>;

export const SIZE_OPTIONS: Readonly<Record<SizeOption, string>> = {
  rms: 'resource managers (two-phase-commit)',
  threads: 'threads (increment, increment-lock)',
  equation: 'a,b,c: solve a·x + b·y = c mod 256 (linear-equation)',
  'max-nat': 'the largest counter value (ping-pong)',
  servers: 'servers (register models, raft, raft-election)',
  clients: 'clients (register models; nodes of lww-register)',
  network: `${NETWORKS.join(', ')} (actor models)`,
  lossy: 'the network may lose messages (actor models)',
  'max-crashes': 'servers that may be crashed at once; servers keep their state on stable storage (register models)',
  'reliable-link':
    'servers and clients talk through the ordered reliable link: messages numbered, resent until acknowledged, handed over once and in order (register models; docs/liveness.md)',
  'link-keeps-ignored':
    'with --reliable-link: a message the receiving actor ignores is not taken, so it comes again with the next resend (default: it counts as handed over) (register models)',
  fair:
    'the fair actions of the liveness analysis, some of deliver, timeout, recover, or none (default deliver,timeout; on a lossy network deliveries are strongly fair: fair loss) (register models)',
  'sequential-consistency':
    "also check that the clients' history is sequentially consistent (each client's program order kept, real time across clients ignored); " +
    'a protocol can be sequentially consistent without being linearizable (register models); the same as adding sequential to --consistency',
  'election-timeouts': `${ELECTION_TIMEOUTS.join(' or ')}: election timeouts all equal, or drawn at random (raft-election)`,
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
  /**
   * Actor models: the message sequence chart of a discovery (of `property`, when given; a lasso's
   * cycle marked from `cycleStart`).
   */
  chart?(path: Path<unknown, unknown>, property?: string, cycleStart?: number): SequenceChart;
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
  /** Loads the model's modules (only now: see {@link findModel}) and builds it with `settings`. */
  build(settings: SizeSettings): Promise<CheckableModel>;
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

const network = (s: SizeSettings) => `${s.network}${s.lossy ? ' lossy' : ''} network`;

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
    async build(s) {
      const [{ raftModel }, { idLanes }] = await Promise.all([import('../src/examples/raft.js'), import('./actor-charts.js')]);
      const model = raftModel({ servers: s.servers, network: s.network });
      const configuration = `${s.servers} server${s.servers === 1 ? '' : 's'}, ${network(s)}, up to ${Math.floor((s.servers - 1) / 2)} crashed`;
      return { ...plain(model, configuration), ...idLanes(model) };
    },
  },
  {
    name: 'lww-register',
    summary: 'a last-writer-wins register CRDT: nodes write A, B or C or move their clocks; with no message in flight all nodes agree',
    defaults: { clients: 2 },
    strategy: 'dfs',
    maxDepth: 8,
    async build(s) {
      const [{ lwwRegisterModel }, { idLanes }] = await Promise.all([import('../src/examples/lww-register.js'), import('./actor-charts.js')]);
      const model = lwwRegisterModel(s.clients);
      return { ...plain(model, `${s.clients} node${s.clients === 1 ? '' : 's'}, unordered-nonduplicating network`), ...idLanes(model) };
    },
  },
  {
    name: 'interaction',
    summary: 'user input as an actor: its timers ask a supervisor to increment a counter, then for a report ("success" eventually)',
    defaults: {},
    strategy: 'bfs',
    maxDepth: 30,
    async build() {
      const [{ interactionModel }, { idLanes }] = await Promise.all([import('../src/examples/interaction.js'), import('./actor-charts.js')]);
      const model = interactionModel();
      return { ...plain(model, 'input, supervisor and counter, unordered-duplicating network'), ...idLanes(model) };
    },
  },
  {
    name: 'timers',
    summary: 'three pingers whose self-re-arming timers ping even and odd peers; unbounded, so give --max-depth (or explore it)',
    defaults: { network: 'unordered-nonduplicating' },
    strategy: 'dfs',
    async build(s) {
      const [{ timersModel }, { idLanes }] = await Promise.all([import('../src/examples/timers.js'), import('./actor-charts.js')]);
      const model = timersModel(3, s.network);
      return { ...plain(model, `3 pingers, ${s.network} network`), ...idLanes(model) };
    },
  },
  {
    name: 'increment-lock',
    summary: 'threads increment a shared counter under a lock: no update is lost (supports --symmetry)',
    defaults: { threads: 3 },
    strategy: 'dfs',
    async build(s) {
      const { IncrementLock } = await import('../src/examples/increment-lock.js');
      const m = new IncrementLock(s.threads);
      return plain(m, `${s.threads} threads`, (state) => m.representative(state));
    },
  },
];

/** The models that are neither register protocols nor stores, in the listing's order. */
const OWN_MODELS: readonly CatalogEntry[] = [
  {
    name: 'two-phase-commit',
    summary: 'two-phase commit: no resource manager commits while another aborts (supports --symmetry)',
    defaults: { rms: 3 },
    strategy: 'dfs',
    async build(s) {
      const { TwoPhaseCommit } = await import('../src/examples/two-phase-commit.js');
      const m = new TwoPhaseCommit(s.rms);
      return plain(m, `${s.rms} resource managers`, (state) => m.representative(state));
    },
  },
  {
    name: 'increment',
    summary: 'threads increment a shared counter without a lock: the lost update is found (supports --symmetry)',
    defaults: { threads: 2 },
    strategy: 'dfs',
    async build(s) {
      const { Increment } = await import('../src/examples/increment.js');
      const m = new Increment(s.threads);
      return plain(m, `${s.threads} threads`, (state) => m.representative(state));
    },
  },
  {
    name: 'linear-equation',
    summary: 'is there a pair of bytes with a·x + b·y = c (mod 256)? (the checker as a solver)',
    defaults: { equation: [2, 10, 14] },
    strategy: 'dfs',
    async build(s) {
      const { LinearEquation } = await import('../src/examples/linear-equation.js');
      return plain(new LinearEquation(...s.equation), `${s.equation[0]}·x + ${s.equation[1]}·y = ${s.equation[2]} (mod 256)`);
    },
  },
  {
    name: 'ping-pong',
    summary: 'two actors exchange Ping(n) and Pong(n) up to a bound',
    defaults: { 'max-nat': 5, network: 'unordered-duplicating', lossy: false },
    strategy: 'bfs',
    async build(s) {
      const [{ pingPongModel }, { actorCharts }] = await Promise.all([import('../src/examples/ping-pong.js'), import('./actor-charts.js')]);
      const m = pingPongModel({ maxNat: s['max-nat'], network: s.network, lossy: s.lossy });
      return { ...plain(m, `max ${s['max-nat']}, ${network(s)}`), chart: actorCharts(m, (id) => `Id(${id})`) };
    },
  },
  ...STATERIGHT_EXAMPLES,
  {
    name: 'raft-election',
    summary:
      'Raft leader election, eventually a leader is elected (fair, no crashes): holds with randomized election timeouts, ' +
      'a livelock lasso of split votes with timeouts all equal (--election-timeouts lockstep; docs/liveness.md)',
    defaults: { servers: 3, network: 'unordered-nonduplicating', 'election-timeouts': 'randomized' },
    strategy: 'bfs',
    async build(s) {
      const { raftElectionChart, raftElectionModel } = await import('../src/examples/raft-election.js');
      const timeouts = s['election-timeouts'];
      const m = raftElectionModel({ servers: s.servers, timeouts, network: s.network });
      const how = timeouts === 'lockstep' ? 'election timeouts all equal (in lock-step)' : 'randomized election timeouts';
      return {
        ...plain(m, `${s.servers} servers, ${s.network} network, ${how}, no crashes`),
        chart: (path, property, cycleStart) => raftElectionChart(m, path as Path<RaftState, RaftElectionAction>, { property, cycleStart }),
        actorLabel: (id) => `Id(${id})`,
      };
    },
  },
];

/**
 * Models that share their modules and are described by them (a register system's summary and
 * defaults are part of the system), so they load together, and only when one of them is asked
 * for: the register protocols need the system layer and its message schemas (about 300 modules,
 * TypeBox most of them), which two-phase commit does not. Each family names its models here so
 * that a name is found without loading anything; test/cli/model-catalog.test.ts checks the names
 * against what each family loads.
 */
interface CatalogFamily {
  readonly names: readonly string[];
  load(): Promise<readonly CatalogEntry[]>;
}

const REGISTER_FAMILY: CatalogFamily = {
  names: [
    'single-copy-register',
    'abd',
    'paxos',
    'write-once-register',
    'abd-no-write-back',
    'paxos-no-adopt',
    'paxos-forgetful-acceptor',
    'causal-register',
    'causal-register-no-wait',
  ],
  async load() {
    const [{ REGISTER_SYSTEMS }, { systemEntry }] = await Promise.all([import('../register-models/systems.js'), import('./system-entry.js')]);
    return REGISTER_SYSTEMS.map((system) => systemEntry(system as unknown as AnySystem));
  },
};

const STORE_FAMILY: CatalogFamily = {
  names: ['raft-kv', 'raft-kv-vote-without-log-check', 'raft-kv-local-reads', 'raft-kv-no-deduplication', 'raft-kv-commit-previous-term'],
  load: async () => (await import('./store-catalog.js')).STORE_CATALOG,
};

/** The catalog in the listing's order: register protocols, the other models, the stores. */
const PARTS: readonly (CatalogFamily | readonly CatalogEntry[])[] = [REGISTER_FAMILY, OWN_MODELS, STORE_FAMILY];
export const CATALOG_FAMILIES: readonly CatalogFamily[] = [REGISTER_FAMILY, STORE_FAMILY];

const isFamily = (part: CatalogFamily | readonly CatalogEntry[]): part is CatalogFamily => 'load' in part;

/** Every model's name, in the listing's order, without loading any model. */
export const MODEL_NAMES: readonly string[] = PARTS.flatMap((part) => (isFamily(part) ? part.names : part.map((e) => e.name)));

/** The register protocols' names (the models that take --consistency and the workload options). */
export const REGISTER_MODEL_NAMES: readonly string[] = REGISTER_FAMILY.names;

/** The model named `name`, loading only the modules its family needs (none for the models above). */
export async function findModel(name: string): Promise<CatalogEntry | undefined> {
  for (const part of PARTS) {
    if (!isFamily(part)) {
      const entry = part.find((e) => e.name === name);
      if (entry !== undefined) return entry;
    } else if (part.names.includes(name)) return (await part.load()).find((e) => e.name === name);
  }
  return undefined;
}

/** The whole catalog, every family loaded (`stateright model --list`). */
export async function catalogEntries(): Promise<readonly CatalogEntry[]> {
  const parts = await Promise.all(PARTS.map((part) => (isFamily(part) ? part.load() : part)));
  return parts.flat();
}
