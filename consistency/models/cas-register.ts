import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel, Unknown } from '../model.js';
import { describeValue, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';
import { describeRegisterOperation } from './register.js';

export type CasRegisterInput =
  | { readonly f: 'read' }
  | { readonly f: 'write'; readonly value: Value }
  | { readonly f: 'cas'; readonly expected: Value; readonly value: Value };
/**
 * A read's output is the value read. A cas's output is `true` when the compare succeeded and
 * `false` when it failed (a failed cas happened and saw another value, as Porcupine reads etcd
 * logs). A write's output carries nothing (use null).
 */
export type CasRegisterOutput = Value;

/** A register with compare-and-set. */
export function casRegisterModel(init: Value = null): SequentialModel<Value, CasRegisterInput, CasRegisterOutput> {
  return {
    name: 'cas-register',
    init,
    step(state, input, output) {
      switch (input.f) {
        case 'write':
          return input.value;
        case 'read':
          return output === UNKNOWN || valueEquals(state, output) ? state : ILLEGAL;
        case 'cas': {
          const matches = valueEquals(state, input.expected);
          if (output === UNKNOWN) return matches ? input.value : state;
          if (output === false) return matches ? ILLEGAL : state;
          return matches ? input.value : ILLEGAL;
        }
      }
    },
    equals: valueEquals,
    respond: (state, input) => (input.f === 'read' ? state : input.f === 'cas' ? valueEquals(state, input.expected) : null),
    hash: valueHash,
    describeOperation: describeCasOperation,
    describeState: describeValue,
    explainRejection(state, input, output) {
      const held = describeValue(state);
      if (input.f === 'cas') {
        const from = describeValue(input.expected);
        if (output === false) return `cas ${from}→${describeValue(input.value)} failed, so the register must not hold ${from}, but it does`;
        return `cas ${from}→${describeValue(input.value)} requires the value ${from}, but the register holds ${held}`;
      }
      const read = describeValue(output as Value);
      return `read ${read} requires the value ${read}, but the register holds ${held}`;
    },
  };
}

export function describeCasOperation(input: CasRegisterInput, output: Value | Unknown): string {
  if (input.f !== 'cas') return describeRegisterOperation(input, output);
  const base = `cas ${describeValue(input.expected)}→${describeValue(input.value)}`;
  if (output === UNKNOWN) return `${base} (unknown outcome)`;
  return output === false ? `${base} (failed)` : base;
}
