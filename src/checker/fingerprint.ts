/**
 * Canonical structural 64-bit fingerprints of state values (hash compaction, as Stateright does).
 *
 * The fingerprint is computed from a prefix-free word encoding of the value: every value starts
 * with a word naming its kind, so two different values never share an encoding, and the 64-bit
 * hash (two independent 32-bit lanes, murmur3-style rounds with a murmur3 x86_128-style
 * finalizer) only collides by chance. The hasher keeps its lanes in module variables so that
 * fingerprinting an array of small integers allocates nothing.
 *
 * Identity rules (they define which states the checker treats as equal):
 * - numbers: by value (`-0` equals `0`); integers and non-integers are encoded differently but
 *   consistently, so `1` and `1.0` are the same value (JavaScript cannot tell them apart anyway);
 * - strings, booleans, `null`, `undefined`, bigints: by value;
 * - arrays and immutable `List`, `Stack`, `OrderedMap`, `OrderedSet`: element-wise, in order;
 * - immutable `Map`, `Set` and native `Map`, `Set`: order-independent (as sets / maps);
 * - immutable `Record`: its fields in the record's declared order;
 * - plain objects and class instances: their own enumerable fields, **in sorted key-name order**,
 *   so `{a, b}` and `{b, a}` are the same value;
 * - objects with a `fingerprintValue()` method ({@link Fingerprintable}): the returned value;
 * - objects with a `writeFingerprint()` method ({@link Prefingerprinted}): the 64 bits they write
 *   (a state that maintains its own hash incrementally, e.g. the actor model's system states).
 */
import { Immutable } from './immutable.js';

const { isImmutable, isList, isMap, isOrdered, isRecord, isSet, isStack } = Immutable;

/**
 * A value that already knows its 64-bit fingerprint. Equal values must write equal words, and the
 * words must be a good hash (they are used as they are for the whole value).
 */
export interface Prefingerprinted {
  /** Writes the low half into `out[0]` and the high half into `out[1]`, and nothing else. */
  writeFingerprint(out: Uint32Array): void;
}

/** A value that names the part of itself that defines its identity. */
export interface Fingerprintable {
  /** A value (built from the kinds above) that is equal for equal objects. */
  fingerprintValue(): unknown;
}

const TAG_UNDEFINED = 1;
const TAG_NULL = 2;
const TAG_FALSE = 3;
const TAG_TRUE = 4;
const TAG_INT = 5;
const TAG_FLOAT = 6;
const TAG_STRING = 7;
const TAG_ARRAY = 8;
const TAG_OBJECT = 9;
const TAG_UNORDERED = 10;
const TAG_ORDERED_MAP = 11;
const TAG_RECORD = 12;
const TAG_BIGINT = 13;
const TAG_CUSTOM = 14;
const TAG_MAP_ENTRY = 15;
const TAG_PREFINGERPRINTED = 16;
const TAG_ENCODED = 17;
/** Non-negative integers below 2^24 are encoded in one word whose top byte is 0x7f. */
const SMALL_INT = 0x7f000000;

let h1 = 0;
let h2 = 0;
let words = 0;

const floatView = new Float64Array(1);
const floatWords = new Uint32Array(floatView.buffer);

