import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel } from '../model.js';
import { numberHash } from '../value.js';

export type CounterInput = { readonly f: 'add'; readonly value: number } | { readonly f: 'read' };
/** A read's output is the counter's value. */
export type CounterOutput = number | null;

/** A counter: add a number, read the total. */
export function counterModel(init = 0): SequentialModel<number, CounterInput, CounterOutput> {
  return {
    name: 'counter',
    init,
    step(state, input, output) {
      if (input.f === 'add') return state + input.value;
      return output === UNKNOWN || output === null || output === state ? state : ILLEGAL;
    },
    // Adding a non-negative number only raises the total, so a later read sees at least the current one.
    growth: {
      shrinks: (input) => input.f === 'add' && !(input.value >= 0),
      mayReach: (state, input, output) => input.f !== 'read' || typeof output !== 'number' || output >= state,
    },
    equals: (a, b) => a === b,
    respond: (state, input) => (input.f === 'read' ? state : null),
    hash: numberHash,
    describeOperation: (input, output) =>
      input.f === 'add' ? `add ${input.value}` : `read ${output === UNKNOWN || output === null ? '(unknown)' : output}`,
    describeState: String,
    explainRejection: (state, _input, output) => `read ${String(output)}, but the counter is ${state}`,
  };
}
