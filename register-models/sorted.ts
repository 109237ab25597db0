/**
 * Small sorted lists for protocol states (a map or set keyed by server id), kept as plain
 * arrays: equal contents give equal arrays, so states fingerprint structurally. Each update
 * allocates an array of exactly the needed length (states wait in the checker's queue by the
 * million; an array grown by push keeps spare capacity).
 */

/** `xs` (sorted by a unique numeric `key`) with `x` added, or replacing the entry with its key. */
export function withSorted<T>(xs: readonly T[], x: T, key: (t: T) => number): T[] {
  const k = key(x);
  let i = 0;
  while (i < xs.length && key(xs[i]) < k) i++;
  const replaces = i < xs.length && key(xs[i]) === k ? 1 : 0;
  const out = new Array<T>(xs.length + 1 - replaces);
  for (let j = 0; j < i; j++) out[j] = xs[j];
  out[i] = x;
  for (let j = i + replaces; j < xs.length; j++) out[j + 1 - replaces] = xs[j];
  return out;
}

export const byId = (id: number): number => id;
export const byFirst = (entry: readonly [number, ...unknown[]]): number => entry[0];
