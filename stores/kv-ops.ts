/**
 * The operations a replicated key-value store serves (`put`, `get`, `cas` on string keys), how
 * one copy of the store applies them, and the consistency model its clients' history is checked
 * against: each key is a compare-and-set register (consistency/models/cas-register.ts), and keys
 * are independent, so the engine checks linearizability key by key (linearizability is local).
 */
import { casRegisterModel, type CasRegisterInput, type SequentialModel, type Unknown, type Value } from '../consistency/index.js';

export type KvOp =
  | { readonly f: 'put'; readonly key: string; readonly value: string }
  | { readonly f: 'get'; readonly key: string }
  | { readonly f: 'cas'; readonly key: string; readonly from: string; readonly to: string };

/** A get's value, a cas's success, or null for a put. */
export type KvResult = string | boolean | null;

/**
 * What a key holds before any write. It is a real value that no write uses (writes must not be
 * empty), so a read of a never-written key is checked like any other read, never as "any value".
 */
export const INITIAL_VALUE = '';

/** A store's contents: `[key, value]` sorted by key (plain data, so states hash canonically). */
export type KvContents = readonly (readonly [key: string, value: string])[];

export function readKey(contents: KvContents, key: string): string {
  for (const [k, v] of contents) if (k === key) return v;
  return INITIAL_VALUE;
}

function withKey(contents: KvContents, key: string, value: string): KvContents {
  const out = contents.filter(([k]) => k !== key);
  out.push([key, value]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Applies `op` to one copy of the store: the new contents and the result the client is told. */
export function applyKvOp(contents: KvContents, op: KvOp): { readonly contents: KvContents; readonly result: KvResult } {
  switch (op.f) {
    case 'put':
      return { contents: withKey(contents, op.key, op.value), result: null };
    case 'get':
      return { contents, result: readKey(contents, op.key) };
    case 'cas': {
      const matches = readKey(contents, op.key) === op.from;
      return { contents: matches ? withKey(contents, op.key, op.to) : contents, result: matches };
    }
  }
}

/** Throws a clear error for an operation a client must not send (an empty written value). */
export function validateKvOp(op: KvOp): KvOp {
  if (op.key === '') throw new RangeError('a key must not be empty');
  if (op.f === 'put' && op.value === INITIAL_VALUE) throw new RangeError(`put ${op.key}: the value must not be empty (the empty string is the initial value)`);
  if (op.f === 'cas' && op.to === INITIAL_VALUE) throw new RangeError(`cas ${op.key}: the new value must not be empty (the empty string is the initial value)`);
  return op;
}

function toRegisterInput(op: KvOp): CasRegisterInput {
  switch (op.f) {
    case 'put':
      return { f: 'write', value: op.value };
    case 'get':
      return { f: 'read' };
    case 'cas':
      return { f: 'cas', expected: op.from, value: op.to };
  }
}

/** `put x "A"`, `get x → "A"`, `cas x "A"→"B" (failed)`. */
export function describeKvOp(op: KvOp, result?: KvResult | Unknown): string {
  const known = result !== undefined && typeof result !== 'symbol';
  switch (op.f) {
    case 'put':
      return `put ${op.key} ${JSON.stringify(op.value)}`;
    case 'get':
      return `get ${op.key}${known ? ` → ${JSON.stringify(result)}` : ''}`;
    case 'cas':
      return `cas ${op.key} ${JSON.stringify(op.from)}→${JSON.stringify(op.to)}${known ? (result === true ? ' (ok)' : ' (failed)') : ''}`;
  }
}

/** One key: the cas-register model over {@link KvOp}s of that key. */
function keyModel(): SequentialModel<Value, KvOp, KvResult> {
  const register = casRegisterModel(INITIAL_VALUE);
  return {
    name: 'kv-cas key',
    init: INITIAL_VALUE,
    step: (state, op, output) => register.step(state, toRegisterInput(op), output),
    respond: (state, op) => (op.f === 'get' ? (state as string) : op.f === 'cas' ? state === op.from : null),
    equals: register.equals,
    hash: register.hash,
    describeOperation: (op, output) => describeKvOp(op, output as KvResult | Unknown),
    describeState: register.describeState,
    explainRejection: (state, op, output) => `${op.key}: ${register.explainRejection?.(state, toRegisterInput(op), output) ?? describeKvOp(op, output as KvResult | Unknown)}`,
  };
}

/** The whole store as one state: `{key: value}` for the keys written so far. */
type KvStoreState = { readonly [key: string]: string };

/**
 * The key-value store with compare-and-set as a sequential model. The model itself is the whole
 * store (every key in one state), correct on any history; its `partitioning` checks each key on
 * its own with the cas-register model (initial value {@link INITIAL_VALUE}) where the split is
 * sound (linearizability is local).
 */
export function kvCasModel(): SequentialModel<KvStoreState, KvOp, KvResult> {
  const key = keyModel();
  const current = (state: KvStoreState, k: string): string => state[k] ?? INITIAL_VALUE;
  return {
    name: 'kv-cas',
    init: {},
    step(state, op, output) {
      const next = key.step(current(state, op.key), op, output);
      if (typeof next === 'symbol') return next;
      return next === current(state, op.key) ? state : { ...state, [op.key]: next as string };
    },
    respond: (state, op) => key.respond!(current(state, op.key), op),
    equals(a, b) {
      const keys = Object.keys(a);
      return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
    },
    hash(state) {
      let h = 0x5bd1e995;
      for (const k in state) h = (h + Math.imul(key.hash(k), 31) + key.hash(state[k])) | 0;
      return h;
    },
    partitioning: { key: (op) => op.key, model: key as SequentialModel<unknown, KvOp, KvResult> },
    describeOperation: key.describeOperation,
    describeState: (state) => `{${Object.keys(state).sort().map((k) => `${k}: ${JSON.stringify(state[k])}`).join(', ')}}`,
    explainRejection: (state, op, output) => key.explainRejection!(current(state, op.key), op, output),
  };
}
