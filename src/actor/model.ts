/**
 * The actor model: a system of actors over a network, checked as a {@link Model} whose state is
 * the whole system (semantics of Stateright's `ActorModel`, §2 of the reference).
 */
import type { Model } from '../checker/model.js';
import type { Property } from '../checker/property.js';
import { formatActorAction, type ActorAction } from './action.js';
import { Out, type Actor, type Command, type Id } from './actor.js';
import { makeComparator, type Comparator } from './compare.js';
import { formatValue } from './format.js';
import {
  deliverable,
  emptyNetwork,
  envelopeComparator,
  onDeliver,
  onDrop,
  send,
  type Envelope,
  type Network,
  type NetworkKind,
} from './network.js';

/** The whole system. Every component is part of state identity. */
export interface ActorModelState<State, Msg, History = undefined, Timer = never, Random = never, Storage = never> {
  readonly actorStates: readonly State[];
  readonly network: Network<Msg>;
  /** Per actor: the armed timers, a set kept sorted. */
  readonly timers: readonly (readonly Timer[])[];
  /** Per actor: random-choice keys (sorted) with their choices. */
  readonly randomChoices: readonly (readonly RandomEntry<Random>[])[];
  readonly crashed: readonly boolean[];
  readonly history: History;
  readonly storages: readonly (Storage | undefined)[];
}

export interface RandomEntry<Random> {
  readonly key: string;
  readonly choices: readonly Random[];
}

export interface ActorModelConfig<State, Msg, History = undefined, Timer = never, Random = never, Storage = never> {
  /** Actor i has id i. */
  readonly actors: readonly Actor<State, Msg, Timer, Random, Storage>[];
  /** Default `unordered-duplicating`. */
  readonly network?: NetworkKind;
  /** Envelopes in the network before the actors start. */
  readonly initNetwork?: readonly Envelope<Msg>[];
  /** Adds Drop actions. Default false. */
  readonly lossy?: boolean;
  /** Bound on simultaneously crashed actors. Default 0. */
  readonly maxCrashes?: number;
  /** The auxiliary history (e.g. a consistency tester); part of state identity. */
  readonly history?: History;
  /** Runs on every non-ignored delivery, before it is applied; return a new history or nothing. */
  readonly recordIn?: (history: History, envelope: Envelope<Msg>) => History | undefined;
  /** Runs on every send command as it is processed; return a new history or nothing. */
  readonly recordOut?: (history: History, envelope: Envelope<Msg>) => History | undefined;
  readonly withinBoundary?: (state: ActorModelState<State, Msg, History, Timer, Random, Storage>) => boolean;
  readonly properties: readonly Property<ActorModelState<State, Msg, History, Timer, Random, Storage>>[];
  /**
   * Enum variant names (the `type` field of messages, timers and random choices) in declaration
   * order; this fixes the action order (see `makeComparator`).
   */
  readonly variantOrder?: readonly string[];
  readonly formatMessage?: (msg: Msg) => string;
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
  private readonly envCompare: (a: Envelope<Msg>, b: Envelope<Msg>) => number;

  constructor(readonly config: ActorModelConfig<State, Msg, History, Timer, Random, Storage>) {
    this.compare = makeComparator(config.variantOrder);
    this.envCompare = envelopeComparator<Msg>(this.compare);
    this.networkKind = config.network ?? 'unordered-duplicating';
    this.lossy = config.lossy ?? false;
    this.maxCrashes = config.maxCrashes ?? 0;
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
  initState(trace?: StepTrace<Msg>): ActorModelState<State, Msg, History, Timer, Random, Storage> {
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
    return d;
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
  ): ActorModelState<State, Msg, History, Timer, Random, Storage> | undefined {
    return this.step(s, a);
  }

  /** `nextState`, optionally reporting what the step sent (for sequence charts). */
  step(
    s: ActorModelState<State, Msg, History, Timer, Random, Storage>,
    a: ActorAction<Msg, Timer, Random>,
    trace?: StepTrace<Msg>,
  ): ActorModelState<State, Msg, History, Timer, Random, Storage> | undefined {
    switch (a.kind) {
      case 'drop':
        return { ...s, network: onDrop(s.network, a.envelope, this.envCompare) };
      case 'deliver': {
        const actor = this.config.actors[a.dst];
        if (actor === undefined || s.crashed[a.dst]) return undefined;
        const out = new Out<Msg, Timer, Random, Storage>();
        const next = actor.onMsg?.(a.dst, s.actorStates[a.dst], a.src, a.msg, out);
        const touched = next !== undefined;
        if (!touched && out.commands.length === 0 && this.networkKind !== 'ordered') return undefined;
        const env: Envelope<Msg> = { src: a.src, dst: a.dst, msg: a.msg };
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
          const env: Envelope<Msg> = { src: id, dst: c.dst, msg: c.msg };
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
      }
    }
  }
}

/**
 * The state a step is building. It starts out sharing every per-actor array with the state it
 * came from and copies an array only when the step first writes into it (see `writable`): a
 * step changes one actor, so copying all five arrays on every step was wasted work and garbage.
 */
interface Draft<State, Msg, History, Timer, Random, Storage> {
  actorStates: readonly State[];
  network: Network<Msg>;
  timers: readonly (readonly Timer[])[];
  randomChoices: readonly (readonly RandomEntry<Random>[])[];
  crashed: readonly boolean[];
  history: History;
  storages: readonly (Storage | undefined)[];
}

function draftOf<State, Msg, History, Timer, Random, Storage>(
  s: ActorModelState<State, Msg, History, Timer, Random, Storage>,
): Draft<State, Msg, History, Timer, Random, Storage> {
  return {
    actorStates: s.actorStates,
    network: s.network,
    timers: s.timers,
    randomChoices: s.randomChoices,
    crashed: s.crashed,
    history: s.history,
    storages: s.storages,
  };
}

/**
 * `xs` with element `i` set to `x`: in place when the draft already owns `xs` (it is not the
 * base state's array), else on a copy. Without a base (the init state) the draft owns everything.
 */
function withAt<T>(xs: readonly T[], base: readonly T[] | undefined, i: number, x: T): readonly T[] {
  const out = (xs === base ? xs.slice() : xs) as T[];
  out[i] = x;
  return out;
}
