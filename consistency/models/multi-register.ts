import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel } from '../model.js';
import { describeValue, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';

/** One micro-operation of a transaction: `['read', key, value]` or `['write', key, value]`. */
export type MicroOp = readonly ['read' | 'write', string, Value];
export type MultiRegisterInput = { readonly f: 'txn'; readonly ops: readonly MicroOp[] };
/** The transaction as completed (read values filled in); UNKNOWN falls back to the invocation. */
export type MultiRegisterOutput = readonly MicroOp[];
export type Registers = { readonly [key: string]: Value };

/**
 * Several registers updated by transactions of reads and writes, applied in order; a read of
 * null means "value unknown" and accepts anything (Knossos's rule).
 */
export function multiRegisterModel(init: Registers = {}): SequentialModel<Registers, MultiRegisterInput, MultiRegisterOutput> {
  const firstRejected = (state: Registers, ops: readonly MicroOp[]): { index: number; state: Registers } => {
    let current = state;
    for (let i = 0; i < ops.length; i++) {
      const [f, key, value] = ops[i];
      if (f === 'write') current = { ...current, [key]: value };
      else if (value !== null && !valueEquals(current[key] ?? null, value)) return { index: i, state: current };
    }
    return { index: -1, state: current };
  };
  return {
    name: 'multi-register',
    init,
    step(state, input, output) {
      const { index, state: next } = firstRejected(state, output === UNKNOWN ? input.ops : output);
      return index < 0 ? next : ILLEGAL;
    },
    equals: valueEquals,
    hash: valueHash,
    describeOperation(input, output) {
      const ops = output === UNKNOWN ? input.ops : output;
      return `txn ${ops.map(([f, k, v]) => `${f} ${k} ${describeValue(v)}`).join(', ')}`;
    },
    describeState: describeValue,
    explainRejection(state, input, output) {
      const ops = output === UNKNOWN ? input.ops : output;
      const { index, state: at } = firstRejected(state, ops);
      if (index < 0) return 'the transaction is possible here';
      const [, key, value] = ops[index];
      return `txn reads ${key} = ${describeValue(value)}, but ${key} holds ${describeValue(at[key] ?? null)} at that point`;
    },
  };
}
