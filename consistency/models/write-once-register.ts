import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel } from '../model.js';
import { describeValue, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';

export type WriteOnceInput = { readonly f: 'read' } | { readonly f: 'write'; readonly value: Value };
/** A read's output is the value read (null: nothing written yet); a write's is `'ok'` or `'fail'`. */
export type WriteOnceOutput = Value;

/**
 * A register that can be written once: the first write succeeds, a repeat of the same value
 * succeeds, any other value fails. The state null means "not written yet", so null is not a
 * writable value.
 */
export function writeOnceRegisterModel(init: Value = null): SequentialModel<Value, WriteOnceInput, WriteOnceOutput> {
  return {
    name: 'write-once-register',
    init,
    step(state, input, output) {
      if (input.f === 'read') return output === UNKNOWN || valueEquals(state, output) ? state : ILLEGAL;
      const succeeds = state === null || valueEquals(state, input.value);
      if (output === UNKNOWN) return succeeds ? input.value : state;
      if (output === 'fail') return succeeds ? ILLEGAL : state;
      return succeeds ? input.value : ILLEGAL;
    },
    equals: valueEquals,
    respond: (state, input) => (input.f === 'read' ? state : state === null || valueEquals(state, input.value) ? 'ok' : 'fail'),
    hash: valueHash,
    describeOperation(input, output) {
      if (input.f === 'read') return `read ${output === UNKNOWN ? '(unknown)' : describeValue(output)}`;
      const outcome = output === UNKNOWN ? ' (unknown outcome)' : output === 'fail' ? ' (failed)' : '';
      return `write ${describeValue(input.value)}${outcome}`;
    },
    describeState: (s) => (s === null ? 'empty' : describeValue(s)),
    explainRejection(state, input, output) {
      const held = state === null ? 'nothing' : describeValue(state);
      if (input.f === 'read') return `read ${describeValue(output as Value)} requires that value, but the register holds ${held}`;
      if (output === 'fail') return `write ${describeValue(input.value)} failed, but the register holds ${held}, so it would have succeeded`;
      return `write ${describeValue(input.value)} succeeded, but the register already holds ${held}`;
    },
  };
}
