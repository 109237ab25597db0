import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel } from '../model.js';
import { describeValue, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';

export type VecInput = { readonly f: 'push'; readonly value: Value } | { readonly f: 'pop' } | { readonly f: 'len' };
/** A pop's output is the popped value, or null when the stack was empty; a len's is the size. */
export type VecOutput = Value;

/** A stack ("Vec" in Stateright): push, pop from the top, length. */
export function vecModel(init: readonly Value[] = []): SequentialModel<readonly Value[], VecInput, VecOutput> {
  return {
    name: 'vec',
    init,
    step(state, input, output) {
      switch (input.f) {
        case 'push':
          return [...state, input.value];
        case 'pop': {
          const top = state.length === 0 ? null : state[state.length - 1];
          if (output !== UNKNOWN && !valueEquals(top, output)) return ILLEGAL;
          return state.length === 0 ? state : state.slice(0, -1);
        }
        case 'len':
          return output === UNKNOWN || output === state.length ? state : ILLEGAL;
      }
    },
    equals: valueEquals,
    respond: (state, input) => (input.f === 'push' ? null : input.f === 'len' ? state.length : state.length === 0 ? null : state[state.length - 1]),
    hash: valueHash,
    describeOperation(input, output) {
      if (input.f === 'push') return `push ${describeValue(input.value)}`;
      const shown = output === UNKNOWN ? '(unknown)' : input.f === 'pop' && output === null ? 'nothing' : describeValue(output);
      return `${input.f} → ${shown}`;
    },
    describeState: (s) => `stack ${describeValue(s)}`,
    explainRejection(state, input, output) {
      if (input.f === 'len') return `len → ${describeValue(output as Value)}, but the stack holds ${state.length} elements`;
      const top = state.length === 0 ? 'the stack is empty' : `the top is ${describeValue(state[state.length - 1])}`;
      return `pop → ${output === null ? 'nothing' : describeValue(output as Value)}, but ${top}`;
    },
  };
}
