/**
 * A system module: everything the tools need to model-check a protocol, explore it, serve it
 * over UDP, and run clients against it that record a history to check.
 *
 * ```ts
 * export const myRegister = defineSystem({
 *   name: 'my-register',
 *   summary: 'a register on one server',
 *   messages,                         // a MessageSchema (src/system/messages.ts)
 *   server: (ctx) => serverActor,     // every server runs this actor (ids 0..servers-1)
 *   client: (ctx) => clientActor,     // ids servers..servers+clients-1; records with out.record
 *   consistency: { model: 'register', init: 'none' },
 *   defaults: { servers: 1, clients: 2 },
 * });
 * ```
 * `stateright model|explore|serve|load --module ./my-register.js --export myRegister` then run it.
 */
import type { Actor, ActorModelState, FairActionKind, Id, NetworkKind } from '../actor/index.js';
import type { Property, Strategy } from '../checker/index.js';
import type { ModelName } from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';
import type { MessageSchema } from './messages.js';
import { checkWorkloadSettings, mayWrite, type Workload, type WorkloadSettings } from './workload.js';

/** The consistency conditions the clients' history can be checked against. */
export type ConsistencyLevel = 'linearizable' | 'sequential' | 'causal';
export const CONSISTENCY_LEVELS: readonly ConsistencyLevel[] = ['linearizable', 'sequential', 'causal'];

export interface ConsistencySpec {
  /**
   * The object the servers implement, as the history checker names it (`register`,
   * `write-once-register`, `kv`, `cas-register`, ...): the history is checked against it.
   */
  readonly model: ModelName;
  /**
   * Its initial state (a register's value before any write), a value no write uses, so that a
   * read of it is a real observation. Default: the model's own.
   */
  readonly init?: Value;
  /** The conditions checked by default. Default `['linearizable']`. */
  readonly levels?: readonly ConsistencyLevel[];
}

/** Everything a run is configured by, with the system's defaults filled in. */
export interface SystemSettings {
  readonly servers: number;
  readonly clients: number;
  readonly network: NetworkKind;
  readonly lossy: boolean;
  /** How many servers may be crashed at once (model); servers keep their state on stable storage. */
  readonly maxCrashes: number;
  /** The consistency conditions checked. */
  readonly consistency: readonly ConsistencyLevel[];
  /** Operations per client (the model's workload; `load` runs for a duration instead). */
  readonly operations: number;
  readonly writeRatio: number;
  readonly keys: number;
  /** Writes draw their values from this many; undefined: every write's value is its own. */
  readonly values?: number;
  readonly seed: number;
  /** A client's request timeout in ms; undefined: clients wait for ever (no timeout actions in the model). */
  readonly timeoutMs: number | undefined;
  /** Servers save every state change and recover from it (model). Default: when `maxCrashes > 0`. */
  readonly persistentServers?: boolean;
  /** Adds the system's {@link SystemModule.livenessProperties} (model). Default false. */
  readonly liveness?: boolean;
  /**
   * Servers and clients talk through the ordered reliable link, for systems that offer it
   * ({@link SystemModule.reliableLink}; model). Default false.
   */
  readonly reliableLink?: boolean;
  /**
   * Behind the link, a message the wrapped actor ignores is not taken and comes again
   * (`LinkOptions.ignored: 'kept'`) instead of counting as handed over. Default false.
   */
  readonly linkKeepsIgnored?: boolean;
  /**
   * The fair action kinds of the liveness analysis (model; docs/liveness.md). Default: deliveries
   * (strongly fair on a lossy network: fair loss) and timeouts.
   */
  readonly fair?: readonly FairActionKind[];
}

export interface SystemDefaults extends Partial<Omit<SystemSettings, 'consistency'>> {
  /** The model checker's search. Default `bfs`. */
  readonly strategy?: Strategy;
}

/** What the server and client factories are told. */
export interface SystemContext {
  readonly servers: number;
  readonly clients: number;
  /** The servers' ids, `0..servers-1`. */
  readonly serverIds: readonly Id[];
  /** Client `i` (from 0) has id `servers + i` in the model; use {@link clientIndex}. */
  readonly workload: Workload;
  /** How long a client waits for a reply before it gives up on a request; undefined: for ever. */
  readonly timeoutMs: number | undefined;
  readonly settings: SystemSettings;
  /**
   * A real run's start (ms since the epoch); undefined in the model. Clients that number their
   * requests for de-duplication can start from it, so that a later run's client that happens to
   * get the same address as an earlier one is not taken for it.
   */
  readonly runStartedMs?: number;
}

/** The state of a system's model: the actors' states, the network and the recorded history. */
export type SystemModelState<ServerState, ClientState, Msg, Timer> = ActorModelState<
  ServerState | ClientState,
  Msg,
  ClientHistory,
  Timer,
  never,
  ServerState
>;

/** What clients observed, as the model keeps it in every state. */
export interface ClientHistory {
  isLinearizable(): boolean;
  isSequentiallyConsistent(): boolean;
  isCausallyConsistent(): boolean;
}

