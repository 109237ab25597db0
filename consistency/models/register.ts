import { ILLEGAL, UNKNOWN } from '../model.js';
import type { Illegal, SequentialModel, Unknown } from '../model.js';
import { describeValue, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';

export type RegisterInput = { readonly f: 'read' } | { readonly f: 'write'; readonly value: Value };
/** A read's output is the value read; a write's output carries nothing (use null). */
export type RegisterOutput = Value;

/** A read/write register. A read of UNKNOWN output accepts any value. */
export function registerModel(init: Value = null): SequentialModel<Value, RegisterInput, RegisterOutput> {
  return {
    name: 'register',
    init,
    step(state, input, output) {
      if (input.f === 'write') return input.value;
      return output === UNKNOWN || valueEquals(state, output) ? state : ILLEGAL;
    },
    equals: valueEquals,
    respond: (state, input) => (input.f === 'read' ? state : null),
    hash: valueHash,
    describeOperation: describeRegisterOperation,
    describeState: describeValue,
    explainRejection: explainRegisterRejection,
  };
}

export function describeRegisterOperation(input: { readonly f: string; readonly value?: Value }, output: Value | Unknown): string {
  if (input.f === 'read') return `read ${output === UNKNOWN ? '(unknown)' : describeValue(output)}`;
  return `write ${describeValue(input.value ?? null)}`;
}

export function explainRegisterRejection(state: Value, _input: RegisterInput, output: Value | Unknown | Illegal): string {
  const read = describeValue(output as Value);
  return `read ${read} requires the value ${read}, but the register holds ${describeValue(state)}`;
}
