/**
 * The data the HTML timeline draws: one compact record per op, with the model state before and
 * after it along the order being shown (the witness of a valid history, or the longest partial
 * linearization of an invalid one). Computed here, in Node, so the page needs no model code.
 */
import type { CheckResult } from '../../consistency/check-result.js';
import type { Explanation } from '../../consistency/explain/index.js';
import { searchModel, splitKey } from '../../consistency/engine/partition.js';
import { ILLEGAL } from '../../consistency/model.js';
import type { Operation, SequentialModel } from '../../consistency/model.js';
import { compareProcess } from './core-graph.js';

export interface TimelineOp {
  /** Operation.id */
  readonly i: number;
  /** Lane index. */
  readonly l: number;
  readonly c: number;
  /** Return stamp; null when it never returned (drawn open-ended). */
  readonly r: number | null;
  /** 0 ok, 1 indeterminate, 2 failed. */
  readonly s: 0 | 1 | 2;
  readonly t: string;
  /** Position in the drawn order (witness or longest prefix), or -1. */
  readonly o: number;
  /** 1 in the minimal core, 2 the failing op, 4 context named by the explanation, 0 otherwise (bit flags). */
  readonly f: number;
  /** Hover text: state before and after, or why it is not placed. */
  readonly h: string;
}

export interface TimelineData {
  readonly lanes: readonly string[];
  readonly ops: readonly TimelineOp[];
  /** Op ids in drawn order. */
  readonly order: readonly number[];
  readonly orderName: string;
  readonly min: number;
  readonly max: number;
}

// An `optional` op (took effect within its interval or never) is drawn as indeterminate.
const STATUS_CODE = { ok: 0, info: 1, optional: 1, fail: 2 } as const;

export function timelineData<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  result: CheckResult<I, O>,
  explanation: Explanation<I, O> | null,
): TimelineData {
  // An invalid result shows its partition (failed ops of it too, in pink); a valid one everything.
  // States are those of the model the engine searched the shown partitions with (searchModel).
  const keyOf = splitKey(model, result.consistency);
  const searched = searchModel(model, result.consistency);
  let shown: readonly Operation<I, O>[] = history;
  if (result.valid === false && keyOf && result.key !== null) shown = history.filter((op) => keyOf(op.input) === result.key);
  const hover = new Map<Operation<I, O>, string>();
  const order: Operation<I, O>[] = [];
  const walk = (ops: readonly Operation<I, O>[]): unknown => {
    let state = searched.init;
    for (const op of ops) {
      const after = searched.step(state, op.input, op.output);
      if (after === ILLEGAL) break;
      hover.set(op, `state before: ${searched.describeState(state)}\nstate after: ${searched.describeState(after)}\nstep ${order.length + 1} of the ${result.valid === false ? 'longest partial linearization' : 'witness order'}`);
      order.push(op);
      state = after;
    }
    return state;
  };
  if (result.valid === false) {
    const end = walk(result.longestPrefix);
    const op = result.op;
    const reason = searched.step(end, op.input, op.output) === ILLEGAL && searched.explainRejection ? searched.explainRejection(end, op.input, op.output) : 'it cannot be placed in any order that respects real time';
    hover.set(op, `the failing op: after the longest partial linearization the state is ${searched.describeState(end)}\n${reason}`);
  } else if (result.valid === true) {
    for (const part of result.partitions) if (part.valid === true) walk(part.witness);
  }

  const laneNames = [...new Set(shown.map((op) => String(op.process)))].sort(compareProcess);
  const laneOf = new Map(laneNames.map((name, k) => [name, k]));
  const position = new Map(order.map((op, k) => [op, k]));
  const core = new Set(explanation?.core.ids ?? []);
  const context = new Set((explanation?.context ?? []).map((op) => op.id));
  const failingId = result.valid === false ? result.op.id : null;
  let min = Infinity;
  let max = -Infinity;
  const ops: TimelineOp[] = shown.map((op) => {
    const r = Number.isFinite(op.return) && op.status !== 'info' ? op.return : null;
    min = Math.min(min, op.call);
    max = Math.max(max, r ?? op.call);
    const placed = position.get(op) ?? -1;
    const note =
      hover.get(op) ??
      (op.status === 'fail' ? 'failed: it never took effect, so the checker ignores it' : placed < 0 ? (op.status === 'info' ? 'indeterminate: not placed (it may never have taken effect)' : 'not placed in the longest partial linearization') : '');
    return {
      i: op.id,
      l: laneOf.get(String(op.process)) as number,
      c: op.call,
      r,
      s: STATUS_CODE[op.status],
      t: model.describeOperation(op.input, op.output),
      o: placed,
      f: (core.has(op.id) ? 1 : 0) | (op.id === failingId ? 2 : 0) | (context.has(op.id) ? 4 : 0),
      h: note,
    };
  });
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  return {
    lanes: laneNames,
    ops,
    order: order.map((op) => op.id),
    orderName: result.valid === false ? 'longest partial linearization' : 'witness order',
    min,
    max: max > min ? max : min + 1,
  };
}
