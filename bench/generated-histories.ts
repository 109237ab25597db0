/**
 * Deterministic generated histories for benchmarks: processes invoke operations on a true
 * register, each operation takes effect at a random moment between its call and its return, so
 * the history is linearizable; a share of operations crash (indeterminate) and their process is
 * replaced, as in Jepsen.
 */
import { UNKNOWN } from '../consistency/model.js';
import type { Operation } from '../consistency/model.js';
import type { CasRegisterInput } from '../consistency/models/index.js';
import type { Value } from '../consistency/value.js';
import { seededRandom } from './stats.js';

export interface GeneratedHistoryOptions {
  readonly ops: number;
  readonly processes: number;
  readonly indeterminate: number;
  readonly withCas: boolean;
  readonly seed: number;
}

export function generateRegisterHistory(options: GeneratedHistoryOptions): Operation<CasRegisterInput, Value>[] {
  const random = seededRandom(options.seed);
  const pick = (n: number): number => Math.floor(random() * n);
  type Open = { input: CasRegisterInput; call: number; output: Value | typeof UNKNOWN; applied: boolean; process: number };
  const slots: (Open | null)[] = new Array<Open | null>(options.processes).fill(null);
  const processIds = Array.from({ length: options.processes }, (_, i) => i);
  let nextProcess = options.processes;
  let state: Value = 0;
  let clock = 0;
  let invoked = 0;
  const ops: Operation<CasRegisterInput, Value>[] = [];
  while (ops.length < options.ops) {
    const slot = pick(options.processes);
    const open = slots[slot];
    if (!open) {
      if (invoked >= options.ops) continue;
      invoked++;
      const kind = pick(options.withCas ? 3 : 2);
      const input: CasRegisterInput =
        kind === 0 ? { f: 'read' } : kind === 1 ? { f: 'write', value: pick(5) } : { f: 'cas', expected: pick(5), value: pick(5) };
      slots[slot] = { input, call: clock++, output: UNKNOWN, applied: false, process: processIds[slot] };
    } else if (!open.applied) {
      open.applied = true;
      if (open.input.f === 'read') open.output = state;
      else if (open.input.f === 'write') {
        state = open.input.value;
        open.output = null;
      } else {
        const ok = state === open.input.expected;
        if (ok) state = open.input.value;
        open.output = ok;
      }
    } else {
      slots[slot] = null;
      const crashed = random() < options.indeterminate;
      ops.push({
        id: ops.length,
        process: open.process,
        input: open.input,
        output: crashed ? UNKNOWN : open.output,
        status: crashed ? 'info' : 'ok',
        call: open.call,
        return: crashed ? Infinity : clock++,
      });
      if (crashed) processIds[slot] = nextProcess++;
    }
  }
  return ops;
}
