/**
 * The verdict on a tester's history when it is small, without the engine.
 *
 * Testers inside model-checker states are asked about hundreds of thousands of histories of a
 * handful of operations (the register harness: a few clients, one or two operations each). The
 * engine is built for long histories — partitions, frontier windows, memo tables sized for
 * thousands of configurations — and its set-up costs tens of microseconds a call, most of a
 * register model's checking time. Up to {@link MAX_SMALL_OPS} operations this file searches
 * directly: Wing & Gong's search over (placed set as a bitmask, model state), depth first.
 *
 * Exactness. An operation may be placed once every operation that must come before it is
 * placed (real-time order under linearizability, each thread's program order under sequential
 * consistency); a completed operation must be placed, with its output; an operation in flight
 * may be placed, with any output, or never (it took effect at most once, after its call). The
 * history is consistent iff some sequence of placements reaches a set containing every
 * completed operation. What can still be placed from a configuration depends only on the
 * placed set and the model state, so remembering the configurations that failed (the memo) is
 * exact: the same configuration reached again fails again. No other pruning is done. A
 * differential property test checks it against the engine on random histories.
 */
import { ILLEGAL, UNKNOWN, type SequentialModel } from '../model.js';

/** Histories up to this size are searched here (the placed set fits a 32-bit mask). */
export const MAX_SMALL_OPS = 24;

export interface SmallOp<I, O> {
  readonly input: I;
  /** `UNKNOWN` for an operation in flight. */
  readonly output: O | typeof UNKNOWN;
  readonly completed: boolean;
  /** Bitmask of the operations that must be placed before this one. */
  readonly after: number;
}

export function smallHistoryConsistent<S, I, O>(model: SequentialModel<S, I, O>, ops: readonly SmallOp<I, O>[]): boolean {
  const n = ops.length;
  if (n > MAX_SMALL_OPS) throw new RangeError(`smallHistoryConsistent takes at most ${MAX_SMALL_OPS} operations (got ${n})`);
  let required = 0;
  for (let i = 0; i < n; i++) if (ops[i].completed) required |= 1 << i;
  // Configurations known to fail: placed mask → model states.
  const failed = new Map<number, S[]>();
  const seen = (mask: number, state: S): boolean => {
    const states = failed.get(mask);
    if (states === undefined) return false;
    for (const s of states) if (model.equals(s, state)) return true;
    return false;
  };
  const search = (mask: number, state: S): boolean => {
    if ((mask & required) === required) return true;
    if (seen(mask, state)) return false;
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      const op = ops[i];
      if ((mask & bit) !== 0 || (op.after & mask) !== op.after) continue;
      const next = model.step(state, op.input, op.output);
      if (next !== ILLEGAL && search(mask | bit, next)) return true;
    }
    const states = failed.get(mask);
    if (states === undefined) failed.set(mask, [state]);
    else states.push(state);
    return false;
  };
  return search(0, model.init);
}
