/**
 * The register protocols as system modules: a protocol's server (behind the register messages),
 * the register client with Stateright's workload, and the register's history, checked at every
 * state against the register (or write-once register) semantics, plus one property every
 * register model has:
 *
 * - `value chosen` (sometimes): some deliverable `GetOk` carries a written value;
 * - `every client operation gets a reply` (eventually, with the `liveness` option): every client
 *   ends idle, its last request answered (clients send their next request as soon as one is
 *   answered, so "idle" is "done"), under the actor model's default fairness (docs/liveness.md).
 *
 * With `reliableLink`, every server and client runs behind the ordered reliable link
 * (src/actor/ordered-reliable-link.ts): each message is numbered, resent until acknowledged and
 * handed over once, in order (a message the wrapped actor ignores counts as handed over, unless
 * `linkKeepsIgnored`: then it is not taken and comes again, as it would stay in flight on the
 * model's unordered network). The system model keeps the state space finite by rewriting the
 * network after each step (src/actor/link-reduction.ts: one copy of a link message in flight,
 * none that can no longer change an actor). A server behind the link is wrapped as
 * link(persistent server), so that a recovering server restores the link's bookkeeping, re-arms
 * its resend timer, and restores its own state when servers are persistent.
 *
 * `registerSystem(protocol, options)` builds the model directly, as the tests and benchmarks do.
 */
import { eventually, sometimes } from '../src/checker/index.js';
import { isLinkState, orderedReliableLink, type Actor, type ActorAction, type Network, type NetworkKind } from '../src/actor/index.js';
import type { Strategy } from '../src/checker/index.js';
import type { FairActionKind } from '../src/actor/index.js';
import { SystemModel } from '../src/system/model.js';
import { persistentServer } from '../src/system/persistent.js';
import { defineSystem, type ConsistencyLevel, type SystemContext, type SystemModelState, type SystemModule, type SystemSettings } from '../src/system/system.js';
import { describeClientState, registerClient, staterightWorkload, type ClientState, type ClientTimer } from './client.js';
import { NO_VALUE, formatField, registerMessageSchema, type InternalMsg, type ProtocolMsg } from './messages.js';
import type { RegisterProtocol } from './server.js';

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
  /** Clients give up on a request after this many ms (a timer in the model). Default: never. */
  readonly timeoutMs?: number;
  /** Servers and clients talk through the ordered reliable link (see above). Default false. */
  readonly reliableLink?: boolean;
  /** Behind the link, a message an actor ignores is not taken and comes again (see above). Default false. */
  readonly linkKeepsIgnored?: boolean;
  /**
   * The fair action kinds of the liveness analysis. Default `['deliver', 'timeout']`: deliveries
   * weakly fair (strongly on a lossy network: fair loss) and timers (docs/liveness.md).
   */
  readonly fair?: readonly FairActionKind[];
}

/** The consistency properties a register system can check. */
export type RegisterConsistency = ConsistencyLevel;

/** A server's protocol state or a client's state (actor ids tell which). */
export type RegisterActorState<S> = S | ClientState;

export type RegisterSystemState<S, Internal extends InternalMsg> = SystemModelState<S, ClientState, ProtocolMsg<Internal>, ClientTimer>;

export type RegisterSystemAction<Internal extends InternalMsg> = ActorAction<ProtocolMsg<Internal>, ClientTimer>;

export interface RegisterModuleDefaults {
  readonly servers: number;
  readonly clients?: number;
  readonly strategy: Strategy;
  readonly consistency?: readonly RegisterConsistency[];
  readonly putCount?: number;
  readonly readFirst?: boolean;
  /** Adds the liveness property `every client operation gets a reply`. */
  readonly liveness?: boolean;
  /** Servers and clients talk through the ordered reliable link. */
  readonly reliableLink?: boolean;
}

