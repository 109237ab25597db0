/**
 * The single-threaded checker's memory for visited states, kept to a few bytes per state:
 *
 * - {@link FingerprintSet}: 64-bit fingerprints in an open-addressing table (linear probing, two
 *   32-bit words per slot, grows ×2 at 3/4 load). 8 bytes per slot at a load between 3/8 and 3/4,
 *   so 10.7 to 21.3 bytes per visited state. This is all DFS keeps per visited state.
 * - {@link ParentRecords}: BFS also keeps, per visited state in insertion order, its parent's id
 *   and the index of the action that first generated it (8 bytes), in fixed-size chunks so that
 *   growing never copies nor leaves a half-empty doubled array behind. Shortest paths are rebuilt
 *   from these links.
 *
 * Internal; not exported from the package.
 */
export class FingerprintSet {
  private keys: Uint32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 16;
    while (cap < initialCapacity) cap <<= 1;
    this.keys = new Uint32Array(cap * 2);
    this.mask = cap - 1;
  }

  /** Adds the fingerprint `(lo, hi)` (never both 0); false when it was already present. */
  add(lo: number, hi: number): boolean {
    const keys = this.keys;
    const mask = this.mask;
    lo >>>= 0;
    hi >>>= 0;
    let slot = slotOf(lo, hi) & mask;
    for (;;) {
      const k0 = keys[slot << 1];
      const k1 = keys[(slot << 1) + 1];
      if (k0 === 0 && k1 === 0) break;
      if (k0 === lo && k1 === hi) return false;
      slot = (slot + 1) & mask;
    }
    keys[slot << 1] = lo;
    keys[(slot << 1) + 1] = hi;
    this.size++;
    if (this.size * 4 > (mask + 1) * 3) this.grow();
    return true;
  }

  /** Bytes held by the table. */
  get byteLength(): number {
    return this.keys.byteLength;
  }

  private grow(): void {
    const old = this.keys;
    const cap = (this.mask + 1) * 2;
    const keys = new Uint32Array(cap * 2);
    const mask = cap - 1;
    for (let s = 0; s < old.length; s += 2) {
      const lo = old[s];
      const hi = old[s + 1];
      if (lo === 0 && hi === 0) continue;
      let slot = slotOf(lo, hi) & mask;
      while (keys[slot << 1] !== 0 || keys[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
      keys[slot << 1] = lo;
      keys[(slot << 1) + 1] = hi;
    }
    this.keys = keys;
    this.mask = mask;
  }
}

/** The home slot of a fingerprint (before masking); shared with the workers' table. */
export function slotOf(lo: number, hi: number): number {
  return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
}

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const NO_PARENT = -1;

/** Parent links of BFS states by id (insertion order): parent id and action index (init index for roots). */
export class ParentRecords {
  private parents: Int32Array[] = [];
  private actionIndices: Int32Array[] = [];
  size = 0;

  /** Records a state; returns its id. `parent` is -1 for init states. */
  add(parent: number, actionIndex: number): number {
    const id = this.size;
    const chunk = id >>> CHUNK_BITS;
    if (chunk === this.parents.length) {
      this.parents.push(new Int32Array(CHUNK));
      this.actionIndices.push(new Int32Array(CHUNK));
    }
    this.parents[chunk][id & (CHUNK - 1)] = parent;
    this.actionIndices[chunk][id & (CHUNK - 1)] = actionIndex;
    this.size = id + 1;
    return id;
  }

  /** Writes the record of an id chosen by the caller (ids may arrive out of order). */
  set(id: number, parent: number, actionIndex: number): void {
    const chunk = id >>> CHUNK_BITS;
    while (chunk >= this.parents.length) {
      this.parents.push(new Int32Array(CHUNK));
      this.actionIndices.push(new Int32Array(CHUNK));
    }
    this.parents[chunk][id & (CHUNK - 1)] = parent;
    this.actionIndices[chunk][id & (CHUNK - 1)] = actionIndex;
    if (id >= this.size) this.size = id + 1;
  }

  /** The path of state `id` as `[initIndex, actionIndex, ...]`. */
  pathIndices(id: number): number[] {
    const out: number[] = [];
    let cur = id;
    while (cur !== NO_PARENT) {
      out.push(this.actionIndices[cur >>> CHUNK_BITS][cur & (CHUNK - 1)]);
      cur = this.parents[cur >>> CHUNK_BITS][cur & (CHUNK - 1)];
    }
    return out.reverse();
  }

  get byteLength(): number {
    return this.parents.length * CHUNK * 8;
  }
}

/**
 * A DFS job's path as a linked list from the job back to its init state. Only the nodes that a
 * pending job (or a stored discovery) still points at stay alive; the garbage collector frees the
 * rest, so DFS keeps no per-visited-state path data at all.
 */
export class PathNode {
  constructor(
    readonly parent: PathNode | undefined,
    readonly index: number,
  ) {}

  indices(): number[] {
    const out = [this.index];
    for (let n = this.parent; n !== undefined; n = n.parent) out.push(n.index);
    return out.reverse();
  }
}
