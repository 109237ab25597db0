import { ILLEGAL } from '../model.js';
import type { Operation, SequentialModel } from '../model.js';
import { untrackWhenDone, type SearchBudget, type SearchOutcome } from './budget.js';
import { prepareHistory } from './history-list.js';
import { findObservers, reachableStates } from './impossible-ops.js';
import { growthLookahead } from './lookahead.js';
import { MemoTable } from './memo-table.js';
import { UsageTable } from './usage-table.js';
import { refuteBefore } from './window-refutation.js';

/** Configurations explored before a quick refutation is first tried (see window-refutation.ts). */
const REFUTE_AFTER = 5_000;

/**
 * Wing & Gong's search for a linearization with Lowe's memoisation, over one partition, with
 * configurations whose size does not grow with the history.
 *
 * ## The walk
 * Calls and returns of the operations that have a return (`ok` ones, which must be placed, and
 * optional ones with a finite return) form one list in time order. Walking from the head, a call
 * is tried: if the model accepts it and the configuration is new, the operation is lifted out of
 * the list (with its return) and the walk restarts. Reaching a return ends the walk: if it is an
 * optional operation's, that operation may be *dropped* (lifted without taking effect: it can
 * never take effect once an operation invoked after its return is placed); otherwise the last
 * step is undone. Crashed operations (no return) are not in the list at all (see below).
 *
 * ## Configurations: a frontier plus a window
 * Let r be the first return left in the list. Every operation with a return before r has been
 * decided (placed or dropped), no operation invoked after r has, and the operations invoked
 * before r that return at or after r (the *window*) are all pending at one moment, so an interval
 * colouring of the operations gives them distinct slots. The decided set is therefore exactly
 * (r, the slots of the window operations still undecided, the crashed ones placed), and the memo
 * key is r plus a bitset over the slots: 1 + ⌈slots/32⌉ words, where slots is the history's
 * maximal concurrency (10 processes: 2 words), whatever its length. The crashed operations placed
 * are an id into an interned table of per-family counts (usage-table.ts). An n-bit set of the
 * placed operations would cost 6 KB a configuration at 50,000 operations.
 *
 * ## Crashed operations: placed just in time, and dominance
 * A crashed operation (status `info`, or optional with no return) may take effect at any point
 * after its call, or never. Three rules keep them from multiplying configurations:
 * 1. *Families.* Crashed operations with the same input and output are interchangeable once
 *    invoked, so only the earliest-invoked unplaced member of a family is ever tried, and a
 *    configuration records a count per family (k pending crashed `write 3`s cost k + 1
 *    configurations, not 2^k).
 * 2. *Just in time.* They are tried only after every operation of the list in this walk, i.e.
 *    when the walk would otherwise end or undo: a crashed operation is placed only when the next
 *    observation cannot be explained without it. (Order only changes speed: every move is tried.)
 *    One that leaves the state unchanged (a crashed read) is never placed, nor is an optional
 *    operation with a return whose effect is nil (it is dropped at its return instead).
 * 3. *Dominance.* Configuration A dominates B when they have the same r, window bits and model
 *    state, and A placed at most as many members of every family as B. Then A can do whatever B
 *    can: the same placements in the same order, using for each crashed member B uses the
 *    same-family member A would use next (invoked no later, so available whenever B's is).
 *    The memo records every (key, state) with the usages seen, and a new configuration dominated
 *    by a recorded one is not explored.
 * 4. *Observers first.* An operation that, in every state any order could produce, is either
 *    impossible or changes nothing (a read; see `findObservers`) is placed as soon as it is
 *    possible, and no other move is tried from that configuration. The configuration A that
 *    places required observer Y dominates the one B that does not: every completion from B
 *    places Y somewhere, where it changes nothing, so A can follow it with Y left out (A has
 *    decided more, so every call B may reach A may reach too), one step shorter. On a register
 *    history this removes every order of the reads, which is most of the search.
 * 5. *Crashed operations only where needed.* In a linearization, a crashed operation C followed
 *    by an operation Z that was possible without it and commutes with it (Z then C gives the
 *    same state) can swap places with Z (C has no return, so no real-time order binds it; and a
 *    drop commutes with everything); if Z reaches the same state without C (a write after a
 *    crashed write), C can be left out, as can a crashed operation at the very end. So
 *    some linearization exists iff one exists in which every crashed operation is followed by an
 *    operation that needs it or does not commute with it, and the search tries only such moves
 *    right after a crashed one. Two crashed operations that commute are swapped into family
 *    order, so one order of them is kept (the rewriting ends: each step removes an operation,
 *    or moves a crashed operation past a list operation, or removes an inversion among crashed
 *    ones). Since which moves are tried then depends on the path, a
 *    configuration reached by a crashed move is not recorded in the memo (it is still pruned
 *    when a recorded configuration dominates it); those after it are.
 * 6. *Growth lookahead.* For a model that declares an order along which its states only grow
 *    (kv appends), a configuration from which a completed operation still to be placed can no
 *    longer be accepted is a dead end (lookahead.ts, with its argument): no completion exists
 *    from it, and the fronts it hides are no further than the frontier already seen.
 *
 * Proof sketch that pruning a dominated configuration (rule 3, and rule 2's unchanged states,
 * which are dominated by the configuration they came from) keeps the search complete. Suppose a
 * complete linearization exists but the search ends without one. Among the recorded
 * configurations from which a completion of the form of rule 5 can be reached, pick X with the
 * fewest remaining steps d(X) (drops count as steps; rule 5's rewriting never lengthens a
 * completion). If X took an observer move to A (rule 4), A was
 * visited or pruned, and d(A) < d(X); otherwise the search explored all of X's moves, so its
 * successor X' on a shortest path was pruned (a visited X' would have d < d(X); X itself was not
 * cut by rule 6, which cuts only configurations with no completion). X' was dominated
 * by a visited configuration Z, which can follow X''s path step for step, so d(Z) ≤ d(X') < d(X):
 * a contradiction. The same argument with "reaches return r" in place of "complete" shows the
 * furthest return the search reaches, and so the reported failing operation (Knossos's `:op`),
 * is the same as without pruning.
 *
 * `ops` must not contain failed operations. The search is resumable: each call of the returned
 * function explores at most `allowance` new configurations (for round-robin across partitions)
 * and answers `{kind: 'unknown', reason: 'budget'}` to be called again; the shared budget bounds
 * the whole check.
 */
