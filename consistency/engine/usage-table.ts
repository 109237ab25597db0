/**
 * How many members of each family of crashed operations a configuration has placed, interned:
 * a configuration holds one integer id, and equal usage vectors share one id, so its size does
 * not depend on how many crashed operations the history holds.
 *
 * A family is a set of interchangeable crashed operations (same input, same output, no return);
 * members are placed earliest call first, so a count says which members are placed.
 */
export class UsageTable {
  /** Per id: sorted (family, count) pairs, counts > 0. Id 0 is the empty vector. */
  private readonly vectors: Int32Array[] = [new Int32Array(0)];
  private readonly byText = new Map<string, number>([['', 0]]);
  private readonly incremented = new Map<number, number>();
  bytes = 0;

  constructor(private readonly families: number) {}

  /** The count of `family` in vector `id`. */
  count(id: number, family: number): number {
    const v = this.vectors[id];
    for (let i = 0; i < v.length; i += 2) {
      if (v[i] === family) return v[i + 1];
      if (v[i] > family) break;
    }
    return 0;
  }

  /** The id of vector `id` with one more member of `family` placed. */
  increment(id: number, family: number): number {
    const cacheKey = id * this.families + family;
    const cached = this.incremented.get(cacheKey);
    if (cached !== undefined) return cached;
    const v = this.vectors[id];
    const pairs: number[] = [];
    let added = false;
    for (let i = 0; i < v.length; i += 2) {
      if (!added && v[i] >= family) {
        added = true;
        if (v[i] === family) {
          pairs.push(family, v[i + 1] + 1);
          continue;
        }
        pairs.push(family, 1);
      }
      pairs.push(v[i], v[i + 1]);
    }
    if (!added) pairs.push(family, 1);
    const text = pairs.join(',');
    let result = this.byText.get(text);
    if (result === undefined) {
      result = this.vectors.length;
      this.vectors.push(Int32Array.from(pairs));
      this.byText.set(text, result);
      // The vector, its text key and two map entries.
      this.bytes += 8 * pairs.length + 2 * text.length + 120;
    }
    this.incremented.set(cacheKey, result);
    this.bytes += 40;
    return result;
  }

  /** Does vector `a` place at most as many members of every family as vector `b`? */
  covers(a: number, b: number): boolean {
    if (a === b || a === 0) return true;
    const va = this.vectors[a];
    const vb = this.vectors[b];
    let j = 0;
    for (let i = 0; i < va.length; i += 2) {
      while (j < vb.length && vb[j] < va[i]) j += 2;
      if (j >= vb.length || vb[j] !== va[i] || vb[j + 1] < va[i + 1]) return false;
    }
    return true;
  }
}
