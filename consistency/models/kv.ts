import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel, Unknown } from '../model.js';
import { stringHash } from '../value.js';

export type KvInput =
  | { readonly f: 'get'; readonly key: string }
  | { readonly f: 'put'; readonly key: string; readonly value: string }
  | { readonly f: 'append'; readonly key: string; readonly value: string }
  /** Compare-and-set: the key becomes `to` if it holds `from`; the output says whether it did. */
  | { readonly f: 'cas'; readonly key: string; readonly from: string; readonly to: string };
/** A get's output is the key's whole value (a missing key reads as ""); a cas's, whether it swapped. */
export type KvOutput = string | boolean | null;
export type KvState = { readonly [key: string]: string };

/**
 * One key's value with a polynomial hash of its characters, maintained as values are appended:
 * values grow to hundreds of characters, and rehashing them at every step dominated the search.
 */
export interface KvValue {
  readonly value: string;
  readonly hash: number;
}

const BASE = 0x01000193;
function appendHash(hash: number, suffix: string): number {
  for (let i = 0; i < suffix.length; i++) hash = (Math.imul(hash, BASE) + suffix.charCodeAt(i)) | 0;
  return hash;
}
const kvValue = (value: string): KvValue => ({ value, hash: appendHash(0, value) });

/**
 * A key/value store of strings with get, put and append (Porcupine's kv), partitioned by key.
 * The model itself is the whole store (`kvStoreModel`): that is what sequential consistency,
 * which is not local, searches, since there a put of one key and a get of another interact.
 * Its `partitioning` checks each key on its own where the split is sound (linearizability, or
 * independent keys), with `kvKeyModel`, whose state is just that key's value.
 */
export function kvModel(options: { readonly init?: KvState } = {}): SequentialModel<KvState, KvInput, KvOutput> {
  return { ...kvStoreModel(options), name: 'kv', partitioning: { key: (input) => input.key, model: kvKeyModel(options) } };
}

/**
 * One key of the store, for the operations of one key only: the state is that key's value (null
 * until the first put or append: the key's initial value from `init`, or ""). Reached only
 * through `kvModel`'s `partitioning`, never on a history of several keys.
 */
function kvKeyModel(options: { readonly init?: KvState }): SequentialModel<KvValue | null, KvInput, KvOutput> {
  const init = options.init ?? {};
  const current = (state: KvValue | null, key: string): string => (state ? state.value : (init[key] ?? ''));
  return {
    name: 'kv',
    init: null,
    step(state, input, output) {
      switch (input.f) {
        case 'get':
          return output === UNKNOWN || output === null || output === current(state, input.key) ? state : ILLEGAL;
        case 'put':
          return kvValue(input.value);
        case 'append': {
          const base = state ?? kvValue(init[input.key] ?? '');
          return { value: base.value + input.value, hash: appendHash(base.hash, input.value) };
        }
        case 'cas': {
          const swaps = current(state, input.key) === input.from;
          if (output !== UNKNOWN && output !== swaps) return ILLEGAL;
          return swaps ? kvValue(input.to) : state;
        }
      }
    },
    respond: (state, input) => (input.f === 'get' ? current(state, input.key) : input.f === 'cas' ? current(state, input.key) === input.from : null),
    growth: {
      // A swapping cas replaces the value, as a put does: both may move the state down the order.
      shrinks: (input) => input.f === 'put' || input.f === 'cas',
      // Appends extend the value, so a later get sees the current value as a prefix.
      mayReach: (state, input, output) => input.f !== 'get' || typeof output !== 'string' || output.startsWith(current(state, input.key)),
      resetState: (input) => (input.f === 'put' ? kvValue(input.value) : undefined),
    },
    equals: (a, b) => a === b || (a !== null && b !== null && a.hash === b.hash && a.value === b.value),
    hash: (state) => (state === null ? 0x2545f491 : state.hash),
    describeOperation: describeKvOperation,
    describeState: (state) => (state === null ? 'initial value' : JSON.stringify(state.value)),
    explainRejection: (state, input, output) => explainKvRejection(input, output, current(state, input.key)),
  };
}

/** The key/value store as one state mapping every key to its value (Porcupine's kv-nopartition). */
export function kvStoreModel(options: { readonly init?: KvState } = {}): SequentialModel<KvState, KvInput, KvOutput> {
  return {
    name: 'kv-nopartition',
    init: options.init ?? {},
    step(state, input, output) {
      const current = state[input.key] ?? '';
      switch (input.f) {
        case 'get':
          return output === UNKNOWN || output === null || output === current ? state : ILLEGAL;
        case 'put':
          return { ...state, [input.key]: input.value };
        case 'append':
          return { ...state, [input.key]: current + input.value };
        case 'cas': {
          const swaps = current === input.from;
          if (output !== UNKNOWN && output !== swaps) return ILLEGAL;
          return swaps ? { ...state, [input.key]: input.to } : state;
        }
      }
    },
    respond: (state, input) => (input.f === 'get' ? (state[input.key] ?? '') : input.f === 'cas' ? (state[input.key] ?? '') === input.from : null),
    // Each key's value grows by appends (every key at once: s ⊑ t when each key's value in s is a
    // prefix of its value in t); puts and swapping cas operations replace it.
    growth: {
      shrinks: (input) => input.f === 'put' || input.f === 'cas',
      mayReach: (state, input, output) => input.f !== 'get' || typeof output !== 'string' || output.startsWith(state[input.key] ?? ''),
    },
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
    describeOperation: describeKvOperation,
    describeState: (state) => `{${Object.keys(state).sort().map((k) => `${JSON.stringify(k)}: ${JSON.stringify(state[k])}`).join(', ')}}`,
    explainRejection: (state, input, output) => explainKvRejection(input, output, state[input.key] ?? ''),
  };
}

/** Why `input` with `output` cannot follow a state in which its key holds `held`. */
function explainKvRejection(input: KvInput, output: KvOutput | Unknown, held: string): string {
  if (input.f === 'cas') {
    const said = output === true ? 'succeeded' : 'failed';
    return `cas ${JSON.stringify(input.key)} from ${JSON.stringify(input.from)} to ${JSON.stringify(input.to)} ${said}, but the key holds ${JSON.stringify(held)}`;
  }
  return `get ${JSON.stringify(input.key)} returned ${JSON.stringify(output)}, but the key holds ${JSON.stringify(held)}`;
}

function describeKvOperation(input: KvInput, output: KvOutput | Unknown): string {
  if (input.f === 'get') return `get ${JSON.stringify(input.key)} → ${output === UNKNOWN || output === null ? '(unknown)' : JSON.stringify(output)}`;
  if (input.f === 'cas') {
    const outcome = output === UNKNOWN ? '(unknown)' : output === true ? '(swapped)' : '(no swap)';
    return `cas ${JSON.stringify(input.key)} ${JSON.stringify(input.from)}→${JSON.stringify(input.to)} ${outcome}`;
  }
  return `${input.f} ${JSON.stringify(input.key)} ${JSON.stringify(input.value)}`;
}
