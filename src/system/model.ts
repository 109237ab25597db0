/**
 * A system module as a model: `servers` copies of its server actor followed by `clients` copies
 * of its client actor, a network, the history the clients record (checked at every state), and
 * the properties:
 *
 * - `linearizable`, `sequentially consistent`, `causally consistent` (always), as the settings
 *   ask: what the clients observed could come from one copy of the system's object;
 * - the system's own properties.
 *
 * Crashes (`maxCrashes`) apply to servers only: a state with a crashed client is outside the
 * boundary (a client's crash is not the protocol's business, and a restarted client would reuse
 * its thread in the history). Servers then keep their state on stable storage.
 *
 * With `reliableLink` (systems that offer it), the actors run behind the ordered reliable link,
 * and after every step the network is rewritten so that the state space stays finite: one copy of
 * each link message in flight, none that can no longer change an actor (src/actor/link-reduction.ts
 * says why no behaviour that matters is lost).
 */
import { always, type Property } from '../checker/index.js';
import { ActorModel, allEnvelopes, type Actor, type ActorAction, type Id, type OperationEvent, type StepTrace } from '../actor/index.js';
import { DEFAULT_FAIR_KINDS } from '../actor/fairness.js';
import { settleLinkStep } from '../actor/link-reduction.js';
import type { SystemState } from '../actor/system-state.js';
import { HistoryRecorder, type PlainHistory, type RegisterHistory } from '../../register-models/history.js';
import { formatField, formatMessage as formatTagged } from '../../register-models/messages.js';
import { persistentServer } from './persistent.js';
import { TesterRecorder } from './tester-history.js';
import { describeWorkload, randomWorkload, shapesWorkload } from './workload.js';
import {
  CONSISTENCY_LEVELS,
  checkWorkloadFits,
  systemSettings,
  type ClientHistory,
  type SystemContext,
  type SystemModelState,
  type SystemModule,
  type SystemSettings,
} from './system.js';

type Recorder = {
  readonly initial: ClientHistory;
  recordOperation(h: ClientHistory, id: Id, e: OperationEvent): ClientHistory | undefined;
  /** Histories as plain data and back (register histories: for states sent between processes). */
  readonly codec?: { toPlain(h: ClientHistory): unknown; fromPlain(plain: unknown): ClientHistory };
};

/** The recorder of the clients' history: the register one for registers (faster), testers otherwise. */
function recorderFor(system: SystemModule<{ readonly type: string }, unknown, unknown, unknown>, s: SystemSettings): Recorder {
  const { model, init } = system.consistency;
  const sequential = s.consistency.includes('sequential');
  if (model === 'register' || model === 'write-once-register') {
    const r = new HistoryRecorder(s.servers, s.clients, model, sequential, undefined, init);
    return {
      initial: r.initial,
      recordOperation: (h, id, e) => r.recordOperation(h as RegisterHistory, id, e),
      codec: { toPlain: (h) => (h as RegisterHistory).toPlain(), fromPlain: (plain) => r.rebuild(plain as PlainHistory) },
    };
  }
  if (s.consistency.includes('causal')) throw new RangeError(`causal consistency is checked for read/write registers; ${system.name} is a ${model}`);
  return new TesterRecorder(model, init, s.servers, s.clients, sequential) as unknown as Recorder;
}

/**
 * The context the server and client factories get. The workload is the system's own
 * (`modelWorkload`) unless `randomised` (a workload option was given), then the random one.
 */
export function systemContext(system: SystemModule<{ readonly type: string }, unknown, unknown, unknown>, settings: SystemSettings, randomised = false): SystemContext {
  const own = randomised ? undefined : system.modelWorkload?.(settings);
  const workload = own ?? randomWorkload(settings);
  return {
    servers: settings.servers,
    clients: settings.clients,
    serverIds: Array.from({ length: settings.servers }, (_, i) => i),
    workload,
    timeoutMs: settings.timeoutMs,
    settings,
  };
}

