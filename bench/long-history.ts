/**
 * Long Jepsen-style histories for benchmarks (`npm run bench:long`), written as the events a
 * Jepsen test records: `invoke`, then `ok` or `info` (a crashed client). Processes act on a true
 * register (or CAS register), each operation taking effect at a random moment between its
 * invocation and its completion, so the history is linearizable; a crashed operation takes effect
 * or not (a coin), and its process is replaced by a fresh one, as in Jepsen.
 *
 * - `keys`: a `jepsen.independent` history: every value is a `[key value]` tuple, each key its own
 *   register, for `stateright check --independent`.
 * - `staleRead`: the bug switch. One completed read is made to return an older value, chosen so
 *   that the history is certainly not linearizable (see {@link injectStaleRead}).
 */
import { seededRandom } from './stats.js';

export interface LongHistoryOptions {
  readonly ops: number;
  readonly processes: number;
  /** The share of operations that crash (e.g. 0.01). */
  readonly crashed: number;
  readonly model: 'register' | 'cas-register';
  /** Values are 0 .. values - 1; the register starts at 0. */
  readonly values: number;
  /** With more than 0: a keyed (jepsen.independent) history over this many keys. */
  readonly keys: number;
  readonly staleRead: boolean;
  readonly seed: number;
}

export const DEFAULT_LONG_HISTORY: LongHistoryOptions = {
  ops: 10_000,
  processes: 10,
  crashed: 0.01,
  model: 'register',
  values: 5,
  keys: 0,
  staleRead: false,
  seed: 1,
};

type Input = { readonly f: 'read' } | { readonly f: 'write'; readonly value: number } | { readonly f: 'cas'; readonly expected: number; readonly value: number };

/** One generated operation: its events' positions in the event list, and what it saw. */
export interface GeneratedOp {
  readonly process: number;
  readonly key: number;
  readonly input: Input;
  /** What a read returned, or whether a cas succeeded; null for writes. */
  output: number | boolean | null;
  readonly invokedAt: number;
  completedAt: number;
  crashed: boolean;
}

/** The history as operations plus the event order (op index; first occurrence = invoke). */
export interface LongHistory {
  readonly ops: GeneratedOp[];
  readonly events: Int32Array;
  /** With `staleRead`: the index of the read that was made stale, and what it now returns. */
  readonly stale?: { readonly op: number; readonly value: number };
}

