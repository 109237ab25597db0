/**
 * A fast, sound refutation of H|C on long histories: the weakened operations that finish before
 * C's first completed operation is called are summarised by the set of states any of the
 * history's operations could produce in any order (the closure of impossible-ops.ts), and only
 * the rest is searched, once from each of those states.
 *
 * Soundness: let t0 be the earliest call of a completed operation of C. Take any witness of H|C.
 * The operations it places before t0 are history operations applied in some order, so the state
 * at t0 is in the closure. Every operation it places from t0 on can take effect at or after t0
 * (its latest effect is not before t0), so it is in the suffix searched here, with its interval
 * unchanged, and every completed operation of C is among them (none is called before t0). So the
 * witness, cut at t0, is a witness of the suffix from a closure state. If no closure state admits
 * one, H|C is invalid. The converse does not hold (the closure over-approximates), so a "no" from
 * here is only "not shown invalid": callers fall back to the exact check where that matters.
 *
 * The states are those of `model` as given, whole: on a history of several keys they are states
 * of every key at once, so one start state for the whole suffix is right for the whole-state form
 * of a model as much as for one partition searched with its per-partition form (which is how
 * explanations call it: `partitionOf`).
 *
 * It pays off when the closure is small (registers and CAS registers over a few values) and the
 * history long: the exact check searches every weakened operation before the conflict, which on
 * 10,000 operations takes seconds per check.
 */
import type { Consistency } from '../check-result.js';
import { checkHistory } from '../engine/check.js';
import { reachableStates } from '../engine/impossible-ops.js';
import { latestEffect, type Operation, type SequentialModel } from '../model.js';
import { weaken } from './weaken.js';

export interface PrefixSummary<S> {
  /** Every state any order of the history's operations (weakened or not) can produce. */
  readonly states: readonly S[];
}

/** The closure over the history's operations both as recorded and weakened; undefined when too large. */
export function summarisePrefix<S, I, O>(live: readonly Operation<I, O>[], model: SequentialModel<S, I, O>): PrefixSummary<S> | undefined {
  const states = reachableStates([...live, ...live.map(weaken)], model);
  return states === undefined ? undefined : { states };
}

/**
 * True when `weakened` (H|C as `coreHistory` builds it) is shown invalid from every summarised
 * state; false when not shown (which includes "the summary does not shorten the history").
 */
export function refutedFromSummary<S, I, O>(
  weakened: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  summary: PrefixSummary<S>,
  timeoutMs: number,
): boolean {
  if (consistency !== 'linearizable') return false;
  let t0 = Infinity;
  for (const op of weakened) if (op.status === 'ok' && op.call < t0) t0 = op.call;
  const suffix = weakened.filter((op) => op.status !== 'fail' && latestEffect(op) >= t0);
  if (suffix.length >= weakened.length) return false;
  const deadline = performance.now() + timeoutMs;
  for (const state of summary.states) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return false;
    // The model with another initial state; its methods stay on the prototype chain. Its
    // partitioning is removed: the per-partition form starts each key from its own `init`, not
    // from this summarised state, so the suffix is searched whole, from the state as summarised.
    const from = Object.create(model, { init: { value: state }, partitioning: { value: undefined } }) as SequentialModel<S, I, O>;
    const result = checkHistory(suffix, from, consistency, { timeoutMs: remaining, maxConfigurations: 200_000 });
    if (result.valid !== false) return false;
  }
  return true;
}