function mix(w: number): void {
  let k1 = Math.imul(w, 0xcc9e2d51);
  k1 = (k1 << 15) | (k1 >>> 17);
  h1 ^= Math.imul(k1, 0x1b873593);
  h1 = (h1 << 13) | (h1 >>> 19);
  h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
  let k2 = Math.imul(w, 0x85ebca77);
  k2 = (k2 << 17) | (k2 >>> 15);
  h2 ^= Math.imul(k2, 0xc2b2ae3d);
  h2 = (h2 << 19) | (h2 >>> 13);
  h2 = (Math.imul(h2, 5) + 0x52dce729) | 0;
  words++;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function finish(): void {
  h1 ^= words;
  h2 ^= words;
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
}

function mixNumber(x: number): void {
  if ((x | 0) === x) {
    if (x >= 0 && x < 0x1000000) {
      mix(SMALL_INT | x);
    } else {
      mix(TAG_INT);
      mix(x);
    }
  } else {
    mix(TAG_FLOAT);
    floatView[0] = x;
    mix(floatWords[0]);
    mix(floatWords[1]);
  }
}

function mixString(s: string): void {
  const n = s.length;
  mix(TAG_STRING);
  mix(n);
  let i = 0;
  for (; i + 1 < n; i += 2) mix(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < n) mix(s.charCodeAt(i));
}

/** Hashes `v` on its own and adds the result to an order-independent accumulator. */
function mixUnorderedMember(v: unknown, key: unknown, acc: Uint32Array): void {
  const s1 = h1;
  const s2 = h2;
  const sw = words;
  h1 = 0x9747b28c;
  h2 = 0x2f1d4a7b;
  words = 0;
  if (key !== undefined) {
    mix(TAG_MAP_ENTRY);
    mixValue(key);
  }
  mixValue(v);
  finish();
  acc[0] = (acc[0] + h1) | 0;
  acc[1] = (acc[1] + h2) | 0;
  acc[2] ^= h1;
  acc[3] ^= h2;
  h1 = s1;
  h2 = s2;
  words = sw;
}

function mixUnordered(size: number, each: (f: (v: unknown, k: unknown) => void) => void, isMapLike: boolean): void {
  const acc = new Uint32Array(4);
  each((v, k) => mixUnorderedMember(v, isMapLike ? k : undefined, acc));
  mix(TAG_UNORDERED);
  mix(isMapLike ? 1 : 0);
  mix(size);
  mix(acc[0]);
  mix(acc[1]);
  mix(acc[2]);
  mix(acc[3]);
}

function isFingerprintable(o: object): o is Fingerprintable {
  return typeof (o as Partial<Fingerprintable>).fingerprintValue === 'function';
}

function isPrefingerprinted(o: object): o is Prefingerprinted {
  return typeof (o as Partial<Prefingerprinted>).writeFingerprint === 'function';
}

const prefingerprint = new Uint32Array(2);

function mixArray(o: readonly unknown[]): void {
  const n = o.length;
  mix(TAG_ARRAY);
  mix(n);
  for (let i = 0; i < n; i++) {
    const x = o[i];
    if (typeof x === 'number') mixNumber(x);
    else mixValue(x);
  }
}

function mixObject(o: object): void {
  if (Array.isArray(o)) {
    mixArray(o);
    return;
  }
  // Cheapest tests first: states are mostly arrays and plain objects, and immutable's
  // predicates cost several property probes each.
  const proto: unknown = Object.getPrototypeOf(o);
  if ((proto === Object.prototype || proto === null) && !isFingerprintable(o)) {
    mixFields(o);
    return;
  }
  if (isPrefingerprinted(o)) {
    o.writeFingerprint(prefingerprint);
    mix(TAG_PREFINGERPRINTED);
    mix(prefingerprint[0]);
    mix(prefingerprint[1]);
    return;
  }
  if (isFingerprintable(o)) {
    // fingerprintValue() may itself fingerprint (e.g. to cache a digest), which resets the
    // shared lanes: keep this hash's progress across the call.
    const s1 = h1;
    const s2 = h2;
    const sw = words;
    const value = o.fingerprintValue();
    h1 = s1;
    h2 = s2;
    words = sw;
    mix(TAG_CUSTOM);
    mixValue(value);
    return;
  }
  if (o instanceof Map) {
    mixUnordered(o.size, (f) => o.forEach((v: unknown, k: unknown) => f(v, k)), true);
    return;
  }
  if (o instanceof Set) {
    mixUnordered(o.size, (f) => o.forEach((v: unknown) => f(v, undefined)), false);
    return;
  }
  if (isImmutable(o)) {
    mixImmutable(o);
    return;
  }
  mixFields(o);
}

function mixImmutable(o: unknown): void {
  if (isRecord(o)) {
    mix(TAG_RECORD);
    const entries = o.toSeq().entrySeq().toArray();
    mix(entries.length);
    for (const [k, v] of entries) {
      mixString(String(k));
      mixValue(v);
    }
    return;
  }
  if (isList(o) || isStack(o) || (isSet(o) && isOrdered(o))) {
    mix(TAG_ARRAY);
    mix(o.size);
    for (const v of o.values()) mixValue(v);
    return;
  }
  if (isMap(o) && isOrdered(o)) {
    mix(TAG_ORDERED_MAP);
    mix(o.size);
    o.forEach((v: unknown, k: unknown) => {
      mixValue(k);
      mixValue(v);
    });
    return;
  }
  if (isMap(o)) {
    mixUnordered(o.size, (f) => o.forEach((v: unknown, k: unknown) => f(v, k)), true);
    return;
  }
  if (isSet(o)) {
    mixUnordered(o.size, (f) => o.forEach((v: unknown) => f(v, undefined)), false);
    return;
  }
  throw new TypeError('fingerprint: unsupported immutable collection (use List, Stack, Map, Set, OrderedMap, OrderedSet or Record)');
}

/** An object's own enumerable fields in sorted key order. */
function mixFields(o: object): void {
  const keys = sortedKeys(Object.keys(o));
  const n = keys.length;
  mix(TAG_OBJECT);
  mix(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    mixString(k);
    mixValue((o as Record<string, unknown>)[k]);
  }
}

/**
 * Sorting every object's keys was a tenth of a model check, yet a model has few object shapes.
 * Key lists seen before are recognised by their first key and then element-wise identity (keys
 * from `Object.keys` are interned, so comparing them is a pointer test) and reuse their sorted
 * copy. The cache is bounded, so states with unbounded kinds of keys fall back to sorting.
 */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
}
const keyOrders = new Map<string, KeyOrder[]>();
const MAX_ORDERS_PER_FIRST_KEY = 16;
const MAX_FIRST_KEYS = 1024;