/** A register protocol as a system module (what `--module` loads and the catalog lists). */
export function registerSystemModule<S, I extends InternalMsg>(
  protocol: RegisterProtocol<S, I>,
  summary: string,
  defaults: RegisterModuleDefaults,
  flaw?: string,
): SystemModule<ProtocolMsg<I>, S, ClientState, ClientTimer> {
  const putCount = defaults.putCount ?? 1;
  const readFirst = defaults.readFirst ?? false;
  type State = SystemModelState<S, ClientState, ProtocolMsg<I>, ClientTimer>;
  type Wrappable = Actor<unknown, unknown, unknown>;
  const linked = (ctx: SystemContext): boolean => ctx.settings.reliableLink === true;
  const linkOptions = (ctx: SystemContext) => ({ ignored: ctx.settings.linkKeepsIgnored === true ? ('kept' as const) : ('handed over' as const) });
  return defineSystem<ProtocolMsg<I>, S, ClientState, ClientTimer>({
    name: protocol.name,
    summary,
    flaw,
    messages: protocol.messages.with(registerMessageSchema),
    reliableLink: true,
    server: (ctx) => {
      if (!linked(ctx)) return protocol.server(ctx.servers);
      const persistent = ctx.settings.persistentServers ?? ctx.settings.maxCrashes > 0;
      return orderedReliableLink(persistentServer(protocol.server(ctx.servers), { persistent }) as Wrappable, linkOptions(ctx)) as never;
    },
    client: (ctx) => (linked(ctx) ? (orderedReliableLink(registerClient(ctx) as Wrappable, linkOptions(ctx)) as never) : registerClient(ctx)),
    consistency: { model: protocol.semantics ?? 'register', init: NO_VALUE, levels: defaults.consistency },
    properties: () => [sometimes('value chosen', (s: State) => someValueIsDeliverable(s.network))],
    livenessProperties: (ctx) => [
      eventually('every client operation gets a reply', (s: State) => s.actorStates.every((state, id) => id < ctx.servers || own<ClientState>(state)[0] === null)),
    ],
    defaults: {
      servers: defaults.servers,
      clients: defaults.clients ?? 2,
      strategy: defaults.strategy,
      operations: putCount + (readFirst ? 2 : 1),
      liveness: defaults.liveness,
      reliableLink: defaults.reliableLink,
    },
    modelWorkload: () => staterightWorkload({ putCount, readFirst }),
    describeWorkload: (settings) =>
      [readFirst ? `clients read, write ${putCount}×, read` : '', settings.reliableLink !== true ? '' : settings.linkKeepsIgnored === true ? 'ordered reliable link keeping ignored messages' : 'ordered reliable link'].filter((w) => w !== '').join(', '),
    formatClient: (state) => describeClientState(own<ClientState>(state)),
    formatServer: (state) => formatField(own<S>(state)),
  });
}

/** An actor's own state: behind the link, the link's state holds it in `wrapped`. */
const own = <T>(state: unknown): T => (isLinkState(state) ? (state.wrapped as T) : (state as T));

export class RegisterSystem<S, I extends InternalMsg> extends SystemModel<ProtocolMsg<I>, S, ClientState, ClientTimer> {
  constructor(
    readonly protocol: RegisterProtocol<S, I>,
    options: RegisterSystemOptions,
  ) {
    const consistency = new Set<RegisterConsistency>(options.consistency ?? ['linearizable']);
    if (options.sequentialConsistency) consistency.add('sequential');
    if (consistency.has('causal') && (protocol.semantics ?? 'register') !== 'register') {
      throw new RangeError(`causal consistency is checked for read/write registers; ${protocol.name} is a ${protocol.semantics}`);
    }
    const module = registerSystemModule(protocol, protocol.name, {
      servers: options.servers,
      strategy: 'bfs',
      putCount: options.putCount,
      readFirst: options.readFirst,
    });
    const settings: Partial<SystemSettings> = {
      servers: options.servers,
      clients: options.clients,
      network: options.network,
      lossy: options.lossy,
      maxCrashes: options.maxCrashes,
      consistency: [...consistency],
      timeoutMs: options.timeoutMs,
      persistentServers: options.persistentServers,
      liveness: options.liveness,
      reliableLink: options.reliableLink,
      linkKeepsIgnored: options.linkKeepsIgnored,
      fair: options.fair,
    };
    super(module, settings);
  }
}

/** `new RegisterSystem(protocol, options)`. */
export function registerSystem<S, I extends InternalMsg>(protocol: RegisterProtocol<S, I>, options: RegisterSystemOptions): RegisterSystem<S, I> {
  return new RegisterSystem(protocol, options);
}

/**
 * "value chosen": a deliverable `GetOk` with a written value (flow heads only, on ordered
 * networks), also inside the link's `Deliver`.
 */
function someValueIsDeliverable<M extends { readonly type: string }>(net: Network<M>): boolean {
  const chosen = (m: M): boolean =>
    m.type === 'Deliver' ? chosen((m as unknown as { msg: M }).msg) : m.type === 'GetOk' && (m as unknown as { value: string }).value !== NO_VALUE;
  if (net.kind === 'ordered') {
    for (const f of net.flows) if (chosen(f.msgs[0])) return true;
    return false;
  }
  for (const e of net.envelopes) if (chosen(e.msg)) return true;
  return false;
}

export { formatField };
