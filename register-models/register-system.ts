/**
 * A register system: `servers` copies of a protocol's server followed by `clients` clients
 * (§3.2), a network, the history hooks (§3.3) and the properties every register model has:
 *
 * - `linearizable` (always): what the clients observed could come from one register;
 * - `sequentially consistent` (always, optional): ditto, ignoring real time across clients;
 * - `causally consistent` (always, optional): each client is a session, and what it observed is
 *   causally consistent (CC, consistency/causal/);
 * - `value chosen` (sometimes): some deliverable `GetOk` carries a written value;
 * - `every client operation gets a reply` (eventually, with the `liveness` option): every client
 *   ends idle, its last request answered (clients send their next request as soon as one is
 *   answered, so "idle" is "done"), under the actor model's default fairness (docs/liveness.md).
 *
 * Crashes (`maxCrashes`) apply to servers only: a state with a crashed client is outside the
 * boundary (a client's crash is not the protocol's business, and a restarted client would reuse
 * its thread in the history). Servers then keep their state in stable storage by default.
 */
import { always, eventually, sometimes, type Property } from '../src/checker/index.js';
import {
  ActorModel,
  allEnvelopes,
  type Actor,
  type ActorAction,
  type ActorModelState,
  type Id,
  type Network,
  type NetworkKind,
} from '../src/actor/index.js';
import { describeClientState, registerClient, type ClientState } from './client.js';
import { HistoryRecorder, type PlainHistory, type RegisterHistory } from './history.js';
import { NO_VALUE, REGISTER_VARIANTS, formatField, formatMessage, roleName, type InternalMsg, type ProtocolMsg } from './messages.js';
import { registerServer, type RegisterProtocol } from './server.js';

export interface RegisterSystemOptions {
  readonly servers: number;
  readonly clients: number;
  /** Writes per client before its read. Default 1 (all of Stateright's examples). */
  readonly putCount?: number;
  /** Default `unordered-nonduplicating`. */
  readonly network?: NetworkKind;
  readonly lossy?: boolean;
  /** How many servers may be crashed at once. Default 0. */
  readonly maxCrashes?: number;
  /** Adds the `sequentially consistent` property. Default false. */
  readonly sequentialConsistency?: boolean;
  /**
   * The consistency properties checked (default: linearizable, plus sequential with
   * `sequentialConsistency`). `value chosen` is always checked.
   */
  readonly consistency?: readonly RegisterConsistency[];
  /** Clients read once before their writes too (see ClientOptions.readFirst). Default false. */
  readonly readFirst?: boolean;
  /** Servers save every state change and recover from it. Default: when `maxCrashes > 0`. */
  readonly persistentServers?: boolean;
  /**
   * Adds the liveness property `every client operation gets a reply`. Default false: Stateright's
   * register examples have no liveness property, and their state counts are kept.
   */
  readonly liveness?: boolean;
}

/** The consistency properties a register system can check. */
export type RegisterConsistency = 'linearizable' | 'sequential' | 'causal';

/** A server's protocol state or a client's state (actor ids tell which). */
export type RegisterActorState<S> = S | ClientState;

export type RegisterSystemState<S, Internal extends InternalMsg, Timer = never> = ActorModelState<
  RegisterActorState<S>,
  ProtocolMsg<Internal>,
  RegisterHistory,
  Timer,
  never,
  S
>;

export type RegisterSystemAction<Internal extends InternalMsg, Timer = never> = ActorAction<ProtocolMsg<Internal>, Timer>;

export class RegisterSystem<S, Internal extends InternalMsg, Timer = never> extends ActorModel<
  RegisterActorState<S>,
  ProtocolMsg<Internal>,
  RegisterHistory,
  Timer,
  never,
  S
