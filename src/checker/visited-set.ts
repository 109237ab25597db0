/**
 * The checker's visited set: 64-bit fingerprints in an open-addressing table of typed arrays
 * (linear probing, grows at 3/4 load), and for every unique state its parent, the index of the
 * action that first generated it, and its depth. Paths are rebuilt from these parent links, so a
 * pending job needs nothing but its state and its id. Internal; not exported from the package.
 */
const NO_PARENT = -1;

export class VisitedSet {
  private keys: Uint32Array;
  private mask: number;
  private parents: Int32Array;
  private actionIndices: Int32Array;
  private depths: Int32Array;
  /** Number of unique states inserted so far; ids are 0 .. size-1 in insertion order. */
  size = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 16;
    while (cap < initialCapacity) cap <<= 1;
    this.keys = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    const n = cap >> 1;
    this.parents = new Int32Array(n);
    this.actionIndices = new Int32Array(n);
    this.depths = new Int32Array(n);
  }

  /**
   * Inserts the fingerprint `(lo, hi)` (never both 0). Returns the new state's id, or -1 when it
   * was already present. `parent` is -1 for init states, whose `actionIndex` is the init index.
   */
  insert(lo: number, hi: number, parent: number, actionIndex: number, depth: number): number {
    const keys = this.keys;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const k0 = keys[slot << 1];
      const k1 = keys[(slot << 1) + 1];
      if (k0 === 0 && k1 === 0) break;
      if (k0 === lo >>> 0 && k1 === hi >>> 0) return -1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size;
    keys[slot << 1] = lo;
    keys[(slot << 1) + 1] = hi;
    if (id >= this.parents.length) this.growRecords();
    this.parents[id] = parent;
    this.actionIndices[id] = actionIndex;
    this.depths[id] = depth;
    this.size = id + 1;
    if (this.size * 4 > (this.mask + 1) * 3) this.growTable();
    return id;
  }

  depth(id: number): number {
    return this.depths[id];
  }

  /** The path of state `id` as `[initIndex, actionIndex, ...]`. */
  pathIndices(id: number): number[] {
    const out: number[] = [];
    let cur = id;
    while (cur !== NO_PARENT) {
      out.push(this.actionIndices[cur]);
      cur = this.parents[cur];
    }
    return out.reverse();
  }

  /** Bytes held by the typed arrays (for reports). */
  get byteLength(): number {
    return this.keys.byteLength + this.parents.byteLength * 3;
  }

  private growRecords(): void {
    const n = this.parents.length * 2;
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.parents = grow(this.parents);
    this.actionIndices = grow(this.actionIndices);
    this.depths = grow(this.depths);
  }

  private growTable(): void {
    const oldKeys = this.keys;
    const cap = (this.mask + 1) * 2;
    const keys = new Uint32Array(cap * 2);
    const mask = cap - 1;
    for (let s = 0; s < oldKeys.length >> 1; s++) {
      const lo = oldKeys[s << 1];
      const hi = oldKeys[(s << 1) + 1];
      if (lo === 0 && hi === 0) continue;
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (keys[slot << 1] !== 0 || keys[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
      keys[slot << 1] = lo;
      keys[(slot << 1) + 1] = hi;
    }
    this.keys = keys;
    this.mask = mask;
  }
}