export class SystemModel<Msg extends { readonly type: string }, ServerState, ClientState, Timer = never> extends ActorModel<
  ServerState | ClientState,
  Msg,
  ClientHistory,
  Timer,
  never,
  ServerState
> {
  readonly settings: SystemSettings;
  readonly context: SystemContext;
  /** A workload option was given, so the clients run the random workload (described in the configuration). */
  private readonly workloadRandomised: boolean;

  constructor(
    readonly system: SystemModule<Msg, ServerState, ClientState, Timer>,
    given: Partial<SystemSettings> = {},
  ) {
    const erased = system as unknown as SystemModule<{ readonly type: string }, unknown, unknown, unknown>;
    const s = systemSettings(erased, given);
    const positive = (what: string, n: number) => {
      if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${what} must be a positive integer (got ${n})`);
    };
    positive('servers', s.servers);
    positive('clients', s.clients);
    for (const level of s.consistency) if (!CONSISTENCY_LEVELS.includes(level)) throw new RangeError(`unknown consistency level ${JSON.stringify(level)}`);
    if (s.reliableLink === true && system.reliableLink !== true) throw new RangeError(`${system.name} does not run behind the ordered reliable link`);
    if (s.liveness === true && system.livenessProperties === undefined) throw new RangeError(`${system.name} has no liveness properties`);
    const randomised = shapesWorkload(given);
    if (randomised || erased.modelWorkload === undefined) checkWorkloadFits(erased, s);
    const context = systemContext(erased, s, randomised);
    const recorder = recorderFor(erased, s);
    type State = SystemModelState<ServerState, ClientState, Msg, Timer>;
    type A = Actor<ServerState | ClientState, Msg, Timer, never, ServerState>;
    // Behind the link, the link keeps the storage (SystemModule.reliableLink).
    const ownStorage = system.ownStorage === true || s.reliableLink === true;
    const server = (ownStorage ? system.server(context) : persistentServer(system.server(context), { persistent: s.persistentServers ?? s.maxCrashes > 0 })) as A;
    const client = system.client(context) as unknown as A;
    const properties: Property<State>[] = [];
    if (s.consistency.includes('linearizable')) properties.push(always('linearizable', (st) => st.history.isLinearizable()));
    if (s.consistency.includes('sequential')) properties.push(always('sequentially consistent', (st) => st.history.isSequentiallyConsistent()));
    if (s.consistency.includes('causal')) properties.push(always('causally consistent', (st) => st.history.isCausallyConsistent()));
    properties.push(...(system.properties?.(context) ?? []));
    if (s.liveness === true) properties.push(...(system.livenessProperties?.(context) ?? []));
    super({
      actors: [...new Array<A>(s.servers).fill(server), ...new Array<A>(s.clients).fill(client)],
      network: s.network,
      lossy: s.lossy,
      fair: s.fair,
      maxCrashes: s.maxCrashes,
      history: recorder.initial,
      recordOperation: (h, id, e) => recorder.recordOperation(h, id, e),
      historyCodec: recorder.codec,
      withinBoundary: s.maxCrashes > 0 ? (st) => !st.crashed.some((crashed, id) => crashed && id >= s.servers) : undefined,
      properties,
      variantOrder: system.messages.variantOrder,
      formatMessage: (m) => (system.formatMessage ? system.formatMessage(m) : formatTagged(m)),
    });
    this.settings = s;
    this.context = context;
    this.workloadRandomised = randomised;
    this.linked = s.reliableLink === true;
  }

  private readonly linked: boolean;

  /**
   * A step, then (behind the link) the acknowledgements it sent delivered at once and the network
   * rewritten, as src/actor/link-reduction.ts says.
   */
  override step(
    s: SystemModelState<ServerState, ClientState, Msg, Timer>,
    a: ActorAction<Msg, Timer>,
    trace?: StepTrace<Msg>,
  ): SystemState<ServerState | ClientState, Msg, ClientHistory, Timer, never, ServerState> | undefined {
    const next = super.step(s, a, trace);
    return next === undefined || !this.linked ? next : settleLinkStep(this, next);
  }

  get serverCount(): number {
    return this.settings.servers;
  }

  get clientCount(): number {
    return this.settings.clients;
  }

  /** `server 0` or `client 3`. */
  roleName(id: Id): string {
    return id < this.settings.servers ? `server ${id}` : `client ${id}`;
  }

  /** E.g. `3 servers, 2 clients, unordered-nonduplicating network, up to 1 crashed server`. */
  describeConfiguration(): string {
    const s = this.settings;
    const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const workload = this.workloadRandomised ? describeWorkload(s) : this.system.describeWorkload?.(s);
    const crashes = s.maxCrashes > 0 ? `, up to ${plural(s.maxCrashes, 'crashed server')}` : '';
    const levels = s.consistency;
    const usual = levels.includes('linearizable') && levels.every((l) => l === 'linearizable' || l === 'sequential');
    const checking = usual
      ? levels.includes('sequential')
        ? ', checking sequential consistency too'
        : ''
      : `, checking ${CONSISTENCY_LEVELS.filter((c) => levels.includes(c)).join(', ')}`;
    // Fairness is named only when it is not the default (deliveries and timeouts).
    const usualFairness = s.fair === undefined || (s.fair.length === DEFAULT_FAIR_KINDS.length && DEFAULT_FAIR_KINDS.every((k) => s.fair!.includes(k)));
    const fair = usualFairness ? '' : s.fair!.length === 0 ? ', no fair actions' : `, fair actions: ${s.fair!.join(', ')}`;
    return `${plural(s.servers, 'server')}, ${plural(s.clients, 'client')}${workload ? `, ${workload}` : ''}, ${s.network}${s.lossy ? ' lossy' : ''} network${crashes}${checking}${fair}`;
  }

  /** Each actor's state, the messages in flight and the verdicts, one per line. */
  override formatState(st: SystemModelState<ServerState, ClientState, Msg, Timer>): string {
    const lines = st.actorStates.map((state, id) => {
      const crashed = st.crashed[id] ? ' (crashed)' : '';
      const text =
        id < this.settings.servers
          ? (this.system.formatServer?.(state as ServerState) ?? formatField(state))
          : (this.system.formatClient?.(state as ClientState) ?? formatField(state));
      return `${this.roleName(id)}${crashed}: ${text}`;
    });
    const inFlight = allEnvelopes(st.network).map((e) => `${this.formatMessage(e.msg)} ${this.roleName(e.src)} → ${this.roleName(e.dst)}`);
    lines.push(`in flight: ${inFlight.length === 0 ? 'nothing' : inFlight.join('; ')}`);
    lines.push(`history: ${st.history.isLinearizable() ? 'linearizable' : 'NOT linearizable'}`);
    if (this.settings.consistency.includes('causal')) lines.push(`history: ${st.history.isCausallyConsistent() ? 'causally consistent' : 'NOT causally consistent'}`);
    return lines.join('\n');
  }

  /** An action in words, e.g. `server 1 receives Put(4, 'B') from client 4`. */
  describeAction(a: ActorAction<Msg, Timer>): string {
    const who = (id: Id) => this.roleName(id);
    switch (a.kind) {
      case 'deliver':
        return `${who(a.dst)} receives ${this.formatMessage(a.msg)} from ${who(a.src)}`;
      case 'drop':
        return `the network loses ${this.formatMessage(a.envelope.msg)} from ${who(a.envelope.src)} to ${who(a.envelope.dst)}`;
      case 'timeout':
        return `${who(a.id)}'s timer ${formatField(a.timer)} fires`;
      case 'crash':
        return `${who(a.id)} crashes`;
      case 'recover':
        return `${who(a.id)} recovers`;
      default:
        return this.formatAction(a);
    }
  }
}