export function generateLongHistory(options: LongHistoryOptions): LongHistory {
  const random = seededRandom(options.seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const keys = Math.max(1, options.keys);
  const registers = new Array<number>(keys).fill(0);
  type Slot = { op: number; phase: 'invoked' | 'applied' };
  const slots: (Slot | null)[] = new Array<Slot | null>(options.processes).fill(null);
  const processIds = Array.from({ length: options.processes }, (_, i) => i);
  const ops: GeneratedOp[] = [];
  const events = new Int32Array(2 * options.ops);
  let eventCount = 0;
  let completed = 0;
  const apply = (op: GeneratedOp): void => {
    const state = registers[op.key];
    if (op.input.f === 'read') op.output = state;
    else if (op.input.f === 'write') registers[op.key] = op.input.value;
    else {
      op.output = state === op.input.expected;
      if (op.output) registers[op.key] = op.input.value;
    }
  };
  while (completed < options.ops) {
    const slot = pick(options.processes);
    const open = slots[slot];
    if (open === null) {
      if (ops.length >= options.ops) continue;
      const kind = pick(options.model === 'cas-register' ? 3 : 2);
      const v = pick(options.values);
      const input: Input = kind === 0 ? { f: 'read' } : kind === 1 ? { f: 'write', value: v } : { f: 'cas', expected: pick(options.values), value: v };
      slots[slot] = { op: ops.length, phase: 'invoked' };
      events[eventCount] = ops.length;
      ops.push({ process: processIds[slot], key: pick(keys), input, output: null, invokedAt: eventCount++, completedAt: -1, crashed: false });
    } else if (open.phase === 'invoked') {
      open.phase = 'applied';
      const op = ops[open.op];
      op.crashed = random() < options.crashed;
      // A crashed operation may or may not have taken effect.
      if (!op.crashed || random() < 0.5) apply(op);
    } else {
      slots[slot] = null;
      const op = ops[open.op];
      op.completedAt = eventCount;
      events[eventCount++] = open.op;
      completed++;
      if (op.crashed) processIds[slot] += options.processes;
    }
  }
  const history: LongHistory = { ops, events: events.subarray(0, eventCount) };
  return options.staleRead ? { ...history, stale: injectStaleRead(history, options) } : history;
}

/**
 * Makes one completed read return a value v it cannot have seen: every operation that could have
 * written v and was invoked before the read completed (the initial value counts as a write
 * completed at the start) completed before some completed write of another value, which itself
 * completed before the read was invoked, and no crashed operation that could write v was invoked
 * before the read completed. So every order must put a different value between v's last write
 * and the read. The candidate nearest the middle of the history is taken (crashed writes of every
 * value pile up as a history goes on, so late candidates are rare).
 */
function injectStaleRead(history: LongHistory, options: LongHistoryOptions): { op: number; value: number } {
  const { ops } = history;
  const middle = ops.length >> 1;
  const order = ops.map((_, i) => i).sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
  for (const r of order) {
    const read = ops[r];
    if (read.crashed || read.input.f !== 'read') continue;
    for (let v = 0; v < options.values; v++) {
      if (v === read.output) continue;
      if (staleReadIsImpossible(ops, r, v)) {
        read.output = v;
        return { op: r, value: v };
      }
    }
  }
  throw new Error('no read in this history can be made certainly stale; try another --seed');
}

function staleReadIsImpossible(ops: readonly GeneratedOp[], r: number, v: number): boolean {
  const read = ops[r];
  // Completed writes of other values on this key that returned before the read was invoked.
  const blockers: GeneratedOp[] = [];
  const writers: { completedAt: number }[] = v === 0 ? [{ completedAt: -1 }] : [];
  for (const op of ops) {
    if (op.key !== read.key || op.invokedAt > read.completedAt) continue;
    if (op.input.f === 'read') continue;
    const writesV = op.input.value === v;
    if (writesV) {
      if (op.crashed) return false;
      writers.push(op);
    } else if (!op.crashed && op.input.f === 'write' && op.completedAt < read.invokedAt) blockers.push(op);
  }
  return writers.every((w) => blockers.some((b) => w.completedAt < b.invokedAt));
}

/** The history's events as Jepsen op maps, in order, one per call (JSON Lines or EDN). */
export function* historyLines(history: LongHistory, format: 'jsonl' | 'edn', keyed: boolean): Generator<string> {
  const seen = new Uint8Array(history.ops.length);
  for (let index = 0; index < history.events.length; index++) {
    const i = history.events[index];
    const op = history.ops[i];
    const invoke = seen[i] === 0;
    seen[i] = 1;
    // A cas that did not succeed completes as :fail, as Jepsen records it.
    const type = invoke ? 'invoke' : op.crashed ? 'info' : op.output === false ? 'fail' : 'ok';
    const value = eventValue(op, invoke);
    const wrapped = keyed ? [op.key, value] : value;
    if (format === 'jsonl') {
      yield JSON.stringify({ type, f: op.input.f, value: wrapped, process: op.process, index });
    } else {
      yield `{:type :${type}, :f :${op.input.f}, :value ${edn(wrapped)}, :process ${op.process}, :index ${index}}`;
    }
  }
}

type Plain = number | null | readonly Plain[];

function eventValue(op: GeneratedOp, invoke: boolean): Plain {
  switch (op.input.f) {
    case 'read':
      return invoke || op.crashed ? null : (op.output as number);
    case 'write':
      return op.input.value;
    case 'cas':
      return [op.input.expected, op.input.value];
  }
}

function edn(value: Plain): string {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return `[${value.map(edn).join(' ')}]`;
  return String(value);
}
