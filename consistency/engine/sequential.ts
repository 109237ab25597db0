import { ILLEGAL } from '../model.js';
import type { Operation, SequentialModel } from '../model.js';
import { untrackWhenDone, type SearchBudget, type SearchOutcome } from './budget.js';
import { findImpossibleOp } from './impossible-ops.js';
import { MemoTable } from './memo-table.js';

/**
 * A search for a sequentially consistent order: every process's operations in program order
 * (by call), interleaved in any way, real time ignored. A configuration is the vector of
 * per-process positions plus the model state, which is far smaller than a linearized-set key.
 * Operations that are not `ok` (crashed or optional) may be applied or skipped; their return
 * plays no part, as real time plays none. Applying one that leaves the state unchanged is the
 * same configuration as skipping it, so only the skip is explored.
 */
export function searchSequential<S, I, O>(
  ops: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  budget: SearchBudget,
): (allowance: number) => SearchOutcome<Operation<I, O>> {
  const byProcess = new Map<number | string, Operation<I, O>[]>();
  for (const op of ops) {
    let list = byProcess.get(op.process);
    if (!list) byProcess.set(op.process, (list = []));
    list.push(op);
  }
  const processes = [...byProcess.keys()].sort((a, b) =>
    typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === 'number' ? -1 : 1,
  );
  const lanes = processes.map((p) => (byProcess.get(p) as Operation<I, O>[]).sort((a, b) => a.call - b.call));
  const lanesCount = lanes.length;
  const positions = new Int32Array(lanesCount);
  let remaining = 0;
  for (const op of ops) if (op.status === 'ok') remaining++;

  const memo = new MemoTable<S>(lanesCount, (a, b) => model.equals(a, b), 4 * ops.length);
  // Lanes are tried in the order of their next operation's return (indeterminate ones last):
  // the real execution is a sequentially consistent order for most histories, and an order by
  // return time follows it closely, so the search usually walks straight to a witness.
  const returnOf = (op: Operation<I, O>): number => (op.status === 'ok' ? op.return : Infinity);
  const candidates = (): number[] => {
    const lanesWithOps: number[] = [];
    for (let lane = 0; lane < lanesCount; lane++) if (positions[lane] < lanes[lane].length) lanesWithOps.push(lane);
    return lanesWithOps.sort((a, b) => returnOf(lanes[a][positions[a]]) - returnOf(lanes[b][positions[b]]) || a - b);
  };
  // A move is 2 * k + (0: apply the k-th candidate lane's next op, 1: skip it, when it is indeterminate).
  const moves: number[] = [];
  const untrack = budget.track(() => memo.bytes + 16 * moves.length);
  const movedLanes: number[] = [];
  const states: S[] = [];
  const placed: Operation<I, O>[] = [];
  let best: Operation<I, O>[] = [];
  let savedState = model.init;
  let savedMove = 0;
  let savedRemaining = remaining;
  // A valid history usually walks straight to a witness; a search that has explored well beyond
  // that first asks whether some operation is impossible in any order (see impossible-ops.ts).
  let explored = 0;
  const patience = 4 * ops.length + 1000;
  let impossibleChecked = false;
  const positionsHash = (): number => {
    let h = 0x3c6ef372;
    for (let i = 0; i < lanesCount; i++) h = (Math.imul(h ^ positions[i], 0x01000193) + i) | 0;
    return h;
  };

  return untrackWhenDone(untrack, (allowance) => {
    let state = savedState;
    let move = savedMove;
    let remaining = savedRemaining;
    let order = candidates();
    let spent = 0;
    while (remaining > 0) {
      if (!budget.tick()) return { kind: 'unknown', reason: budget.exhausted ?? 'timeout' };
      let advanced = false;
      for (; move < 2 * order.length; move++) {
        const lane = order[move >> 1];
        const op = lanes[lane][positions[lane]];
        const skip = (move & 1) === 1;
        if (skip && op.status === 'ok') continue;
        const after = skip ? state : model.step(state, op.input, op.output);
        if (after === ILLEGAL || (!skip && op.status !== 'ok' && model.equals(after, state))) continue;
        positions[lane]++;
        if (!memo.add((positionsHash() ^ Math.imul(model.hash(after), 0x85ebca6b)) | 0, positions, after)) {
          positions[lane]--;
          continue;
        }
        if (!budget.spend()) return { kind: 'unknown', reason: budget.exhausted ?? 'memory' };
        if (++explored > patience && !impossibleChecked) {
          impossibleChecked = true;
          const impossible = findImpossibleOp(ops, model);
          if (impossible !== undefined) return { kind: 'invalid', op: impossible, longestPrefix: best };
        }
        moves.push(move);
        movedLanes.push(lane);
        states.push(state);
        if (!skip) placed.push(op);
        if (op.status === 'ok') remaining--;
        state = after;
        advanced = true;
        break;
      }
      if (advanced) {
        move = 0;
        if (++spent >= allowance) {
          savedState = state;
          savedMove = 0;
          savedRemaining = remaining;
          return { kind: 'unknown', reason: 'budget' };
        }
        order = candidates();
        continue;
      }
      if (placed.length > best.length) best = placed.slice();
      if (moves.length === 0) {
        // Report the required operation that the longest order could not place, earliest return first.
        const inBest = new Set(best);
        let stuck: Operation<I, O> | undefined;
        for (const op of ops) if (op.status === 'ok' && !inBest.has(op) && (!stuck || op.return < stuck.return)) stuck = op;
        return { kind: 'invalid', op: stuck as Operation<I, O>, longestPrefix: best };
      }
      move = moves.pop() as number;
      const lane = movedLanes.pop() as number;
      state = states.pop() as S;
      positions[lane]--;
      if ((move & 1) === 0) placed.pop();
      if (lanes[lane][positions[lane]].status === 'ok') remaining++;
      order = candidates();
      move++;
    }
    return { kind: 'valid', order: placed };
  });
}
