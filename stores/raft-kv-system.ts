/**
 * The Raft key-value store as a model: `servers` Raft servers followed by `clients` clients
 * running a small workload, on a network that may lose and duplicate messages, with crashes of
 * servers (which recover from stable storage). Properties:
 *
 * - `linearizable` (always): what the clients observed could come from one copy of the store,
 *   checked key by key with the per-key compare-and-set register model;
 * - `election safety` (always): at most one leader per term;
 * - `state machine safety` (always): no two servers have committed different entries at an index;
 * - `value chosen` (sometimes): some get returned a written value.
 *
 * Terms grow without bound (every election timeout starts one), so the model stops at a term
 * bound (`maxTerm`): states where some server is past it are outside the boundary. Logs are
 * bounded too (`maxLogLength`), which only the de-duplication flaw can reach: with it, a
 * duplicated request is appended again and again.
 */
import { always, sometimes, type Property } from '../src/checker/index.js';
import { ActorModel, allEnvelopes, type Actor, type ActorAction, type ActorModelState, type Id, type NetworkKind } from '../src/actor/index.js';
import type { KvOp } from './kv-ops.js';
import { raftClient, type RaftClientState } from './raft-client.js';
import { RAFT_MESSAGE_VARIANTS, formatRaftMessage, type RaftMsg, type RaftStorage, type RaftTimer } from './raft-messages.js';
import { raftServer, type RaftFlaw, type RaftServerState } from './raft-server.js';
import { describeRaftServer } from './raft-kv-store.js';
import { electionSafe, stateMachineSafe } from './raft-properties.js';
import { followScript } from './scenario.js';
import { StoreHistoryRecorder, type StoreHistory } from './store-history.js';

export interface RaftKvOptions {
  /** Default 3. */
  readonly servers?: number;
  /** Default 2. */
  readonly clients?: number;
  /** Per client (cycled): its operations. Default {@link DEFAULT_WORKLOAD}. */
  readonly workload?: readonly (readonly KvOp[])[];
  /** Default `unordered-duplicating`. */
  readonly network?: NetworkKind;
  /** Default true. */
  readonly lossy?: boolean;
  /** Servers crashed at once. Default 1. */
  readonly maxCrashes?: number;
  /** The highest term explored. Default 3. */
  readonly maxTerm?: number;
  /** The longest log explored. Default: the number of operations in the workload. */
  readonly maxLogLength?: number;
  readonly flaws?: readonly RaftFlaw[];
  /**
   * Which server may stand for election in each term (`[0, 2]`: server 0 in term 1, server 2 in
   * term 2); the highest term is then its length. A schedule of the environment's timeouts, like
   * a nemesis's: every behaviour explored with it is a behaviour without it, so what it finds is
   * real, but it leaves out split votes (two candidates in one term). Default: any server, any term.
   */
  readonly electionSchedule?: readonly Id[];
  /**
   * The checker starts from the state this script of actions reaches (see stores/scenario.ts),
   * e.g. a cluster that has elected a leader and committed a write; the search covers every
   * continuation from there. Default: the initial state.
   */
  readonly startAfter?: readonly string[];
  /**
   * The properties checked, by name (default all four). A broken variant on the command line
   * checks the one it refutes, so that the search ends at its counterexample.
   */
  readonly properties?: readonly string[];
  /** Leaders send heartbeats on a timer. Default true. */
  readonly heartbeats?: boolean;
  /** Clients resend on a timer. Default true. */
  readonly clientRetries?: boolean;
}

/**
 * Client 0 puts x and reads it; client 1 swaps x from client 0's value to its own, and reads.
 * Every broken rule shows up on it: a lost or doubled write, or a stale read, contradicts the cas
 * or a read that follows an acknowledged write.
 */
export const DEFAULT_WORKLOAD: readonly (readonly KvOp[])[] = [
  [
    { f: 'put', key: 'x', value: 'A' },
    { f: 'get', key: 'x' },
  ],
  [
    { f: 'cas', key: 'x', from: 'A', to: 'B' },
    { f: 'get', key: 'x' },
  ],
];

export type RaftKvActorState = RaftServerState | RaftClientState;
export type RaftKvState = ActorModelState<RaftKvActorState, RaftMsg, StoreHistory, RaftTimer, never, RaftStorage>;
export type RaftKvAction = ActorAction<RaftMsg, RaftTimer>;

export class RaftKvSystem extends ActorModel<RaftKvActorState, RaftMsg, StoreHistory, RaftTimer, never, RaftStorage> {
  readonly serverCount: number;
  readonly clientCount: number;
  readonly maxTerm: number;
  readonly maxLogLength: number;

