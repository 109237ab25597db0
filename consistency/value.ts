/**
 * Plain data values as histories carry them (JSON-like; Jepsen keywords become strings), with
 * structural equality, a structural hash and a compact rendering.
 */
export type Value = null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value };

export function valueEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valueEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as { readonly [key: string]: Value };
  const bo = b as { readonly [key: string]: Value };
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const k of keys) if (!(k in bo) || !valueEquals(ao[k], bo[k])) return false;
  return true;
}

/** 32-bit mixing step (murmur3's finaliser constants). */
export function mix32(h: number, x: number): number {
  let k = Math.imul(x, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

export function stringHash(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return avalanche(h);
}

/** Spreads every input bit over the whole word (murmur3's finaliser). */
export function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function numberHash(n: number): number {
  if (Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff) return mix32(0x2f1e3d5c, n);
  return stringHash(String(n));
}

export function valueHash(v: Value): number {
  if (v === null) return 0x5bd1e995;
  switch (typeof v) {
    case 'boolean':
      return v ? 0x1b873593 : 0x2c1b3c6d;
    case 'number':
      return numberHash(v);
    case 'string':
      return stringHash(v);
  }
  if (Array.isArray(v)) {
    let h = 0x3c6ef372 ^ v.length;
    for (const x of v as readonly Value[]) h = mix32(h, valueHash(x));
    return h;
  }
  // Objects hash independently of key order, because equality ignores it.
  let h = 0x6a09e667;
  const o = v as { readonly [key: string]: Value };
  for (const k of Object.keys(o)) h = (h + mix32(stringHash(k), valueHash(o[k]))) | 0;
  return h;
}

/** A compact rendering: `nil` for null, `[1 2]` for arrays, `{x 1, y 2}` for objects. */
export function describeValue(v: Value): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return /^[A-Za-z0-9_:.\- ]*$/.test(v) && v.length > 0 && !v.includes(' ') ? v : JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${(v as readonly Value[]).map(describeValue).join(' ')}]`;
  const o = v as { readonly [key: string]: Value };
  return `{${Object.keys(o)
    .map((k) => `${k} ${describeValue(o[k])}`)
    .join(', ')}}`;
}
