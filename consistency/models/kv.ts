import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel } from '../model.js';
import { stringHash } from '../value.js';

export type KvInput =
  | { readonly f: 'get'; readonly key: string }
  | { readonly f: 'put'; readonly key: string; readonly value: string }
  | { readonly f: 'append'; readonly key: string; readonly value: string };
/** A get's output is the key's whole value (a missing key reads as ""). */
export type KvOutput = string | null;
export type KvState = { readonly [key: string]: string };

/**
 * A key/value store of strings with get, put and append (Porcupine's kv). Partitioned by key
 * unless `partitioned` is false, which checks one state holding every key (far slower, same verdict).
 */
export function kvModel(options: { readonly init?: KvState; readonly partitioned?: boolean } = {}): SequentialModel<KvState, KvInput, KvOutput> {
  const partitioned = options.partitioned ?? true;
  return {
    name: partitioned ? 'kv' : 'kv-nopartition',
    init: options.init ?? {},
    step(state, input, output) {
      const current = state[input.key] ?? '';
      switch (input.f) {
        case 'get':
          return output === UNKNOWN || output === null || output === current ? state : ILLEGAL;
        case 'put':
          return current === input.value && input.key in state ? state : { ...state, [input.key]: input.value };
        case 'append':
          return input.value === '' && input.key in state ? state : { ...state, [input.key]: current + input.value };
      }
    },
    respond: (state, input) => (input.f === 'get' ? (state[input.key] ?? '') : null),
    equals(a, b) {
      const keys = Object.keys(a);
      if (keys.length !== Object.keys(b).length) return false;
      for (const k of keys) if (a[k] !== b[k]) return false;
      return true;
    },
    hash(state) {
      let h = 0x1f2e3d4c;
      for (const k in state) h = (h + Math.imul(stringHash(k), 31) + stringHash(state[k])) | 0;
      return h;
    },
    partitionKey: partitioned ? (input) => input.key : undefined,
    describeOperation(input, output) {
      if (input.f === 'get') return `get ${JSON.stringify(input.key)} → ${output === UNKNOWN || output === null ? '(unknown)' : JSON.stringify(output)}`;
      return `${input.f} ${JSON.stringify(input.key)} ${JSON.stringify(input.value)}`;
    },
    describeState: (state) => `{${Object.keys(state).sort().map((k) => `${JSON.stringify(k)}: ${JSON.stringify(state[k])}`).join(', ')}}`,
    explainRejection: (state, input, output) =>
      `get ${JSON.stringify(input.key)} returned ${JSON.stringify(output)}, but the key holds ${JSON.stringify(state[input.key] ?? '')}`,
  };
}