> {
  readonly serverCount: number;
  readonly clientCount: number;
  /** Whether the `causally consistent` property is checked (then `formatState` shows its verdict). */
  private readonly checksCausal: boolean;

  constructor(
    readonly protocol: RegisterProtocol<S, Internal, Timer>,
    readonly options: RegisterSystemOptions,
  ) {
    const { servers, clients } = options;
    if (!(Number.isInteger(servers) && servers >= 1)) throw new RangeError(`servers must be a positive integer (got ${servers})`);
    if (!(Number.isInteger(clients) && clients >= 1)) throw new RangeError(`clients must be a positive integer (got ${clients})`);
    const maxCrashes = options.maxCrashes ?? 0;
    const checked = new Set<RegisterConsistency>(options.consistency ?? ['linearizable']);
    if (options.sequentialConsistency) checked.add('sequential');
    if (checked.has('causal') && (protocol.semantics ?? 'register') !== 'register') {
      throw new RangeError(`causal consistency is checked for read/write registers; ${protocol.name} is a ${protocol.semantics}`);
    }
    const recorder = new HistoryRecorder(servers, clients, protocol.semantics ?? 'register', checked.has('sequential'));
    type A = Actor<RegisterActorState<S>, ProtocolMsg<Internal>, Timer, never, S>;
    const server = registerServer(protocol.server(servers), { persistent: options.persistentServers ?? maxCrashes > 0 }) as A;
    const client = registerClient({ putCount: options.putCount ?? 1, serverCount: servers, readFirst: options.readFirst }) as unknown as A;
    const properties: Property<RegisterSystemState<S, Internal, Timer>>[] = [];
    if (checked.has('linearizable')) properties.push(always('linearizable', (s) => s.history.isLinearizable()));
    if (checked.has('sequential')) properties.push(always('sequentially consistent', (s) => s.history.isSequentiallyConsistent()));
    if (checked.has('causal')) properties.push(always('causally consistent', (s) => s.history.isCausallyConsistent()));
    properties.push(sometimes('value chosen', (s) => someValueIsDeliverable(s.network)));
    if (options.liveness === true) {
      properties.push(eventually('every client operation gets a reply', (s) => s.actorStates.every((state, id) => id < servers || (state as ClientState)[0] === null)));
    }
    super({
      actors: [...new Array<A>(servers).fill(server), ...new Array<A>(clients).fill(client)],
      network: options.network ?? 'unordered-nonduplicating',
      lossy: options.lossy ?? false,
      maxCrashes,
      history: recorder.initial,
      recordOut: recorder.recordOut,
      recordIn: recorder.recordIn,
      historyCodec: { toPlain: (h) => h.toPlain(), fromPlain: (plain) => recorder.rebuild(plain as PlainHistory) },
      withinBoundary: maxCrashes > 0 ? (s) => !s.crashed.some((crashed, id) => crashed && id >= servers) : undefined,
      properties,
      variantOrder: [...protocol.internalVariants, ...REGISTER_VARIANTS],
      formatMessage,
    });
    this.serverCount = servers;
    this.clientCount = clients;
    this.checksCausal = checked.has('causal');
  }

  /** `server 0` or `client 3`. */
  roleName(id: Id): string {
    return roleName(id, this.serverCount);
  }

  /** Each actor's state, the messages in flight and the verdicts, one per line. */
  override formatState(s: RegisterSystemState<S, Internal, Timer>): string {
    const lines = s.actorStates.map((state, id) => {
      const crashed = s.crashed[id] ? ' (crashed)' : '';
      if (id < this.serverCount) return `${this.roleName(id)}${crashed}: ${formatField(state)}`;
      return `${this.roleName(id)}${crashed}: ${describeClientState(state as ClientState)}`;
    });
    const inFlight = allEnvelopes(s.network).map((e) => `${this.formatMessage(e.msg)} ${this.roleName(e.src)} → ${this.roleName(e.dst)}`);
    lines.push(`in flight: ${inFlight.length === 0 ? 'nothing' : inFlight.join('; ')}`);
    lines.push(`history: ${s.history.isLinearizable() ? 'linearizable' : 'NOT linearizable'}`);
    if (this.checksCausal) lines.push(`history: ${s.history.isCausallyConsistent() ? 'causally consistent' : 'NOT causally consistent'}`);
    return lines.join('\n');
  }

  /** An action in words, e.g. `server 1 receives Put(4, 'B') from client 4`. */
  describeAction(a: RegisterSystemAction<Internal, Timer>): string {
    const who = (id: Id) => this.roleName(id);
    switch (a.kind) {
      case 'deliver':
        return `${who(a.dst)} receives ${this.formatMessage(a.msg)} from ${who(a.src)}`;
      case 'drop':
        return `the network loses ${this.formatMessage(a.envelope.msg)} from ${who(a.envelope.src)} to ${who(a.envelope.dst)}`;
      case 'crash':
        return `${who(a.id)} crashes`;
      case 'recover':
        return `${who(a.id)} recovers`;
      default:
        return this.formatAction(a);
    }
  }
}

/** `new RegisterSystem(protocol, options)`. */
export function registerSystem<S, Internal extends InternalMsg, Timer = never>(
  protocol: RegisterProtocol<S, Internal, Timer>,
  options: RegisterSystemOptions,
): RegisterSystem<S, Internal, Timer> {
  return new RegisterSystem(protocol, options);
}

/** "value chosen": a deliverable `GetOk` with a written value (flow heads only, on ordered networks). */
function someValueIsDeliverable<M extends { readonly type: string }>(net: Network<M>): boolean {
  const chosen = (m: M) => m.type === 'GetOk' && (m as unknown as { value: string }).value !== NO_VALUE;
  if (net.kind === 'ordered') {
    for (const f of net.flows) if (chosen(f.msgs[0])) return true;
    return false;
  }
  for (const e of net.envelopes) if (chosen(e.msg)) return true;
  return false;
}
