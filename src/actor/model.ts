/**
 * The actor model: a system of actors over a network, checked as a {@link Model} whose state is
 * the whole system (semantics of Stateright's `ActorModel`, §2 of the reference).
 */
import type { FairClassKey } from '../checker/liveness-graph.js';
import type { Model, StateSerializer } from '../checker/model.js';
import type { Property } from '../checker/property.js';
import { formatActorAction, type ActorAction } from './action.js';
import { Out, type Actor, type Command, type Id, type OperationEvent } from './actor.js';
import { Canon, type InternedEnvelope } from './canonical.js';
import { makeComparator, type Comparator } from './compare.js';
import { accountStorages, draftOf, hashRest, sameRest, seal, withAt, type Draft } from './draft.js';
import { actorFairClass, DEFAULT_FAIR_KINDS, type FairActionKind } from './fairness.js';
import { formatValue } from './format.js';
import {
  deliverable,
  emptyNetwork,
  envelopeComparator,
  indexOfEnvelope,
  onDeliver,
  onDrop,
  send,
  type Envelope,
  type NetworkKind,
} from './network.js';
import { duplicatingAfter, multisetAfter, orderedAfter, runHandler } from './delivery.js';
import { HashedFlow, findFlow } from './ordered-flows.js';
import { SystemState, accountActor, noHashes } from './system-state.js';
import { actorStateSerializer, type HistoryCodec } from './serializer.js';
import type { ActorModelState } from './state.js';

export type { ActorModelState, RandomEntry } from './state.js';

export interface ActorModelConfig<State, Msg, History = undefined, Timer = never, Random = never, Storage = never> {
  /** Actor i has id i. */
  readonly actors: readonly Actor<State, Msg, Timer, Random, Storage>[];
  /** Default `unordered-duplicating`. */
  readonly network?: NetworkKind;
  /** Envelopes in the network before the actors start. */
  readonly initNetwork?: readonly Envelope<Msg>[];
  /** Adds Drop actions. Default false. */
  readonly lossy?: boolean;
  /**
   * The fair action kinds for liveness properties (fairness.ts). Default: deliveries (weakly
   * fair, or strongly fair on a lossy network: fair loss) and timeouts.
   */
  readonly fair?: readonly FairActionKind[];
  /** Bound on simultaneously crashed actors. Default 0. */
  readonly maxCrashes?: number;
  /**
   * How the actors' timer sets enter state identity. `per-actor` (default): each set on its own.
   * `concatenated` reproduces Stateright 0.31's fingerprint, which hashes the list of timer sets
   * as each set's element hashes one after the other, with no length between sets: a timer can
   * pass to the neighbouring actor without changing the fingerprint (actor 0 holding {E} and
   * actor 1 {R} is one state with actor 0 holding {E, R} and actor 1 nothing), and the first of
   * such states reached stands for all of them. That is coarser than the system, so a check can
   * miss behaviour: use it only to reproduce Stateright's counts (its Raft example needs it).
   * Each set runs in the model's timer order, standing in for the order of the timers' 64-bit
   * hashes in Stateright (they agree for the Raft example's timers).
   */
  readonly timerIdentity?: 'per-actor' | 'concatenated';
  /** The auxiliary history (e.g. a consistency tester); part of state identity. */
  readonly history?: History;
  /**
   * Runs on every non-ignored delivery, before it is applied; return a new history or nothing.
   * Envelopes handed to the hooks are canonical: equal envelopes are the same object (while the
   * model's tables last), so a hook may cache by envelope identity.
   */
  readonly recordIn?: (history: History, envelope: Envelope<Msg>) => History | undefined;
  /** Runs on every send command as it is processed; return a new history or nothing. */
  readonly recordOut?: (history: History, envelope: Envelope<Msg>) => History | undefined;
  /** Runs on every `record` command (a client's operation event); return a new history or nothing. */
  readonly recordOperation?: (history: History, id: Id, event: OperationEvent) => History | undefined;
  readonly withinBoundary?: (state: ActorModelState<State, Msg, History, Timer, Random, Storage>) => boolean;
  readonly properties: readonly Property<ActorModelState<State, Msg, History, Timer, Random, Storage>>[];
  /**
   * Enum variant names (the `type` field of messages, timers and random choices) in declaration
   * order; this fixes the action order (see `makeComparator`).
   */
  readonly variantOrder?: readonly string[];
  readonly formatMessage?: (msg: Msg) => string;
  /**
   * How many canonical actor states, envelopes and memoised deliveries the model keeps before it
   * starts over (default 2,000,000). Handlers must be pure: a delivery's outcome is computed once
   * per distinct actor state and envelope. Lower it to cap memory; counts never depend on it.
   */
  readonly memoLimit?: number;
  /**
   * How the history crosses machines in a cluster run (src/cluster/). Without it, a model with a
   * history has no `stateSerializer`; a model without a history needs none.
   */
  readonly historyCodec?: HistoryCodec<History>;
}

