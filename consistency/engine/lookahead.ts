/**
 * Growth lookahead: a configuration of the linearizability search is abandoned when a completed
 * operation that must still be placed can no longer be accepted, given the model's order along
 * which states only grow (`SequentialModel.growth`, model.ts).
 *
 * ## The rule
 * Take a configuration C with state s, and an operation G that completed (`ok`), is not placed
 * in C, and returns before every call of a shrinking operation not yet placed. If
 * `growth.mayReach(s, G)` is false, C has no completion, and it is treated as a dead end.
 *
 * Why: every completion of C places G, after C's operations. The operations placed between C
 * and G are unplaced in C and come before G, so none was invoked after G returned (real time).
 * Every unplaced shrinking operation was (that is what made G eligible), so only non-shrinking
 * operations are placed between, and each moves the state up the order: G would be accepted in
 * a state t with s ⊑ t, which `mayReach` false rules out. On a key/value history this is a stale
 * read: the value already holds an append that the coming get does not show, and no put can
 * come between to undo it.
 *
 * ## Which G are looked at, and why the reported operation does not change
 * The returns left in the list are those of the unplaced operations, in time order, from C's
 * first return left (its *front*). The rule walks them from the front, and stops at the first
 * call of an unplaced shrinking operation (one whose call is still in the list: in the window,
 * or after the front; and every crashed one, used or not), after {@link MAX_WALK}
 * entries, and past the search's frontier (the furthest return at which a dead end has been
 * seen so far) unless G is the front itself. From C the search can only reach fronts up to G's
 * return (the front passes G only once G is placed). So abandoning C hides no front past the
 * frontier already seen, or past C's own front, which the dead end records: the furthest return
 * the search reaches, and so the failing operation it reports (Knossos's `:op`), is the same as
 * without the rule. (The same holds for the configurations the memo then prunes as dominated by
 * C: whatever they reach, C reaches.) Without that bound a rule looking further ahead would cut
 * paths to fronts not yet seen and report an earlier operation.
 */
import type { Operation, SequentialModel } from '../model.js';

/** List entries looked at per configuration, at most. */
const MAX_WALK = 64;

/** The parts of the history's list (history-list.ts) the rule reads. */
export interface ListView {
  readonly next: Int32Array;
  readonly rank: Int32Array;
  readonly finite: Uint8Array;
  readonly endRank: number;
}

/**
 * The rule for one partition: `doomed(state, front, frontierRank)` says whether the configuration
 * with this state and first return left (`front`, a list entry, -1 when none is left) is a dead
 * end. Null when the model declares no growth order.
 */
export function growthLookahead<S, I, O>(ops: readonly Operation<I, O>[], model: SequentialModel<S, I, O>, list: ListView): ((state: S, front: number, frontierRank: number) => boolean) | null {
  const growth = model.growth;
  if (growth === undefined) return null;
  const n = ops.length;
  const { next, rank, finite, endRank } = list;
  const head = 2 * n;
  // 1: a completed operation whose acceptance is worth asking about (shrinking ones always may be).
  const probe = new Uint8Array(n);
  const shrinks = new Uint8Array(n);
  // The first call of a shrinking operation (with a return) at rank k or later.
  const shrinkCallFrom = new Int32Array(endRank + 1).fill(endRank);
  // Crashed shrinking operations count as unplaced from their call on, used or not.
  let crashedShrink = endRank;
  for (let e = 0; e < n; e++) {
    const op = ops[e];
    shrinks[e] = growth.shrinks(op.input) ? 1 : 0;
    if (op.status === 'ok' && shrinks[e] === 0) probe[e] = 1;
    if (shrinks[e] === 0) continue;
    if (finite[e]) shrinkCallFrom[rank[e]] = rank[e];
    else crashedShrink = Math.min(crashedShrink, rank[e]);
  }
  for (let k = endRank - 1; k >= 0; k--) shrinkCallFrom[k] = Math.min(shrinkCallFrom[k], shrinkCallFrom[k + 1]);
  return (state, front, frontierRank) => {
    if (front < 0) return false;
    const first = rank[front];
    // The first call of an unplaced shrinking operation: in the window (calls left before the
    // front, in time order), else invoked after the front (none of those is placed).
    let shrinkCall = Math.min(shrinkCallFrom[first], crashedShrink);
    for (let x = next[head]; x >= 0 && x < n; x = next[x]) {
      if (shrinks[x] === 1) {
        shrinkCall = Math.min(shrinkCall, rank[x]);
        break;
      }
    }
    // G's return must come before every unplaced shrinking call, and not past the frontier seen.
    const limit = Math.min(shrinkCall, Math.max(frontierRank, first) + 1);
    let walked = 0;
    for (let x = front; x >= 0 && rank[x] < limit && walked < MAX_WALK; x = next[x], walked++) {
      if (x < n) continue;
      const e = x - n;
      if (probe[e] === 1 && !growth.mayReach(state, ops[e].input, ops[e].output)) return true;
    }
    return false;
  };
}