export interface SystemModule<Msg extends { readonly type: string }, ServerState = unknown, ClientState = unknown, Timer = never> {
  /** Marks the object as a system module (`--export` checks it). */
  readonly kind: 'stateright-system';
  readonly name: string;
  readonly summary: string;
  /** For broken variants: what is wrong, and how the checker shows it. */
  readonly flaw?: string;
  readonly messages: MessageSchema<Msg>;
  /**
   * The server actor. By default the tools keep its whole state on stable storage (saved after
   * every change, restored on recovery, when the timers its `onStart` arms are armed again). With
   * {@link ownStorage} it saves what it chooses itself.
   */
  server(context: SystemContext): Actor<ServerState, Msg, Timer>;
  /**
   * The server saves what survives a crash itself (`out.save`, e.g. Raft's term, vote and log)
   * and rebuilds its state from it in `onStart`, so the tools run it as it is, in the model and
   * for real alike.
   */
  readonly ownStorage?: boolean;
  client(context: SystemContext): Actor<ClientState, Msg, Timer>;
  readonly consistency: ConsistencySpec;
  /** Properties beyond the consistency ones (e.g. "a value is chosen"). */
  properties?(context: SystemContext): readonly Property<SystemModelState<ServerState, ClientState, Msg, Timer>>[];
  /**
   * Liveness properties (e.g. "every client operation gets a reply"), checked with the `liveness`
   * setting only, so that the state counts pinned to Stateright's stay as they are (adding a
   * property changes no count, but the properties listed in the output would).
   */
  livenessProperties?(context: SystemContext): readonly Property<SystemModelState<ServerState, ClientState, Msg, Timer>>[];
  /**
   * The server and client factories put the actors behind the ordered reliable link when
   * `settings.reliableLink` is set (src/actor/ordered-reliable-link.ts). The link then keeps the
   * server's storage: its bookkeeping, and what the wrapped server saves.
   */
  readonly reliableLink?: boolean;
  readonly defaults?: SystemDefaults;
  /**
   * The model's own workload (the register models': Stateright's, each client writes then
   * reads), used unless a workload option (operations, writeRatio, keys, values) is given.
   * Default: {@link randomWorkload} of the settings, always.
   */
  modelWorkload?(settings: SystemSettings): Workload;
  /** Describes the configuration beyond servers, clients and network, e.g. `clients read, write 2×, read`. */
  describeWorkload?(settings: SystemSettings): string;
  formatServer?(state: ServerState): string;
  formatClient?(state: ClientState): string;
  formatMessage?(msg: Msg): string;
}

/** Any system module, its types erased (the tools only pass states and messages back to it). */
export type AnySystem = SystemModule<{ readonly type: string }, unknown, unknown, unknown>;

/** Declares a system module (adds its `kind`). */
export function defineSystem<Msg extends { readonly type: string }, ServerState, ClientState, Timer = never>(
  spec: Omit<SystemModule<Msg, ServerState, ClientState, Timer>, 'kind'>,
): SystemModule<Msg, ServerState, ClientState, Timer> {
  return { ...spec, kind: 'stateright-system' };
}

export function isSystemModule(value: unknown): value is AnySystem {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return s.kind === 'stateright-system' && typeof s.name === 'string' && typeof s.server === 'function' && typeof s.client === 'function';
}

/** Client `id`'s index (0 for the first client), given the server count. */
export const clientIndex = (id: Id, servers: number): number => id - servers;

/** Defaults of every system, for what the system's own defaults leave out. */
export const BASE_DEFAULTS = {
  servers: 1,
  clients: 2,
  network: 'unordered-nonduplicating',
  lossy: false,
  maxCrashes: 0,
  operations: 2,
  writeRatio: 0.5,
  keys: 1,
  seed: 0,
  timeoutMs: undefined,
  strategy: 'bfs',
} as const;

/** The settings of a run: the system's defaults, overridden by `given`. */
export function systemSettings(system: AnySystem, given: Partial<SystemSettings> = {}): SystemSettings {
  const d = { ...BASE_DEFAULTS, ...system.defaults };
  const pick = <K extends keyof SystemSettings>(k: K, fallback: SystemSettings[K]): SystemSettings[K] => (given[k] !== undefined ? given[k] : fallback);
  return {
    servers: pick('servers', d.servers),
    clients: pick('clients', d.clients),
    network: pick('network', d.network),
    lossy: pick('lossy', d.lossy),
    maxCrashes: pick('maxCrashes', d.maxCrashes),
    consistency: pick('consistency', system.consistency.levels ?? ['linearizable']),
    operations: pick('operations', d.operations),
    writeRatio: pick('writeRatio', d.writeRatio),
    keys: pick('keys', d.keys),
    values: given.values ?? d.values,
    seed: pick('seed', d.seed),
    timeoutMs: 'timeoutMs' in given && given.timeoutMs !== undefined ? given.timeoutMs : d.timeoutMs,
    persistentServers: pick('persistentServers', undefined),
    liveness: pick('liveness', d.liveness),
    reliableLink: pick('reliableLink', d.reliableLink),
    linkKeepsIgnored: pick('linkKeepsIgnored', d.linkKeepsIgnored),
    fair: pick('fair', d.fair),
  };
}

export type { Workload, WorkloadSettings };

/** Consistency models whose operations name a key: a workload over more than one key needs one. */
export const KEYED_MODELS: readonly ModelName[] = ['kv', 'multi-register'];

/**
 * Throws a RangeError when the workload settings are out of range or do not fit the system: more
 * than one key for an object without keys (its clients would silently merge them into one), or
 * written values that could be the initial value (a read of it would no longer be a real
 * observation).
 */
export function checkWorkloadFits(system: AnySystem, s: Partial<WorkloadSettings>): void {
  checkWorkloadSettings(s);
  const { model, init } = system.consistency;
  if (s.keys !== undefined && s.keys > 1 && !KEYED_MODELS.includes(model)) {
    throw new RangeError(`keys is ${s.keys}, but ${system.name} is checked against a ${model}, which has no keys; more than one key needs a keyed model (${KEYED_MODELS.join(', ')})`);
  }
  if (init !== undefined && mayWrite(s, init)) {
    throw new RangeError(`${system.name}'s initial value ${JSON.stringify(init)} is one the workload writes; choose another initial value`);
  }
}
