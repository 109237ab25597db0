/**
 * The contract of a sequential specification ("semantic model"): what one correct copy of an
 * object does. Models are pure: `step` never mutates its arguments and returns the same answer
 * for equal arguments, because the checking engine memoises on (linearized set, state).
 */

/** The result of an operation whose outcome was never observed (a crashed or timed-out client). */
export const UNKNOWN: unique symbol = Symbol.for('stateright.unknown');
export type Unknown = typeof UNKNOWN;

/** Returned by `step` when the model cannot perform the operation with the observed output. */
export const ILLEGAL: unique symbol = Symbol.for('stateright.illegal');
export type Illegal = typeof ILLEGAL;

export interface SequentialModel<State, Input, Output> {
  /** Short name, as used on the command line: `register`, `cas-register`, ... */
  readonly name: string;
  /** The state before any operation. */
  readonly init: State;
  /**
   * The state after `input` is applied in `state` and observed to return `output`, or `ILLEGAL`
   * when that output is impossible there. With `output === UNKNOWN` the model must allow every
   * outcome, so a deterministic model simply applies the operation.
   * Nondeterministic objects are written as deterministic models over sets of states
   * (see `powerSetModel`), which keeps the engine's memo exact.
   */
  step(state: State, input: Input, output: Output | Unknown): State | Illegal;
  /**
   * The output a correct object gives for `input` in `state` (Stateright's `apply`). Optional:
   * testers use it to show what an in-flight operation placed in a witness returned.
   */
  respond?(state: State, input: Input): Output;
  /** Structural equality of states. */
  equals(a: State, b: State): boolean;
  /** A 32-bit hash consistent with `equals`. */
  hash(state: State): number;
  /**
   * P-compositionality: when present, the history may be split by key and each key's sub-history
   * checked on its own, from the per-partition form's `init`, which is exponentially cheaper.
   * The model itself (the whole-state form) must stay correct on any history, every key at once;
   * see {@link Partitioning} for why the two forms are kept apart.
   */
  readonly partitioning?: Partitioning<Input, Output>;
  /**
   * Optional knowledge of an order along which states only grow (see {@link Growth}): the
   * linearizability search then abandons a configuration from which a later observation can
   * no longer be reached.
   */
  readonly growth?: Growth<State, Input, Output>;
  /** The operation in words, e.g. `write 3`, `read → 4`, `cas 1→2 (failed)`. */
  describeOperation(input: Input, output: Output | Unknown): string;
  /** The state in words, e.g. `4`, `{x: 1, y: 2}`. */
  describeState(state: State): string;
  /** Why `step` rejected, in words, e.g. `read 3 requires the value 3, but the register holds 4`. */
  explainRejection?(state: State, input: Input, output: Output | Unknown): string;
}

/**
 * How a model is split by key, and the model that checks one key's sub-history.
 *
 * The per-partition model's state need only be right for the operations of one key (the `kv`
 * model's is one key's value: the cheapest state there is), so it is wrong on any history with
 * two keys: there a put of one key would change what a get of another must return. It is kept
 * out of reach of everything but the split: the engine (engine/check.ts, `partitionHistory` and
 * `searchModel`) opens it only when it has split the history by `key`, which it does only where
 * that is sound (a local condition, or independent keys), and explanations take a partition's
 * model from the same functions. Every other use of a model goes through the whole-state form,
 * which is correct everywhere. So a per-partition state cannot meet an unpartitioned history by
 * construction, rather than by each caller remembering which conditions are local.
 *
 * (The other way to rule the mistake out, one model whose state maps every key to its value,
 * would make every linearizability step copy and hash a map: the per-key state keeps that path
 * as cheap as it can be, and the whole-state form is only searched where the keys interact.)
 */
export interface Partitioning<Input, Output> {
  /** The key of an operation: operations of different keys act on independent parts of the state. */
  key(input: Input): string | number;
  /** The model of one key's sub-history, searched only on the operations of one key. */
  readonly model: SequentialModel<unknown, Input, Output>;
  /**
   * The keys are independent objects by the user's statement (`jepsen.independent`), so they are
   * split under every consistency condition. Without it, the split is made only where the
   * condition is local (linearizability), because one object's keys interact under sequential
   * consistency.
   */
  readonly independent?: boolean;
}

/**
 * A preorder ⊑ on states along which every operation but a *shrinking* one moves up: for every
 * operation `i` with `shrinks(i)` false and every state `s` where it is legal, `s ⊑ step(s, i, o)`.
 * (A kv key's value grows by appends, `s ⊑ t` when `s` is a prefix of `t`, and only a put may
 * shrink it; a counter grows by adding non-negative numbers.)
 *
 * `mayReach(s, i, o)` must be true whenever `(i, o)` is legal in some state `t` with `s ⊑ t`, and
 * may be true otherwise: false is a promise that no sequence of non-shrinking operations leads
 * from `s` to a state that accepts it. The linearizability search (engine/lookahead.ts) relies on
 * exactly that promise, so a model that is unsure answers true.
 */
export interface Growth<State, Input, Output> {
  /** Can the operation move the state down the order (a put, a negative add)? */
  shrinks(input: Input): boolean;
  /** Is `(input, output)` possibly legal in `state` or in a state above it? */
  mayReach(state: State, input: Input, output: Output | Unknown): boolean;
  /**
   * For a shrinking operation whose resulting state does not depend on the state before (a put
   * of one key's value), that state; undefined otherwise. Optional: it lets the search look
   * past such operations.
   */
  resetState?(input: Input): State | undefined;
}

/**
 * A model whose type parameters are erased, for registries and the command line. (Methods are
 * checked bivariantly, so every model is assignable to it.)
 */
export type AnyModel = SequentialModel<unknown, unknown, unknown>;

export type OperationStatus = 'ok' | 'info' | 'optional' | 'fail';

/**
 * The latest time at which the operation can have taken effect: its return for `ok` and
 * `optional` operations, +infinity for `info` (crashed) ones.
 */
export function latestEffect(op: { readonly status: OperationStatus; readonly return: number }): number {
  return op.status === 'info' ? Infinity : op.return;
}

/**
 * One operation of a concurrent history, as the engine sees it.
 *
 * - `ok`: completed; it took effect exactly once between `call` and `return`.
 * - `info`: indeterminate (crashed, timed out, never completed); it took effect at most once,
 *   at some point after `call`. Its `return` is ignored (treated as +infinity).
 * - `optional`: took effect at most once, at some point between `call` and `return`, or never.
 *   A client that knows its request did not complete by `return` but not whether it applied
 *   records this; explanations weaken the operations outside a core to it (with output UNKNOWN).
 * - `fail`: definitely never happened; the engine drops it.
 *
 * `call` and `return` are positions or times on one clock. A precedes B in real time iff
 * `A.return < B.call` (strictly: equal stamps are concurrent).
 */
export interface Operation<Input, Output> {
  /** A caller-chosen identifier, unique within the history (e.g. a Jepsen `:index`). */
  readonly id: number;
  readonly process: number | string;
  readonly input: Input;
  readonly output: Output | Unknown;
  readonly status: OperationStatus;
  readonly call: number;
  readonly return: number;
}

export type History<Input, Output> = readonly Operation<Input, Output>[];