export interface SearchOptions {
  /** Try quick refutations of long invalid histories (window-refutation.ts). Default true. */
  readonly refute?: boolean;
  /**
   * A relaxation for refutations only: a crashed operation, once invoked, may take effect any
   * number of times. Usage counts then never change, so configurations are (key, state) alone.
   */
  readonly reuseCrashed?: boolean;
}

export function searchLinearization<S, I, O>(
  ops: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  budget: SearchBudget,
  options: SearchOptions = {},
): (allowance: number) => SearchOutcome<Operation<I, O>> {
  const refute = options.refute ?? true;
  const reuse = options.reuseCrashed ?? false;
  const n = ops.length;
  const h = prepareHistory(ops);
  const observer = findObservers(ops, model);
  const doomed = growthLookahead(ops, model, h);
  const { next, prev, rank, slot, entryAt, endRank } = h;
  const head = 2 * n;
  const DROP = 2 * n + 1;
  const FAMILY = 2 * n + 2;
  const EXHAUSTED = FAMILY + h.families;
  const SCAN = -2;
  const hasReturn = (e: number): boolean => h.finite[e] === 1;
  const lift = (e: number): void => {
    next[prev[e]] = next[e];
    if (next[e] >= 0) prev[next[e]] = prev[e];
    if (hasReturn(e)) {
      const r = n + e;
      next[prev[r]] = next[r];
      if (next[r] >= 0) prev[next[r]] = prev[r];
    }
  };
  const unlift = (e: number): void => {
    if (hasReturn(e)) {
      const r = n + e;
      if (next[r] >= 0) prev[next[r]] = r;
      next[prev[r]] = r;
    }
    if (next[e] >= 0) prev[next[e]] = e;
    next[prev[e]] = e;
  };

  // The current configuration's key: [rank of the first return left, window slot bits...].
  const keyWords = 1 + Math.max(1, Math.ceil(h.slots / 32));
  let key = new Uint32Array(keyWords);
  let scratch = new Uint32Array(keyWords);
  let keyHash = 0;
  let scratchHash = 0;
  let front = -1;
  let scratchFront = -1;
  /** Walks from the head to the first return, into `scratch`. */
  const computeKey = (): void => {
    scratch.fill(0);
    let x = next[head];
    while (x >= 0 && x < n) {
      scratch[1 + (slot[x] >>> 5)] |= 1 << (slot[x] & 31);
      x = next[x];
    }
    scratchFront = x;
    scratch[0] = x < 0 ? endRank : rank[x];
    let hash = 0x811c9dc5;
    for (let i = 0; i < keyWords; i++) hash = Math.imul(hash ^ scratch[i], 0x01000193);
    scratchHash = hash;
  };
  const accept = (): void => {
    const t = key;
    key = scratch;
    scratch = t;
    keyHash = scratchHash;
    front = scratchFront;
  };
  computeKey();
  accept();

  const usages = new UsageTable(h.families);
  const covers = (recorded: number, usage: number): boolean => usages.covers(recorded, usage);
  const memo = new MemoTable<S>(keyWords, (a, b) => model.equals(a, b), Math.min(4 * n, 1 << 16));
  const configHash = (hashOfKey: number, state: S): number => (hashOfKey ^ Math.imul(model.hash(state), 0x85ebca6b)) | 0;
  memo.add(configHash(keyHash, model.init), key, model.init);

  type Trace = { readonly op: number; readonly parent: Trace | null } | null;
  const stackMove: number[] = []; // op index, or -(op + 1) for a drop
  const stackResume: number[] = [];
  const stackState: S[] = [];
  const stackUsage: number[] = [];
  const stackTrace: Trace[] = [];
  const untrack = budget.track(() => memo.bytes + usages.bytes + 40 * stackMove.length);
  let state = model.init;
  let usage = 0;
  let trace: Trace = null;
  let cursor = SCAN;
  let required = h.required;
  // The furthest required return reached: its op is the first that the prefix cannot place.
  let frontierRank = -1;
  let frontierTrace: Trace = null;
  const placed = (t: Trace): Operation<I, O>[] => {
    const out: Operation<I, O>[] = [];
    for (let node = t; node !== null; node = node.parent) out.push(ops[node.op]);
    return out.reverse();
  };

  /**
   * Rule 5: after a crashed operation C (the last move), a move is tried only if it could not
   * simply have come before C, or C been left out: it is impossible without C, or it and C do
   * not commute, and it does not reach the same state without C.
   */
  const commutesWithLastCrashed = (candidate: number, after: S): boolean => {
    const top = stackMove.length - 1;
    const last = top < 0 || reuse ? -1 : stackMove[top];
    if (last < 0 || hasReturn(last)) return false;
    const op = ops[candidate];
    const crashed = ops[last];
    const without = model.step(stackState[top], op.input, op.output);
    if (without === ILLEGAL) return false;
    // It overwrites C's effect (a write after a crashed write): C was of no use.
    if (model.equals(without, after)) return true;
    // Two crashed operations that commute are tried in one order only: lower family first.
    if (!hasReturn(candidate) && h.familyOf[candidate] >= h.familyOf[last]) return false;
    const swapped = model.step(without, crashed.input, crashed.output);
    return swapped !== ILLEGAL && model.equals(swapped, after);
  };
  /** Lifts `e` out of the list and records the configuration reached; false (undone) when already explored. */
  const liftAndRecord = (e: number, after: S): boolean => {
    lift(e);
    computeKey();
    if (memo.add(configHash(scratchHash, after), scratch, after, usage, covers)) {
      accept();
      return true;
    }
    unlift(e);
    return false;
  };
  const afterCrashed = (): boolean => {
    if (reuse) return false;
    const top = stackMove.length - 1;
    return top >= 0 && stackMove[top] >= 0 && !hasReturn(stackMove[top]);
  };

  // Quick refutation (window-refutation.ts) is tried after this many configurations, then 4 times as many...
  let explored = 0;
  let refuteAt = REFUTE_AFTER;
  // The furthest first-return-left of any configuration, and when it last grew.
  let furthest = 0;
  let advancedAt = 0;
  let startStates: S[] | undefined | null = null;

  return untrackWhenDone(untrack, (allowance) => {
    let spent = 0;
    const push = (move: number, resume: number, after: S, nextUsage: number, op: number | null): boolean => {
      stackMove.push(move);
      stackResume.push(resume);
      stackState.push(state);
      stackUsage.push(usage);
      stackTrace.push(trace);
      state = after;
      usage = nextUsage;
      if (op !== null) {
        trace = { op, parent: trace };
        if (ops[op].status === 'ok') required--;
      }
      // Rule 6: a configuration from which a coming observation is out of reach is a dead end.
      cursor = doomed !== null && doomed(state, front, frontierRank) ? EXHAUSTED : SCAN;
      explored++;
      if (key[0] > furthest) {
        furthest = key[0];
        advancedAt = explored;
      }
      return ++spent < allowance;
    };
    try {
      while (required > 0) {
        if (!budget.tick()) return { kind: 'unknown', reason: budget.exhausted ?? 'timeout' };
        if (explored >= refuteAt && refute) {
          // Only when stuck: a search that keeps reaching further returns is not refuting anything.
          refuteAt = explored - advancedAt < REFUTE_AFTER ? explored + REFUTE_AFTER : 4 * refuteAt;
          if (frontierRank >= 0 && explored - advancedAt >= REFUTE_AFTER) {
            const x = ops[entryAt[frontierRank] - n];
            if (startStates === null) startStates = reachableStates(ops, model);
            if (refuteBefore(ops, model, x, startStates, budget, Math.max(4 * REFUTE_AFTER, explored >> 1))) return { kind: 'invalid', op: x, longestPrefix: placed(frontierTrace) };
          }
        }
        if (cursor === SCAN) {
          // A required observer that is possible here (a read of the current value) is placed at
          // once, and nothing else is tried: see rule 4 above.
          cursor = next[head];
          if (afterCrashed()) continue;
          for (let e = next[head]; e >= 0 && e < n; e = next[e]) {
            const op = ops[e];
            if (observer[e] === 0 || op.status !== 'ok') continue;
            const after = model.step(state, op.input, op.output);
            if (after === ILLEGAL) continue;
            cursor = EXHAUSTED;
            if (liftAndRecord(e, after)) {
              if (!budget.spend()) return { kind: 'unknown', reason: budget.exhausted ?? 'memory' };
              if (!push(e, EXHAUSTED, after, usage, e)) return { kind: 'unknown', reason: 'budget' };
            }
            break;
          }
          continue;
        }
        if (cursor >= 0 && cursor < n) {
          // A call in the list: place its operation.
          const e = cursor;
          const op = ops[e];
          cursor = next[e];
          const after = model.step(state, op.input, op.output);
          if (after === ILLEGAL || (op.status !== 'ok' && model.equals(after, state)) || commutesWithLastCrashed(e, after)) continue;
          if (liftAndRecord(e, after)) {
            if (!budget.spend()) return { kind: 'unknown', reason: budget.exhausted ?? 'memory' };
            if (!push(e, next[e], after, usage, e)) return { kind: 'unknown', reason: 'budget' };
          }
          continue;
        }
        if (cursor < DROP) cursor = front >= 0 && ops[front - n].status !== 'ok' && !afterCrashed() ? DROP : FAMILY;
        if (cursor === DROP) {
          // The first return left is an optional operation's: it may never have taken effect.
          const o = front - n;
          cursor = FAMILY;
          if (liftAndRecord(o, state)) {
            if (!budget.spend()) return { kind: 'unknown', reason: budget.exhausted ?? 'memory' };
            if (!push(-(o + 1), FAMILY, state, usage, null)) return { kind: 'unknown', reason: 'budget' };
          }
          continue;
        }
        // Crashed operations, just in time: one family at a time.
        let moved = false;
        const r = key[0];
        for (let f = cursor - FAMILY; f < h.families; f++) {
          if (h.familyFirstCall[f] >= r) break;
          const m = usages.count(usage, f);
          if (m >= h.familySize[f]) continue;
          const member = h.familyMembers[h.familyStart[f] + m];
          if (rank[member] >= r) continue;
          const op = ops[member];
          const after = model.step(state, op.input, op.output);
          if (after === ILLEGAL || model.equals(after, state) || commutesWithLastCrashed(member, after)) continue;
          const nextUsage = reuse ? usage : usages.increment(usage, f);
          // Not recorded: rule 5 explores it partly (see above); pruned when a recorded one dominates
          // it. With reuse, rule 5 is off (a crashed operation could be applied forever) and it is.
          const hash = configHash(keyHash, after);
          if (reuse ? !memo.add(hash, key, after) : memo.covered(hash, key, after, nextUsage, covers)) continue;
          if (!budget.spend()) return { kind: 'unknown', reason: budget.exhausted ?? 'memory' };
          moved = true;
          if (!push(member, FAMILY + f + 1, after, nextUsage, member)) return { kind: 'unknown', reason: 'budget' };
          break;
        }
        if (moved) continue;
        // A dead end: undo the last step.
        if (front >= 0 && ops[front - n].status === 'ok' && rank[front] > frontierRank) {
          frontierRank = rank[front];
          frontierTrace = trace;
        }
        if (stackMove.length === 0) {
          const failing = frontierRank >= 0 ? ops[entryAt[frontierRank] - n] : (ops.find((op) => op.status === 'ok') ?? ops[0]);
          return { kind: 'invalid', op: failing, longestPrefix: placed(frontierTrace) };
        }
        const move = stackMove.pop() as number;
        cursor = stackResume.pop() as number;
        state = stackState.pop() as S;
        usage = stackUsage.pop() as number;
        trace = stackTrace.pop() as Trace;
        const undone = move >= 0 ? move : -move - 1;
        if (move < 0 || hasReturn(undone)) unlift(undone);
        if (move >= 0 && ops[undone].status === 'ok') required++;
        computeKey();
        accept();
      }
    } catch (error) {
      // A table that cannot grow any more: the memory bound, whatever the configured one.
      if (error instanceof RangeError) return { kind: 'unknown', reason: 'memory' };
      throw error;
    }
    return { kind: 'valid', order: placed(trace) };
  });
}
