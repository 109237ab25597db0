/**
 * Growth lookahead: a configuration of the linearizability search is abandoned when a completed
 * operation that must still be placed can no longer be accepted, given the model's order along
 * which states only grow (`SequentialModel.growth`, model.ts).
 *
 * ## The rule
 * Take a configuration C with state s, and an operation G that completed (`ok`) and is not placed
 * in C. Call *origins* the states `growth.resetState(R)` of the unplaced shrinking operations R
 * that may come before G (invoked before G returned); every such R must have one. If
 * `growth.mayReach(t, G)` is false for t = s and for every origin t, C has no completion, and it is
 * treated as a dead end.
 *
 * Why: every completion of C places G, after C's operations. The operations placed between C
 * and G are unplaced in C and come before G, so none was invoked after G returned (real time).
 * If none of them shrinks the state, each moves it up the order, so G would be accepted in a
 * state t with s ⊑ t. Otherwise let R be the last shrinking one: it is among those that define
 * the origins, it leaves `resetState(R)` whatever came before, and only non-shrinking operations
 * follow it up to G, so G would be accepted above that origin. `mayReach` false rules out both.
 * On a key/value history this is a stale read: the value already holds an append that the
 * coming get does not show, and no put that could come between starts the value the get shows.
 *
 * ## Which G are looked at, and why the reported operation does not change
 * The returns left in the list are those of the unplaced operations, in time order, from C's
 * first return left (its *front*). The rule walks them from the front, gathering origins as it
 * passes the calls of unplaced shrinking operations (those whose call is still in the list: in
 * the window, or after the front; and every crashed one, used or not, which only adds origins).
 * It stops at one whose state is unknown (a shrinking operation with no `resetState`), after
 * {@link MAX_ORIGINS} origins or {@link MAX_WALK} entries, and past the search's frontier (the furthest return at which a dead end has been
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
/** Shrinking operations that may come first, at most; past them the walk stops. */
const MAX_ORIGINS = 8;

/** The parts of the history's list (history-list.ts) the rule reads. */
export interface ListView {
  readonly next: Int32Array;
  readonly rank: Int32Array;
  readonly finite: Uint8Array;
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
  const { next, rank, finite } = list;
  const head = 2 * n;
  // 1: a completed operation whose acceptance is worth asking about (shrinking ones always may be).
  const probe = new Uint8Array(n);
  const shrinks = new Uint8Array(n);
  // The state a shrinking operation leaves whatever the state before (a put), when the model knows it.
  const resets: (S | undefined)[] = new Array<S | undefined>(n);
  // Crashed shrinking operations, by call: each counts as unplaced from its call on, used or not.
  const crashed: number[] = [];
  for (let e = 0; e < n; e++) {
    const op = ops[e];
    shrinks[e] = growth.shrinks(op.input) ? 1 : 0;
    if (op.status === 'ok' && shrinks[e] === 0) probe[e] = 1;
    if (shrinks[e] === 0) continue;
    resets[e] = growth.resetState?.(op.input);
    if (!finite[e]) crashed.push(e);
  }
  crashed.sort((a, b) => rank[a] - rank[b]);
  // The states G may grow from besides the configuration's: those of the shrinking operations
  // that may come before it.
  const origins: S[] = [];
  /** Adds a shrinking operation that may come before the operations returning from here on; false when its state is unknown. */
  const admit = (e: number): boolean => {
    const reset = resets[e];
    if (reset === undefined || origins.length >= MAX_ORIGINS) return false;
    origins.push(reset);
    return true;
  };
  const reachable = (state: S, e: number): boolean => {
    const { input, output } = ops[e];
    if (growth.mayReach(state, input, output)) return true;
    for (const origin of origins) if (growth.mayReach(origin, input, output)) return true;
    return false;
  };
  return (state, front, frontierRank) => {
    if (front < 0) return false;
    const first = rank[front];
    // Not past the frontier seen, unless G is the front itself.
    const limit = Math.max(frontierRank, first) + 1;
    origins.length = 0;
    // Unplaced shrinking operations in the window (calls left before the front) may come before any G.
    for (let x = next[head]; x >= 0 && x < n; x = next[x]) if (shrinks[x] === 1 && !admit(x)) return false;
    let c = 0;
    let walked = 0;
    for (let x = front; x >= 0 && rank[x] < limit && walked < MAX_WALK; x = next[x], walked++) {
      // Those invoked before this entry (none of those after the front is placed) may come before what returns from here on.
      while (c < crashed.length && rank[crashed[c]] < rank[x]) if (!admit(crashed[c++])) return false;
      if (x < n) {
        if (shrinks[x] === 1 && !admit(x)) return false;
        continue;
      }
      const e = x - n;
      if (probe[e] === 1 && !reachable(state, e)) return true;
    }
    return false;
  };
}
