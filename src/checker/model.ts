/**
 * The model contract: what a user supplies to the checker (semantics of Stateright's `Model`).
 */
import type { FairClassKey } from './liveness-graph.js';
import type { Property } from './property.js';

export interface Model<State, Action> {
  /**
   * The initial states. Order matters: paths start with an index into this list (after init
   * states outside the boundary are removed) and the search order depends on it.
   */
  initStates(): State[];
  /**
   * Pushes the actions enabled in `state` onto `out` (which arrives empty). Order matters and must
   * be deterministic for equal states: action indices in paths refer to it.
   */
  actions(state: State, out: Action[]): void;
  /**
   * The successor, or `undefined` when the action is ignored (no transition; the action still
   * occupies its index). Must not mutate `state`.
   */
  nextState(state: State, action: Action): State | undefined;
  /** Successors (and init states) outside the boundary are dropped as if ignored. Default: all in. */
  withinBoundary?(state: State): boolean;
  /** Properties in declaration order; names must be unique. */
  properties(): Property<State>[];
  /**
   * Fairness (for liveness properties): the fairness class of an action, or undefined when no
   * fairness applies to it. A key (a string, or a number such as a hash of the action's fields;
   * compared with `===`) names a weakly fair class: a behaviour that cycles forever is considered
   * only if every such class enabled at every state of its cycle is taken somewhere on it (a class
   * continuously enabled is eventually taken). `{ strong: key }` names a strongly fair class: one
   * enabled at some state of the cycle must be taken on it (enabled again and again, eventually
   * taken), e.g. delivery over a lossy link that is retried. Default: no action is fair.
   */
  fairClass?(action: Action): FairClassKey | undefined;
  formatAction?(action: Action): string;
  formatState?(state: State): string;
  /**
   * Optional: a fixed-width encoding of states as 32-bit words. With it, BFS holds its queue as
   * words instead of state objects (a few bytes per queued state instead of a JS object graph).
   * It must round-trip: `decode(encode(s))` equal to `s` as the checker sees it (same
   * fingerprint, properties and actions). The checker spot-checks that on the first states.
   */
  readonly stateCodec?: StateCodec<State>;
  /**
   * Optional: states as bytes of any length, for models whose states have no fixed width (actor
   * systems with a network of messages). A cluster run (src/cluster/) sends states between
   * machines with `stateCodec` when there is one, else with this; the one-machine checker does not
   * use it. `deserialize(serialize(s))` must have the fingerprint of `s`.
   */
  readonly stateSerializer?: StateSerializer<State>;
}

/** A state as bytes, and back (see {@link Model.stateSerializer}). */
export interface StateSerializer<State> {
  serialize(state: State): Uint8Array;
  deserialize(bytes: Uint8Array): State;
}

/** A state as exactly `words` 32-bit integers, and back. */
export interface StateCodec<State> {
  readonly words: number;
  /**
   * Promise that states equal as the checker sees them (same fingerprint) always encode to the
   * same words: no field is written in an order or form that equal values may differ in (a set in
   * insertion order, say). The checker then fingerprints a state by hashing its encoding, which is
   * much cheaper than walking the state. Default false.
   */
  readonly canonical?: boolean;
  /** Writes the state into `out[at]` … `out[at + words - 1]`. */
  encode(state: State, out: Int32Array, at: number): void;
  /** Reads the state written at `words[at]`. */
  decode(words: Int32Array, at: number): State;
}

/** The init states that are within the boundary, in order (their positions are init indices). */
export function boundedInitStates<State, Action>(model: Model<State, Action>): State[] {
  const inits = model.initStates();
  return model.withinBoundary ? inits.filter((s) => model.withinBoundary!(s)) : inits;
}

export function formatActionOf<State, Action>(model: Model<State, Action>, action: Action): string {
  return model.formatAction ? model.formatAction(action) : defaultFormat(action);
}

export function formatStateOf<State, Action>(model: Model<State, Action>, state: State): string {
  return model.formatState ? model.formatState(state) : defaultFormat(state);
}

function defaultFormat(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s;
  } catch {
    return String(v);
  }
}