  constructor(readonly options: RaftKvOptions = {}) {
    const servers = options.servers ?? 3;
    const clients = options.clients ?? 2;
    if (!(Number.isInteger(servers) && servers >= 1)) throw new RangeError(`servers must be a positive integer (got ${servers})`);
    if (!(Number.isInteger(clients) && clients >= 1)) throw new RangeError(`clients must be a positive integer (got ${clients})`);
    const workload = options.workload ?? DEFAULT_WORKLOAD;
    const schedule = options.electionSchedule;
    const maxTerm = schedule !== undefined ? schedule.length : (options.maxTerm ?? 3);
    let operations = 0;
    for (let c = 0; c < clients; c++) operations += workload[c % workload.length].length;
    const maxLogLength = options.maxLogLength ?? operations;
    const maxCrashes = options.maxCrashes ?? 1;
    const recorder = new StoreHistoryRecorder(servers, clients);
    type A = Actor<RaftKvActorState, RaftMsg, RaftTimer, never, RaftStorage>;
    const server = raftServer({ serverCount: servers, flaws: options.flaws, heartbeatMs: options.heartbeats === false ? null : undefined }) as A;
    const client = raftClient({ serverCount: servers, workload, retryMs: options.clientRetries === false ? null : undefined }) as unknown as A;
    const serverState = (s: RaftKvState, id: Id) => s.actorStates[id] as RaftServerState;
    const properties: Property<RaftKvState>[] = [
      always('linearizable', (s) => s.history.isLinearizable()),
      always('election safety', (s) => electionSafe(s.actorStates, s.crashed, servers)),
      always('state machine safety', (s) => stateMachineSafe(s.actorStates, servers)),
      sometimes('value chosen', (s) => s.history.someValueRead()),
    ];
    for (const name of options.properties ?? []) {
      if (!properties.some((p) => p.name === name)) throw new RangeError(`unknown property ${JSON.stringify(name)}; the Raft store has ${properties.map((p) => JSON.stringify(p.name)).join(', ')}`);
    }
    super({
      actors: [...new Array<A>(servers).fill(server), ...new Array<A>(clients).fill(client)],
      network: options.network ?? 'unordered-duplicating',
      lossy: options.lossy ?? true,
      maxCrashes,
      history: recorder.initial,
      recordOut: recorder.recordOut,
      recordIn: recorder.recordIn,
      withinBoundary: (s) => {
        for (let id = 0; id < s.actorStates.length; id++) {
          if (id >= servers) {
            if (s.crashed[id]) return false; // a client's crash is not the store's business
            continue;
          }
          const x = serverState(s, id);
          if (x.term > maxTerm || x.log.length > maxLogLength) return false;
          if (schedule !== undefined && x.votedFor === id && schedule[x.term - 1] !== id) return false;
        }
        return true;
      },
      properties: options.properties === undefined ? properties : properties.filter((p) => options.properties!.includes(p.name)),
      variantOrder: [...RAFT_MESSAGE_VARIANTS],
      formatMessage: formatRaftMessage,
    });
    this.serverCount = servers;
    this.clientCount = clients;
    this.maxTerm = maxTerm;
    this.maxLogLength = maxLogLength;
  }

  override initStates(): RaftKvState[] {
    const script = this.options.startAfter;
    if (script === undefined || script.length === 0) return super.initStates();
    this.startAfter ??= followScript(this, super.initStates()[0], script);
    return [this.startAfter];
  }

  private startAfter: RaftKvState | undefined;

  /** `server 0` or `client 3`. */
  roleName(id: Id): string {
    return id < this.serverCount ? `server ${id}` : `client ${id}`;
  }

  override formatState(s: RaftKvState): string {
    const lines = s.actorStates.map((state, id) => {
      const crashed = s.crashed[id] ? ' (crashed)' : '';
      if (id < this.serverCount) {
        return `${this.roleName(id)}${crashed}: ${describeRaftServer(state as RaftServerState)}`;
      }
      const [seq, target] = state as RaftClientState;
      return `${this.roleName(id)}${crashed}: awaits operation #${seq} from server ${target}`;
    });
    const inFlight = allEnvelopes(s.network).map((e) => `${this.formatMessage(e.msg)} ${this.roleName(e.src)} → ${this.roleName(e.dst)}`);
    lines.push(`in flight: ${inFlight.length === 0 ? 'nothing' : inFlight.join('; ')}`);
    lines.push(...s.history.describe((c) => this.roleName(c + this.serverCount)));
    lines.push(`history: ${s.history.isLinearizable() ? 'linearizable' : 'NOT linearizable'}`);
    return lines.join('\n');
  }

  /** An action in words, e.g. `server 1 receives Request(#1, put x "A") from client 3`. */
  describeAction(a: RaftKvAction): string {
    switch (a.kind) {
      case 'deliver':
        return `${this.roleName(a.dst)} receives ${this.formatMessage(a.msg)} from ${this.roleName(a.src)}`;
      case 'drop':
        return `the network loses ${this.formatMessage(a.envelope.msg)} from ${this.roleName(a.envelope.src)} to ${this.roleName(a.envelope.dst)}`;
      case 'timeout':
        return `${this.roleName(a.id)}'s ${a.timer} timer fires`;
      case 'crash':
        return `${this.roleName(a.id)} crashes`;
      case 'recover':
        return `${this.roleName(a.id)} recovers from its stable storage`;
      default:
        return this.formatAction(a);
    }
  }
}

export function raftKvSystem(options: RaftKvOptions = {}): RaftKvSystem {
  return new RaftKvSystem(options);
}
