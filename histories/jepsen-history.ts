/**
 * Pairs Jepsen invocations with their completions, following Knossos's preprocessing (P2–P6 of
 * the corpus README) or Porcupine's reading of its etcd and kv logs.
 */
import { LineError } from './history-error.js';
import { isClient, shorten } from './jepsen-op.js';
import type { JepsenOp } from './jepsen-op.js';
import { describeValue, valueEquals } from '../consistency/value.js';
import type { Value } from '../consistency/value.js';

/**
 * - `knossos`: `:fail` ops are dropped with their invocations; `:info` makes the open op
 *   indeterminate; an `:info` with nothing open is ignored; unfinished invocations become
 *   indeterminate (a synthetic `:info` at the end).
 * - `porcupine-etcd`: `:fail` ops are kept (they happened, e.g. a cas whose compare failed);
 *   `:info` lines are ignored, so the op stays open and ends indeterminate.
 * - `porcupine-kv`: as `porcupine-etcd`, except that unfinished invocations complete at the end
 *   with the empty string (Porcupine's kv parser).
 */
export type Reading = 'knossos' | 'porcupine-etcd' | 'porcupine-kv';

export interface PairedOperation {
  readonly invocation: JepsenOp;
  /** The completion; for an invocation that never completed, a synthetic op (`synthetic` true). */
  readonly completion: JepsenOp;
  readonly outcome: 'ok' | 'fail' | 'info';
  /** Knossos's P3: an `:ok` completion's value replaces the invocation's; otherwise the invocation's. */
  readonly value: Value;
  /** Positions in the file's event order (real time): A precedes B iff A.return < B.call. */
  readonly call: number;
  readonly return: number;
  readonly synthetic: boolean;
}

export interface PairedHistory {
  /** Client operations in invocation order (failed ones included only in Porcupine's readings). */
  readonly operations: readonly PairedOperation[];
  /** Operations dropped because they failed (Knossos's P4). */
  readonly droppedFailures: number;
  /** `:info` ops ignored because their process had nothing open (nemesis ops among them). */
  readonly ignoredInfos: number;
  /** Invocations that never completed (Knossos's P5). */
  readonly unfinished: number;
}

interface Open {
  readonly invocation: JepsenOp;
  readonly position: number;
  /** Where the process crashed (`:info`), after which it may not invoke again. */
  crashedAt?: JepsenOp;
  slot: number;
}

export function pairOperations(ops: readonly JepsenOp[], reading: Reading): PairedHistory {
  const open = new Map<number | string, Open>();
  const slots: (PairedOperation | null)[] = [];
  let droppedFailures = 0;
  let ignoredInfos = 0;
  let maxIndex = -1;
  for (const op of ops) if (op.index > maxIndex) maxIndex = op.index;

  for (let position = 0; position < ops.length; position++) {
    const op = ops[position];
    if (!isClient(op)) continue;
    const current = open.get(op.process);
    if (op.type === 'invoke') {
      if (current !== undefined) {
        const why = current.crashedAt
          ? `its operation invoked at line ${current.invocation.line} crashed (:info at line ${current.crashedAt.line}), so Jepsen never reuses the process`
          : `it already has an operation in flight (invoked at line ${current.invocation.line})`;
        throw new LineError(op.line, `process ${op.process} invokes again, but ${why}`);
      }
      open.set(op.process, { invocation: op, position, slot: slots.length });
      slots.push(null);
      continue;
    }
    if (current === undefined || current.crashedAt) {
      if (op.type === 'info') {
        ignoredInfos++;
        continue;
      }
      const why = current?.crashedAt ? `its last operation already crashed (:info at line ${current.crashedAt.line})` : 'it has no invocation in flight';
      throw new LineError(op.line, `:${op.type} by process ${op.process}, but ${why}`);
    }
    if (op.f !== current.invocation.f) {
      throw new LineError(op.line, `:${op.type} :${op.f} completes process ${op.process}'s :${current.invocation.f} invoked at line ${current.invocation.line}; the :f must match`);
    }
    if (op.type === 'info') {
      if (reading !== 'knossos') {
        ignoredInfos++;
        continue;
      }
      current.crashedAt = op;
      slots[current.slot] = paired(current, op, 'info', current.invocation.value, position, false);
      continue;
    }
    open.delete(op.process);
    if (op.type === 'ok') {
      slots[current.slot] = paired(current, op, 'ok', op.value, position, false);
    } else if (reading === 'knossos') {
      if (!valueEquals(op.value, current.invocation.value)) {
        throw new LineError(
          op.line,
          `:fail value ${shorten(describeValue(op.value))} differs from its invocation's ${shorten(describeValue(current.invocation.value))} (line ${current.invocation.line}); a failed op must carry the value it was invoked with`,
        );
      }
      droppedFailures++;
    } else {
      slots[current.slot] = paired(current, op, 'fail', op.value, position, false);
    }
  }

  // Invocations that never completed: indeterminate (Knossos P5, Porcupine's unknown result at the
  // end), or completed at the end with "" (Porcupine's kv parser).
  let unfinished = 0;
  let extra = 0;
  for (const entry of open.values()) {
    if (entry.crashedAt) continue;
    unfinished++;
    const { invocation } = entry;
    // Porcupine's kv parser gives an unfinished get the output "" (puts and appends keep their argument).
    const endValue: Value = reading === 'porcupine-kv' && invocation.f === 'get' ? '' : invocation.value;
    const completion: JepsenOp = {
      ...invocation,
      type: reading === 'porcupine-kv' ? 'ok' : 'info',
      index: maxIndex + 1 + extra,
      value: endValue,
      fields: { ...invocation.fields, type: reading === 'porcupine-kv' ? 'ok' : 'info', value: endValue },
    };
    const outcome = reading === 'porcupine-kv' ? 'ok' : 'info';
    slots[entry.slot] = paired(entry, completion, outcome, endValue, ops.length + extra, true);
    extra++;
  }
  const operations = slots.filter((s): s is PairedOperation => s !== null);
  return { operations, droppedFailures, ignoredInfos, unfinished };
}

function paired(open: Open, completion: JepsenOp, outcome: PairedOperation['outcome'], value: Value, returnPosition: number, synthetic: boolean): PairedOperation {
  return {
    invocation: open.invocation,
    completion,
    outcome,
    value,
    call: open.position,
    return: outcome === 'info' ? Number.POSITIVE_INFINITY : returnPosition,
    synthetic,
  };
}
