/**
 * A total order on plain data that mimics Rust's derived `Ord`, used to sort actions exactly as
 * Stateright does (message order decides DFS depths, early-stop counts and path encodings).
 *
 * - `null`/`undefined` (None) sort before everything (`None < Some(_)`);
 * - numbers numerically, `false < true`, strings by UTF-16 code unit (code point order for
 *   single characters outside the surrogate range);
 * - arrays (tuples, lists, immutable List) lexicographically, a prefix first;
 * - enum variants are objects with a string `type` field: first by the variant's position in the
 *   model's `variantOrder` (the declaration order; unlisted names sort after listed ones, by name),
 *   then by their other fields **in the object's own key order** (write fields in declaration order);
 * - other objects by their fields in key order; Sets and Maps (immutable or native) as sorted
 *   element / entry lists (like Rust's BTreeSet / BTreeMap); Fingerprintables by `fingerprintValue()`.
 *
 * Values of different kinds compare by kind (a fixed but arbitrary order): Rust would not compare them.
 */
import { Immutable } from '../checker/immutable.js';

const { isImmutable, isMap, isSet } = Immutable;

export type Comparator = (a: unknown, b: unknown) => number;

function kindRank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
      return 2;
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    default:
      return Array.isArray(v) ? 5 : 6;
  }
}

function isPlain(o: object): boolean {
  const proto: unknown = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

function isUnordered(o: object): boolean {
  return (isImmutable(o) && (isMap(o) || isSet(o))) || o instanceof Map || o instanceof Set;
}

/** Builds the total order for a model whose enum variants (`type` names) are declared in `variantOrder`. */
export function makeComparator(variantOrder: readonly string[] = []): Comparator {
  const rank = new Map(variantOrder.map((name, i) => [name, i]));
  const variantCompare = (a: string, b: string): number => {
    const ra = rank.get(a) ?? variantOrder.length;
    const rb = rank.get(b) ?? variantOrder.length;
    if (ra !== rb) return ra - rb;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const sortedItems = (o: object): unknown[] => {
    const items: unknown[] = [];
    if (isImmutable(o) && isMap(o)) o.forEach((v: unknown, k: unknown) => items.push([k, v]));
    else if (isImmutable(o) && isSet(o)) o.forEach((v: unknown) => items.push(v));
    else if (o instanceof Map) o.forEach((v: unknown, k: unknown) => items.push([k, v]));
    else if (o instanceof Set) o.forEach((v: unknown) => items.push(v));
    return items.sort(compare);
  };
  const compareLists = (a: readonly unknown[], b: readonly unknown[]): number => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  };
  const compareObjects = (a: object, b: object): number => {
    const fa = (a as { fingerprintValue?: () => unknown }).fingerprintValue;
    if (typeof fa === 'function') {
      return compare(fa.call(a), (b as { fingerprintValue: () => unknown }).fingerprintValue());
    }
    // Messages are plain objects: skip the collection tests (immutable's predicates are
    // several property probes each, and envelopes are compared on every send).
    if (!(isPlain(a) && isPlain(b))) {
      if (isUnordered(a) || isUnordered(b)) return compareLists(sortedItems(a), sortedItems(b));
      if (isImmutable(a) && isImmutable(b)) return compareLists([...(a as Iterable<unknown>)], [...(b as Iterable<unknown>)]);
    }
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    if (typeof ra.type === 'string' && typeof rb.type === 'string' && ra.type !== rb.type) {
      return variantCompare(ra.type, rb.type);
    }
    const keys = Object.keys(a);
    for (const k of keys) {
      const c = compare(ra[k], rb[k]);
      if (c !== 0) return c;
    }
    return keys.length - Object.keys(b).length;
  };
  const compare: Comparator = (a, b) => {
    if (a === b) return 0;
    const ka = kindRank(a);
    const kb = kindRank(b);
    if (ka !== kb) return ka - kb;
    switch (ka) {
      case 0:
        return 0;
      case 1:
        return (a ? 1 : 0) - (b ? 1 : 0);
      case 2:
        return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
      case 3:
        return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
      case 4:
        return (a as string) < (b as string) ? -1 : 1;
      case 5:
        return compareLists(a as unknown[], b as unknown[]);
      default:
        return compareObjects(a as object, b as object);
    }
  };
  return compare;
}

/** The order with no declared variants (variants sort by name). */
export const compareValues: Comparator = makeComparator();
