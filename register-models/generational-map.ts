/**
 * A memo table that forgets: entries live in a young and an old generation, and once the young
 * one holds `limit` entries it becomes the old one and the previous old one is dropped. An entry
 * read from the old generation moves back to the young one, so what a search keeps coming back to
 * stays, and what it left behind is collected.
 *
 * Only for caches whose values can be computed again from their keys: a miss costs the
 * computation, never a different answer. At most `2 · limit` entries are held.
 */
export class GenerationalMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`limit must be a positive integer (got ${limit})`);
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held (some keys may be counted in both generations). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
