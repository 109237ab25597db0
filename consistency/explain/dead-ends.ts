/**
 * Every way of ordering a small core, followed until the model rejects a step: the "final paths"
 * of Knossos. Orders that share a prefix up to the rejection are one dead end, which keeps the
 * list short: a core of 4 operations has at most 24 orders but usually 2–4 dead ends.
 */
import type { Consistency } from '../check-result.js';
import { ILLEGAL } from '../model.js';
import type { Operation, SequentialModel } from '../model.js';
import { mustPrecede } from './precedence.js';

export interface DeadEnd<I, O> {
  /** The ops the model accepted, in order, before the rejection. */
  readonly prefix: readonly Operation<I, O>[];
  /** The op the model rejected next (always a completed op: indeterminate ones may be left out). */
  readonly rejected: Operation<I, O>;
  /** The state before the rejected step, in words. */
  readonly stateBefore: string;
  /**
   * The last op of the prefix that changed what the rejection says (null: it says the same of the
   * initial state). In a store of several keys, a put of another key changes the state but not
   * the value the rejected get is told about, and naming it there would mislead.
   */
  readonly lastChange: Operation<I, O> | null;
  /** Why the model rejects it, in the model's words. */
  readonly reason: string;
}

export interface DeadEndSearch<I, O> {
  readonly deadEnds: readonly DeadEnd<I, O>[];
  /** Orders (leaves of the search tree) examined. */
  readonly orders: number;
  /** False when `maxOrders` stopped the enumeration. */
  readonly complete: boolean;
  /** An order the model accepts, if one was found (then the core was not invalid after all). */
  readonly accepted: readonly Operation<I, O>[] | null;
}

/**
 * Depth-first over the orders of `ops` that respect precedence. At each prefix every eligible op
 * is tried; a completed op the model rejects ends that branch as a dead end. Indeterminate ops
 * are optional, so their rejections are not dead ends (those orders just leave them out).
 */
export function findDeadEnds<S, I, O>(
  ops: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  maxOrders = 5_040,
): DeadEndSearch<I, O> {
  const n = ops.length;
  const placed = new Array<boolean>(n).fill(false);
  const prefix: number[] = [];
  /** trail[k]: the state after prefix[k]. */
  const trail: S[] = [];
  const deadEnds: DeadEnd<I, O>[] = [];
  let orders = 0;
  let accepted: Operation<I, O>[] | null = null;
  let truncated = false;

  const eligible = (i: number): boolean => {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      // A required predecessor must already be placed; an op already placed must not be its successor.
      if (!placed[j] && ops[j].status === 'ok' && mustPrecede(consistency, ops[j], ops[i])) return false;
      if (placed[j] && mustPrecede(consistency, ops[i], ops[j])) return false;
    }
    return true;
  };

  const visit = (state: S): void => {
    if (accepted) return;
    if (orders >= maxOrders) {
      truncated = true;
      return;
    }
    if (ops.every((op, i) => placed[i] || op.status !== 'ok')) {
      orders++;
      accepted = prefix.map((i) => ops[i]);
      return;
    }
    let extended = false;
    for (let i = 0; i < n; i++) {
      if (placed[i] || !eligible(i)) continue;
      if (orders >= maxOrders) {
        truncated = true;
        break;
      }
      const op = ops[i];
      const after = model.step(state, op.input, op.output);
      if (after === ILLEGAL) {
        if (op.status !== 'ok') continue;
        orders++;
        extended = true;
        const why = (s: S): string => model.explainRejection?.(s, op.input, op.output) ?? `${model.describeOperation(op.input, op.output)} is impossible in state ${model.describeState(s)}`;
        const reason = why(state);
        let last = prefix.length - 1;
        while (last >= 0 && (model.equals(last === 0 ? model.init : trail[last - 1], trail[last]) || why(last === 0 ? model.init : trail[last - 1]) === reason)) last--;
        deadEnds.push({
          prefix: prefix.map((k) => ops[k]),
          rejected: op,
          stateBefore: model.describeState(state),
          lastChange: last < 0 ? null : ops[prefix[last]],
          reason,
        });
        continue;
      }
      extended = true;
      placed[i] = true;
      prefix.push(i);
      trail.push(after);
      visit(after);
      trail.pop();
      prefix.pop();
      placed[i] = false;
    }
    // Only indeterminate ops were eligible and all were rejected: this order cannot go on either.
    if (!extended) orders++;
  };
  visit(model.init);
  return { deadEnds, orders, complete: !truncated, accepted };
}