/** What a step emitted, for sequence charts. */
export interface StepTrace<Msg> {
  sends: Envelope<Msg>[];
}

export class ActorModel<State, Msg, History = undefined, Timer = never, Random = never, Storage = never>
  implements Model<ActorModelState<State, Msg, History, Timer, Random, Storage>, ActorAction<Msg, Timer, Random>>
{
  readonly compare: Comparator;
  readonly networkKind: NetworkKind;
  readonly lossy: boolean;
  readonly maxCrashes: number;
  private readonly concatenateTimers: boolean;
  /** States as bytes for cluster runs (see serializer.ts); absent when the history has no codec. */
  readonly stateSerializer: StateSerializer<ActorModelState<State, Msg, History, Timer, Random, Storage>> | undefined;
  private readonly envCompare: (a: Envelope<Msg>, b: Envelope<Msg>) => number;
  /** Canonical actor states and envelopes, and the memo of deliveries (see `canonical.ts`). */
  private readonly canon: Canon<State, Msg, Timer, Random, Storage>;
  /** The fairness class of an action (fairness.ts). */
  readonly fairClass: (action: ActorAction<Msg, Timer, Random>) => FairClassKey | undefined;

  constructor(readonly config: ActorModelConfig<State, Msg, History, Timer, Random, Storage>) {
    this.compare = makeComparator(config.variantOrder);
    this.envCompare = envelopeComparator<Msg>(this.compare);
    this.networkKind = config.network ?? 'unordered-duplicating';
    this.lossy = config.lossy ?? false;
    this.maxCrashes = config.maxCrashes ?? 0;
    this.concatenateTimers = config.timerIdentity === 'concatenated';
    this.canon = new Canon(config.memoLimit);
    this.fairClass = actorFairClass(config.fair ?? DEFAULT_FAIR_KINDS, this.lossy);
    this.stateSerializer =
      config.history === undefined || config.historyCodec !== undefined ? actorStateSerializer((s) => this.stored(s), config.historyCodec) : undefined;
    const names = new Set<string>();
    for (const p of config.properties) {
      if (names.has(p.name)) throw new Error(`duplicate property name "${p.name}"`);
      names.add(p.name);
    }
  }

  get actorCount(): number {
    return this.config.actors.length;
  }

  initStates(): ActorModelState<State, Msg, History, Timer, Random, Storage>[] {
    return [this.initState()];
  }

  /** The single init state; `trace` receives the sends of every actor's start handler. */
  initState(trace?: StepTrace<Msg>): SystemState<State, Msg, History, Timer, Random, Storage> {
    const n = this.actorCount;
    let network = emptyNetwork<Msg>(this.networkKind);
    for (const e of this.config.initNetwork ?? []) network = send(network, e, this.envCompare);
    const actorStates: State[] = [];
    const d: Draft<State, Msg, History, Timer, Random, Storage> = {
      actorStates,
      network,
      timers: Array.from({ length: n }, () => []),
      randomChoices: Array.from({ length: n }, () => []),
      crashed: new Array<boolean>(n).fill(false),
      history: this.config.history as History,
      storages: new Array<Storage | undefined>(n).fill(undefined),
    };
    this.config.actors.forEach((actor, id) => {
      const out = new Out<Msg, Timer, Random, Storage>();
      actorStates.push(actor.onStart(id, undefined, out));
      this.process(d, undefined, id, out.commands, trace);
    });
    return seal(d, undefined, this.canon, this.concatenateTimers);
  }

  actions(s: ActorModelState<State, Msg, History, Timer, Random, Storage>, out: ActorAction<Msg, Timer, Random>[]): void {
    const n = this.actorCount;
    // Indexed loops, no closures or filtered copies: this runs once per expanded state.
    const envs = deliverable(s.network);
    if (this.lossy) for (let i = 0; i < envs.length; i++) out.push({ kind: 'drop', envelope: envs[i] });
    for (let i = 0; i < envs.length; i++) {
      const e = envs[i];
      if (e.dst < n) out.push({ kind: 'deliver', src: e.src, dst: e.dst, msg: e.msg });
    }
    const timers = s.timers;
    for (let id = 0; id < timers.length; id++) {
      const ts = timers[id];
      for (let i = 0; i < ts.length; i++) out.push({ kind: 'timeout', id, timer: ts[i] });
    }
    const crashed = s.crashed;
    let crashedCount = 0;
    for (let id = 0; id < crashed.length; id++) if (crashed[id]) crashedCount++;
    if (crashedCount < this.maxCrashes) for (let id = 0; id < crashed.length; id++) if (!crashed[id]) out.push({ kind: 'crash', id });
    if (crashedCount > 0) for (let id = 0; id < crashed.length; id++) if (crashed[id]) out.push({ kind: 'recover', id });
    const randomChoices = s.randomChoices;
    for (let id = 0; id < randomChoices.length; id++) {
      const entries = randomChoices[id];
      for (let j = 0; j < entries.length; j++) {
        const { key, choices } = entries[j];
        for (const choice of [...choices].sort(this.compare)) out.push({ kind: 'selectRandom', id, key, choice });
      }
    }
  }

  nextState(
    s: ActorModelState<State, Msg, History, Timer, Random, Storage>,
    a: ActorAction<Msg, Timer, Random>,
  ): SystemState<State, Msg, History, Timer, Random, Storage> | undefined {
    return this.step(s, a);
  }

  /**
   * `nextState`, optionally reporting what the step sent (for sequence charts). A state not built
   * by an actor model (e.g. written by hand) is adopted first: its hashes are computed in full.
   */
  step(
    s: ActorModelState<State, Msg, History, Timer, Random, Storage>,
    a: ActorAction<Msg, Timer, Random>,
    trace?: StepTrace<Msg>,
  ): SystemState<State, Msg, History, Timer, Random, Storage> | undefined {
    const base = this.stored(s);
    if (a.kind === 'deliver') return this.deliver(base, a, trace);
    const d = this.draftStep(base, a, trace);
    return d === undefined ? undefined : seal(d, base, this.canon, this.concatenateTimers);
  }

  /**
   * The state as the model stores it: a {@link SystemState} that knows its fingerprint. States the
   * model built are returned as they are; others (e.g. written by hand) are hashed in full.
   */
  stored(s: ActorModelState<State, Msg, History, Timer, Random, Storage>): SystemState<State, Msg, History, Timer, Random, Storage> {
    return s instanceof SystemState ? s : seal(draftOf(s), undefined, this.canon, this.concatenateTimers);
  }

  /**
   * A delivery, the step a model check takes millions of times: the handler's outcome comes from
   * the memo, and the successor is built directly, its hashes adjusted for the one actor and the
   * few envelopes that changed.
   */
  private deliver(
    s: SystemState<State, Msg, History, Timer, Random, Storage>,
    a: Extract<ActorAction<Msg, Timer, Random>, { kind: 'deliver' }>,
    trace: StepTrace<Msg> | undefined,
  ): SystemState<State, Msg, History, Timer, Random, Storage> | undefined {
    const dst = a.dst;
    const actor = this.config.actors[dst];
    if (actor === undefined || s.crashed[dst]) return undefined;
    const net = s.network;
    // The delivered envelope (canonical), and where it is: an index, or its flow.
    let delivered: InternedEnvelope<Msg> | undefined;
    let at = -1;
    let flow: HashedFlow<Msg> | undefined;
    if (net.kind === 'ordered') {
      flow = findFlow(net.flows as readonly HashedFlow<Msg>[], a.src, dst);
      if (flow !== undefined) delivered = flow.msgs[0] === a.msg ? flow.head : this.canon.envelope({ src: a.src, dst, msg: a.msg });
    } else {
      at = indexOfEnvelope(net.envelopes, a, this.envCompare);
      if (at >= 0) delivered = this.canon.envelope(net.envelopes[at]);
    }
    if (delivered === undefined) {
      // Not in flight: deliver it anyway, as the general step does (paths may be replayed by hand).
      const d = this.draftStep(s, a, trace);
      return d === undefined ? undefined : seal(d, s, this.canon, this.concatenateTimers);
    }
    const from = this.canon.actorState(s.actorStates[dst]);
    let outcome = this.canon.delivery(from, delivered);
    if (outcome === undefined) {
      outcome = runHandler(actor, dst, from.value, delivered.value, this.canon, this.envCompare);
      this.canon.remember(from, delivered, outcome);
    }
    const next = outcome.next;
    const sends = outcome.sends;
    // A no-op delivery is no transition, except on an ordered network (the message leaves its flow).
    if (next === undefined && sends.length === 0 && outcome.others.length === 0 && net.kind !== 'ordered') return undefined;

    const h = this.hashes;
    s.readHashes(h);
    let history = s.history;
    const recordIn = this.config.recordIn;
    if (recordIn !== undefined) {
      const recorded = recordIn(history, delivered.value);
      if (recorded !== undefined) history = recorded;
    }
    const recordOut = this.config.recordOut;
    for (let i = 0; i < sends.length; i++) {
      const e = sends[i].value;
      if (recordOut !== undefined) {
        const recorded = recordOut(history, e);
        if (recorded !== undefined) history = recorded;
      }
      trace?.sends.push(e);
    }
    const network =
      net.kind === 'ordered'
        ? orderedAfter(net.flows as readonly HashedFlow<Msg>[], flow!, dst, sends, h)
        : net.kind === 'unordered-duplicating'
          ? duplicatingAfter(net, outcome, delivered.value, this.envCompare, h)
          : multisetAfter(net, at, outcome, delivered, this.envCompare, h);

    let actorStates = s.actorStates;
    if (next !== undefined) {
      const copy = actorStates.slice();
      copy[dst] = next.value;
      actorStates = copy;
      accountActor(h, dst, from, -1);
      accountActor(h, dst, next, 1);
    }
    // One draft object reused for every delivery (allocating one per step was measurable garbage).
    const d = (this.scratch ??= draftOf(s));
    d.actorStates = actorStates;
    d.network = network;
    d.timers = s.timers;
    d.randomChoices = s.randomChoices;
    d.crashed = s.crashed;
    d.history = history;
    d.storages = s.storages;
    if (outcome.others.length > 0) {
      this.process(d, s, dst, outcome.others, undefined);
      accountStorages(d.storages, s.storages, this.canon, h);
    }
    if (!sameRest(d, s)) hashRest(d, h, this.concatenateTimers);
    const made = new SystemState(actorStates, network, d.timers, d.randomChoices, d.crashed, d.history, d.storages, h);
    d.history = s.history; // (drop references the scratch draft would otherwise keep alive)
    d.network = s.network;
    return made;
  }

  private readonly hashes = noHashes();
  private scratch: Draft<State, Msg, History, Timer, Random, Storage> | undefined;

  /** Every other step, on a draft that the caller seals. */
  private draftStep(
    s: ActorModelState<State, Msg, History, Timer, Random, Storage>,
    a: ActorAction<Msg, Timer, Random>,
    trace?: StepTrace<Msg>,
  ): Draft<State, Msg, History, Timer, Random, Storage> | undefined {
    switch (a.kind) {
      case 'drop': {
        const d = draftOf(s);
        d.network = onDrop(s.network, a.envelope, this.envCompare);
        return d;
      }
      case 'deliver': {
        const actor = this.config.actors[a.dst];
        if (actor === undefined || s.crashed[a.dst]) return undefined;
        const out = new Out<Msg, Timer, Random, Storage>();
        const next = actor.onMsg?.(a.dst, s.actorStates[a.dst], a.src, a.msg, out);
        const touched = next !== undefined;
        if (!touched && out.commands.length === 0 && this.networkKind !== 'ordered') return undefined;
        const env = this.canon.envelope({ src: a.src, dst: a.dst, msg: a.msg }).value;
        const recorded = this.config.recordIn?.(s.history, env);
        const d = draftOf(s);
        d.network = onDeliver(s.network, env, this.envCompare);
        if (touched) d.actorStates = withAt(d.actorStates, s.actorStates, a.dst, next as State);
        if (recorded !== undefined) d.history = recorded;
        this.process(d, s, a.dst, out.commands, trace);
        return d;
      }
      case 'timeout': {
        const actor = this.config.actors[a.id];
        const out = new Out<Msg, Timer, Random, Storage>();
        const next = actor.onTimeout?.(a.id, s.actorStates[a.id], a.timer, out);
        const touched = next !== undefined;
        const c = out.commands;
        if (!touched && c.length === 1 && c[0].kind === 'setTimer' && this.compare(c[0].timer, a.timer) === 0) {
          return undefined; // it merely re-armed itself
        }
        const d = draftOf(s);
        d.timers = withAt(d.timers, s.timers, a.id, s.timers[a.id].filter((t) => this.compare(t, a.timer) !== 0));
        if (touched) d.actorStates = withAt(d.actorStates, s.actorStates, a.id, next as State);
        this.process(d, s, a.id, c, trace);
        return d;
      }
      case 'crash': {
        const d = draftOf(s);
        d.timers = withAt(d.timers, s.timers, a.id, []);
        d.randomChoices = withAt(d.randomChoices, s.randomChoices, a.id, []);
        d.crashed = withAt(d.crashed, s.crashed, a.id, true);
        return d;
      }
      case 'recover': {
        const out = new Out<Msg, Timer, Random, Storage>();
        const d = draftOf(s);
        d.actorStates = withAt(d.actorStates, s.actorStates, a.id, this.config.actors[a.id].onStart(a.id, s.storages[a.id], out));
        d.crashed = withAt(d.crashed, s.crashed, a.id, false);
        this.process(d, s, a.id, out.commands, trace);
        return d;
      }
      case 'selectRandom': {
        const actor = this.config.actors[a.id];
        const out = new Out<Msg, Timer, Random, Storage>();
        const next = actor.onRandom?.(a.id, s.actorStates[a.id], a.choice, out);
        const d = draftOf(s);
        d.randomChoices = withAt(d.randomChoices, s.randomChoices, a.id, s.randomChoices[a.id].filter((e) => e.key !== a.key));
        if (next !== undefined) d.actorStates = withAt(d.actorStates, s.actorStates, a.id, next);
        this.process(d, s, a.id, out.commands, trace);
        return d;
      }
    }
  }

  withinBoundary(s: ActorModelState<State, Msg, History, Timer, Random, Storage>): boolean {
    return this.config.withinBoundary ? this.config.withinBoundary(s) : true;
  }

  properties(): Property<ActorModelState<State, Msg, History, Timer, Random, Storage>>[] {
    return [...this.config.properties];
  }

  formatMessage(msg: Msg): string {
    return this.config.formatMessage ? this.config.formatMessage(msg) : formatValue(msg);
  }

  formatAction(a: ActorAction<Msg, Timer, Random>): string {
    return formatActorAction(a, (m) => this.formatMessage(m));
  }

  formatState(s: ActorModelState<State, Msg, History, Timer, Random, Storage>): string {
    return formatValue({ ...s });
  }

  /** Applies commands in emission order (§2.2). */
  private process(
    d: Draft<State, Msg, History, Timer, Random, Storage>,
    base: ActorModelState<State, Msg, History, Timer, Random, Storage> | undefined,
    id: Id,
    commands: readonly Command<Msg, Timer, Random, Storage>[],
    trace: StepTrace<Msg> | undefined,
  ): void {
    for (const c of commands) {
      switch (c.kind) {
        case 'send': {
          const env = this.canon.envelope({ src: id, dst: c.dst, msg: c.msg }).value;
          const h = this.config.recordOut?.(d.history, env);
          if (h !== undefined) d.history = h;
          d.network = send(d.network, env, this.envCompare);
          trace?.sends.push(env);
          break;
        }
        case 'setTimer': {
          const ts = d.timers[id];
          if (!ts.some((t) => this.compare(t, c.timer) === 0)) d.timers = withAt(d.timers, base?.timers, id, [...ts, c.timer].sort(this.compare));
          break;
        }
        case 'cancelTimer':
          d.timers = withAt(d.timers, base?.timers, id, d.timers[id].filter((t) => this.compare(t, c.timer) !== 0));
          break;
        case 'chooseRandom': {
          const rest = d.randomChoices[id].filter((e) => e.key !== c.key);
          if (c.choices.length > 0) rest.push({ key: c.key, choices: [...c.choices] });
          d.randomChoices = withAt(d.randomChoices, base?.randomChoices, id, rest.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)));
          break;
        }
        case 'save':
          d.storages = withAt(d.storages, base?.storages, id, c.storage);
          break;
        case 'record': {
          const h = this.config.recordOperation?.(d.history, id, c.event);
          if (h !== undefined) d.history = h;
          break;
        }
      }
    }
  }
}