function sortedKeys(keys: string[]): readonly string[] {
  const n = keys.length;
  if (n < 2) return keys;
  const first = keys[0];
  let orders = keyOrders.get(first);
  if (orders !== undefined) {
    search: for (let j = 0; j < orders.length; j++) {
      const known = orders[j].keys;
      if (known.length !== n) continue;
      for (let i = 1; i < n; i++) if (known[i] !== keys[i]) continue search;
      return orders[j].sorted;
    }
  }
  const sorted = keys.slice().sort();
  if (orders === undefined) {
    if (keyOrders.size >= MAX_FIRST_KEYS) return sorted;
    orders = [];
    keyOrders.set(first, orders);
  }
  if (orders.length < MAX_ORDERS_PER_FIRST_KEY) orders.push({ keys, sorted });
  return sorted;
}

function mixValue(v: unknown): void {
  switch (typeof v) {
    case 'number':
      mixNumber(v);
      return;
    case 'string':
      mixString(v);
      return;
    case 'boolean':
      mix(v ? TAG_TRUE : TAG_FALSE);
      return;
    case 'undefined':
      mix(TAG_UNDEFINED);
      return;
    case 'bigint':
      mix(TAG_BIGINT);
      mixString(v.toString(16));
      return;
    case 'object':
      if (v === null) mix(TAG_NULL);
      else mixObject(v);
      return;
    default:
      throw new TypeError(`fingerprint: cannot fingerprint a ${typeof v}; states must be plain data`);
  }
}

/**
 * Writes the 64-bit fingerprint of `value` into `out[0]` (low half) and `out[1]` (high half).
 * Never returns the pair (0, 0), which the visited set reserves for empty slots.
 */
export function fingerprintInto(value: unknown, out: Uint32Array): void {
  if (typeof value === 'object' && value !== null && isPrefingerprinted(value)) {
    value.writeFingerprint(out);
    if (out[0] === 0 && out[1] === 0) out[1] = 1;
    return;
  }
  h1 = 0x3c6ef372;
  h2 = 0xa54ff53a;
  words = 0;
  if (Array.isArray(value)) mixArray(value);
  else mixValue(value);
  finish();
  out[0] = h1;
  out[1] = h2 === 0 && h1 === 0 ? 1 : h2;
}

/**
 * The fingerprint of a state given as its `count` words from `words[at]` (a canonical
 * {@link StateCodec} encoding). Never the pair (0, 0). A run fingerprints all its states one way,
 * so these never meet structural fingerprints; the tag keeps the two apart anyway.
 */
export function fingerprintWords(encoded: Int32Array, at: number, count: number, out: Uint32Array): void {
  // The same rounds as `mix` and `finish`, on locals: this runs once per generated state, and the
  // shared lane variables cost loads and stores on every word.
  let a = 0x3c6ef372 ^ TAG_ENCODED;
  let b = 0xa54ff53a ^ TAG_ENCODED;
  for (let i = 0; i < count; i++) {
    const w = encoded[at + i];
    let k1 = Math.imul(w, 0xcc9e2d51);
    k1 = (k1 << 15) | (k1 >>> 17);
    a ^= Math.imul(k1, 0x1b873593);
    a = (a << 13) | (a >>> 19);
    a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let k2 = Math.imul(w, 0x85ebca77);
    k2 = (k2 << 17) | (k2 >>> 15);
    b ^= Math.imul(k2, 0xc2b2ae3d);
    b = (b << 19) | (b >>> 13);
    b = (Math.imul(b, 5) + 0x52dce729) | 0;
  }
  a ^= count;
  b ^= count;
  a = (a + b) | 0;
  b = (b + a) | 0;
  a = fmix(a);
  b = fmix(b);
  a = (a + b) | 0;
  b = (b + a) | 0;
  out[0] = a;
  out[1] = b === 0 && a === 0 ? 1 : b;
}

const scratch = new Uint32Array(2);

/** The fingerprint as a 16-digit hexadecimal string (high half first); handy in tests and reports. */
export function fingerprint(value: unknown): string {
  fingerprintInto(value, scratch);
  return scratch[1].toString(16).padStart(8, '0') + scratch[0].toString(16).padStart(8, '0');
}

/** Structural equality under the same identity rules as the fingerprint (compares fingerprints). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return fingerprint(a) === fingerprint(b);
}

/** Birthday bound on the probability that `n` distinct states produced a 64-bit collision: n²/2^65. */
export function collisionProbability(n: number): number {
  return Math.min(1, (n * n) / 2 ** 65);
}
