import { ILLEGAL, UNKNOWN, latestEffect } from '../model.js';
import type { Operation, SequentialModel } from '../model.js';
import { Bitset } from './bitset.js';
import type { SearchBudget, SearchOutcome } from './budget.js';
import { MemoTable } from './memo-table.js';

/**
 * Wing & Gong's search for a linearization with Lowe's memoisation, over one partition.
 *
 * Calls and returns form one list in time order. Walking from the head, a call is tried: if the
 * model accepts it and the configuration is new, it is lifted out of the list (with its return)
 * and the walk restarts. Reaching a return means its operation cannot be placed in this
 * configuration, so the last placement is undone. Only `ok` operations are required and have a
 * return entry; every other (live) operation is optional: it may be placed while its call has
 * been reached and it is still alive, or never.
 *
 * An optional operation with a finite return (status `optional`) dies once an operation called
 * after that return has been placed: real time then forbids placing it. Its liveness is a
 * function of the placed set (dead iff its return < the largest call placed), which is why the
 * memo stays exact. Dead unplaced operations are unlinked from the list, so the walk never
 * visits them again (restored in reverse order on undo, dancing-links style).
 *
 * The memo key is the placed set *with the bits of dead operations cleared*, and the state.
 * Soundness: the future of a configuration depends only on which required operations are
 * unplaced, which optional ones are still placeable (alive and unplaced) and the model state.
 * Whether a dead optional operation was placed changes none of these. And the key still
 * determines which operations are dead: the placed operation with the largest call is never
 * dead itself (its return is at least its call), so the largest call placed, hence the dead set,
 * can be read off the bits that remain. Two configurations with one key therefore have the same
 * future. Without this, a history with many optional operations (an explanation weakens all
 * but a few) would memoise every subset of its past.
 *
 * Two more prunings, both sound by an exchange argument on any witness:
 * - An optional operation that leaves the state unchanged is never placed: dropping it from a
 *   witness keeps every state, and placing it can only kill other optional operations.
 * - Optional operations with equal inputs, unknown outputs and equal latest effect (twins) are
 *   interchangeable; only the earliest-called unplaced one of a family is tried (see
 *   `optionalTwins`).
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
  const unlink = (e: number): void => {
    next[prev[e]] = next[e];
    if (next[e] >= 0) prev[next[e]] = prev[e];
  };
  const relink = (e: number): void => {
    if (next[e] >= 0) prev[next[e]] = e;
    next[prev[e]] = e;
  };
  const lift = (e: number): void => {
    unlink(e);
    if (hasReturn(e)) unlink(n + e);
  };
  const unlift = (e: number): void => {
    if (hasReturn(e)) relink(n + e);
    relink(e);
  };

  // Optional operations that can die, in the order they die (by return).
  const mortal: number[] = [];
  for (let i = 0; i < n; i++) if (ops[i].status === 'optional' && Number.isFinite(ops[i].return)) mortal.push(i);
  mortal.sort((a, b) => ops[a].return - ops[b].return || a - b);
  const hasMortal = mortal.length > 0;
  const placed = new Uint8Array(n);
  let maxCall = -Infinity;
  let deadCount = 0;
  /** Kills the mortal ops whose return is before `maxCall`; returns the previous dead count. */
  const killOverdue = (): number => {
    const before = deadCount;
    while (deadCount < mortal.length && ops[mortal[deadCount]].return < maxCall) {
      const d = mortal[deadCount++];
      if (placed[d]) linearized.flip(d);
      else unlink(d);
    }
    return before;
  };
  const revive = (to: number): void => {
    while (deadCount > to) {
      const d = mortal[--deadCount];
      if (placed[d]) linearized.flip(d);
      else relink(d);
    }
  };

  const earlierTwin = optionalTwins(ops);
  const linearized = new Bitset(n);
  const memo = new MemoTable<S>(linearized.words.length, (a, b) => model.equals(a, b), 4 * n);
  const stackOps: number[] = [];
  const stackStates: S[] = [];
  const stackMaxCall: number[] = [];
  const stackDead: number[] = [];
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
        if (twin >= 0 && !placed[twin]) {
          entry = next[entry];
          continue;
        }
        const after = model.step(state, op.input, op.output);
        if (after !== ILLEGAL && (op.status === 'ok' || !model.equals(after, state))) {
          linearized.flip(entry);
          placed[entry] = 1;
          const previousMaxCall = maxCall;
          let previousDead = deadCount;
          if (op.call > maxCall) {
            maxCall = op.call;
            if (hasMortal) previousDead = killOverdue();
          }
          const hash = ((linearized.hashLow ^ Math.imul(model.hash(after), 0x85ebca6b)) + Math.imul(linearized.hashHigh, 0xc2b2ae35)) | 0;
          if (memo.add(hash, linearized.words, after)) {
            if (!budget.spend()) return { kind: 'unknown', reason: budget.exhausted ?? 'memory' };
            stackOps.push(entry);
            stackStates.push(state);
            stackMaxCall.push(previousMaxCall);
            stackDead.push(previousDead);
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
          if (hasMortal) revive(previousDead);
          maxCall = previousMaxCall;
          placed[entry] = 0;
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
      // Undone in the reverse order of the placement (kills came before the lift).
      unlift(undone);
      if (hasMortal) revive(stackDead.pop() as number);
      maxCall = stackMaxCall.pop() as number;
      placed[undone] = 0;
      linearized.flip(undone);
      if (ops[undone].status === 'ok') required++;
      entry = next[undone];
    }
    return { kind: 'valid', order: stackOps.map((i) => ops[i]) };
  };
}

/**
 * For each optional operation with an unknown output, the latest earlier-called optional
 * operation with the same input and the same latest effect (its "twin"), or -1. Only the
 * earliest unplaced one of a family is ever tried: a history with k pending crashed `write 3`s
 * then costs k + 1 configurations instead of 2^k. (Jepsen histories accumulate such crashed
 * operations, and without this the search explodes on them.)
 *
 * Soundness: take a witness that places a family member b but not its twin a (a called no
 * later, same latest effect). Placing a at b's point instead is legal (a's interval contains
 * b's) and changes no state (same input, any output). If both are placed with b first, swapping
 * their points is legal for the same reason. Repeating these exchanges ends in a witness where
 * every placed member's twin is placed before it, which is exactly what the search explores.
 * The latest effects must be equal: with b's interval ending earlier, a's later point could lie
 * outside it.
 */
function optionalTwins<I, O>(ops: readonly Operation<I, O>[]): Int32Array {
  const twin = new Int32Array(ops.length).fill(-1);
  const isCandidate = (op: Operation<I, O>): boolean => op.status !== 'ok' && op.output === UNKNOWN;
  // Most histories (and every tester inside a model-checker state) have no optional operations.
  if (!ops.some(isCandidate)) return twin;
  const latest = new Map<string, number>();
  const byCall = ops.map((_, i) => i).sort((a, b) => ops[a].call - ops[b].call || a - b);
  for (const i of byCall) {
    const op = ops[i];
    if (!isCandidate(op)) continue;
    let key: string;
    try {
      key = JSON.stringify([op.input, String(latestEffect(op))]);
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
