import { ILLEGAL, UNKNOWN } from '../model.js';
import type { Operation, SequentialModel } from '../model.js';
import { Bitset } from './bitset.js';
import type { SearchBudget, SearchOutcome } from './budget.js';
import { MemoTable } from './memo-table.js';

/**
 * Wing & Gong's search for a linearization with Lowe's memoisation, over one partition.
 *
 * Calls and returns form one list in time order. Walking from the head, a call is tried: if the
 * model accepts it and (linearized set, state) is new, it is lifted out of the list (with its
 * return) and the walk restarts. Reaching a return means its operation cannot be placed in this
 * configuration, so the last placement is undone. Indeterminate operations have no return entry:
 * they may be placed whenever their call has been reached, or never.
 *
 * `ops` must not contain failed operations. The search is resumable: each call of the returned
 * function explores at most `allowance` new configurations (for round-robin across partitions)
 * and answers `{kind: 'unknown', reason: 'budget'}` to be called again; the shared budget
 * bounds the whole check.
 */
export function searchLinearization<S, I, O>(
  ops: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  budget: SearchBudget,
): (allowance: number) => SearchOutcome<Operation<I, O>> {
  const n = ops.length;
  // Entry e < n is the call of op e; entry n + e is its return. Sentinel head is 2n.
  const head = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(-1);
  const prev = new Int32Array(2 * n + 1).fill(-1);
  const order: number[] = [];
  let required = 0;
  for (let i = 0; i < n; i++) {
    order.push(i);
    if (ops[i].status === 'ok') {
      order.push(n + i);
      required++;
    }
  }
  const time = (e: number): number => (e < n ? ops[e].call : ops[e - n].return);
  // Ties: calls before returns (equal stamps are concurrent), then by position in `ops`.
  order.sort((a, b) => time(a) - time(b) || (a < n ? 0 : 1) - (b < n ? 0 : 1) || a - b);
  const rank = new Int32Array(2 * n);
  let last = head;
  for (let k = 0; k < order.length; k++) {
    const e = order[k];
    rank[e] = k;
    next[last] = e;
    prev[e] = last;
    last = e;
  }

  const hasReturn = (e: number): boolean => ops[e].status === 'ok';
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

  const earlierTwin = indeterminateTwins(ops);
  const linearized = new Bitset(n);
  const memo = new MemoTable<S>(linearized.words.length, (a, b) => model.equals(a, b), 4 * n);
  const stackOps: number[] = [];
  const stackStates: S[] = [];
  // The search position, kept between resumptions.
  let savedState = model.init;
  let savedEntry = next[head];
  let savedRequired = required;
  // The furthest return reached: its op is the first that the prefix cannot place.
  let frontier = -1;
  let frontierPrefix: number[] = [];

  return (allowance) => {
    let state = savedState;
    let entry = savedEntry;
    let required = savedRequired;
    let spent = 0;
    while (required > 0) {
      if (!budget.tick()) return { kind: 'unknown', reason: 'timeout' };
      if (entry >= 0 && entry < n) {
        const op = ops[entry];
        const twin = earlierTwin[entry];
        if (twin >= 0 && !linearized.has(twin)) {
          entry = next[entry];
          continue;
        }
        const after = model.step(state, op.input, op.output);
        if (after !== ILLEGAL) {
          linearized.flip(entry);
          const hash = ((linearized.hashLow ^ Math.imul(model.hash(after), 0x85ebca6b)) + Math.imul(linearized.hashHigh, 0xc2b2ae35)) | 0;
          if (memo.add(hash, linearized.words, after)) {
            if (!budget.spend()) return { kind: 'unknown', reason: budget.exhausted ?? 'memory' };
            stackOps.push(entry);
            stackStates.push(state);
            state = after;
            lift(entry);
            if (op.status === 'ok') required--;
            entry = next[head];
            if (++spent >= allowance) {
              savedState = state;
              savedEntry = entry;
              savedRequired = required;
              return { kind: 'unknown', reason: 'budget' };
            }
            continue;
          }
          linearized.flip(entry);
        }
        entry = next[entry];
        continue;
      }
      // A return (or the end of the list): the operations placed so far cannot be extended here.
      if (entry >= n && rank[entry] > frontier) {
        frontier = rank[entry];
        frontierPrefix = stackOps.slice();
      }
      if (stackOps.length === 0) {
        const failing = frontier >= 0 ? ops[order[frontier] - n] : ops[0];
        return { kind: 'invalid', op: failing, longestPrefix: frontierPrefix.map((i) => ops[i]) };
      }
      const undone = stackOps.pop() as number;
      state = stackStates.pop() as S;
      linearized.flip(undone);
      unlift(undone);
      if (ops[undone].status === 'ok') required++;
      entry = next[undone];
    }
    return { kind: 'valid', order: stackOps.map((i) => ops[i]) };
  };
}

/**
 * For each indeterminate operation, the latest earlier-invoked indeterminate operation with the
 * same input (its "twin"), or -1. Twins are interchangeable wherever both have been invoked, so
 * only the earliest unplaced one of a family is ever tried: a history with k pending crashed
 * `write 3`s then costs k + 1 configurations instead of 2^k. (Jepsen histories accumulate such
 * crashed operations, and without this the search explodes on them.)
 */
function indeterminateTwins<I, O>(ops: readonly Operation<I, O>[]): Int32Array {
  const twin = new Int32Array(ops.length).fill(-1);
  // Most histories (and every tester inside a model-checker state) have no crashed operations.
  if (!ops.some((op) => op.status === 'info' && op.output === UNKNOWN)) return twin;
  const latest = new Map<string, number>();
  const byCall = ops.map((_, i) => i).sort((a, b) => ops[a].call - ops[b].call || a - b);
  for (const i of byCall) {
    const op = ops[i];
    if (op.status !== 'info' || op.output !== UNKNOWN) continue;
    let key: string;
    try {
      key = JSON.stringify(op.input);
    } catch {
      continue;
    }
    if (key === undefined) continue;
    const previous = latest.get(key);
    if (previous !== undefined) twin[i] = previous;
    latest.set(key, i);
  }
  return twin;
}
