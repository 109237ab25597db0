import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel } from '../model.js';
import { describeValue, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';

export type SetInput = { readonly f: 'add'; readonly value: Value } | { readonly f: 'read' };
/** A read's output is the whole set, as an array in any order. */
export type SetOutput = Value;

const key = (v: Value): string => JSON.stringify(v);
/** Sets are kept as arrays sorted by a canonical key, so equal sets are equal arrays. */
function normalise(values: readonly Value[]): readonly Value[] {
  const seen = new Map<string, Value>();
  for (const v of values) seen.set(key(v), v);
  return [...seen.keys()].sort().map((k) => seen.get(k) as Value);
}

/** A grow-only set: add an element, read the whole set. */
export function setModel(init: readonly Value[] = []): SequentialModel<readonly Value[], SetInput, SetOutput> {
  return {
    name: 'set',
    init: normalise(init),
    step(state, input, output) {
      if (input.f === 'add') return state.some((v) => valueEquals(v, input.value)) ? state : normalise([...state, input.value]);
      if (output === UNKNOWN) return state;
      return Array.isArray(output) && valueEquals(normalise(output), state) ? state : ILLEGAL;
    },
    equals: valueEquals,
    respond: (state, input) => (input.f === 'read' ? state : null),
    hash: valueHash,
    describeOperation(input, output) {
      if (input.f === 'add') return `add ${describeValue(input.value)}`;
      return `read ${output === UNKNOWN ? '(unknown)' : `#{${(Array.isArray(output) ? normalise(output) : [output]).map(describeValue).join(' ')}}`}`;
    },
    describeState: (s) => `#{${s.map(describeValue).join(' ')}}`,
    explainRejection(state, _input, output) {
      return `read ${describeValue(output as Value)}, but the set holds #{${state.map(describeValue).join(' ')}}`;
    },
  };
}
