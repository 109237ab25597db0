/**
 * The single-threaded checker's memory for visited states, kept to a few bytes per state:
 *
 * - {@link FingerprintSet}: 64-bit fingerprints in open-addressing tables (two 32-bit words per
 *   slot, linear probing), split into {@link SEGMENTS} segments that grow one at a time. This is
 *   all DFS keeps per visited state.
 * - {@link ParentRecords}: BFS also keeps, per visited state in insertion order, its parent's id
 *   and the index of the action that first generated it (8 bytes), in fixed-size chunks so that
 *   growing never copies nor leaves a half-empty doubled array behind. Shortest paths are rebuilt
 *   from these links.
 *
 * Internal; not exported from the package.
 */

import { collectGarbage } from './collect-garbage.js';

/** Segments of a {@link FingerprintSet}: the top bits of a fingerprint's home slot choose one. */
const SEGMENT_BITS = 6;
const SEGMENTS = 1 << SEGMENT_BITS;
/** The bits of the home slot left to place a fingerprint within its segment. */
const WITHIN_BITS = 32 - SEGMENT_BITS;
const WITHIN_MASK = (1 << WITHIN_BITS) - 1;
const WITHIN_SPAN = 2 ** WITHIN_BITS;

/**
 * A segment grows by half once it is 3/4 full, so every segment stays between 1/2 and 3/4 full:
 * 10.7 to 16 bytes per visited state, against 10.7 to 21.3 for a single power-of-two table that
 * doubles at 3/4. (Growing at 4/5 saved about another tenth of the bytes but made lookups, most of
 * which find a fingerprint already present, measurably slower.)
 */
const MAX_LOAD_NUMERATOR = 3;
const MAX_LOAD_DENOMINATOR = 4;

/**
 * The outgrown tables' bytes, as a share of the live tables and at least {@link COLLECT_AT_LEAST},
 * past which a full collection is asked for (collect-garbage.ts says why). A quarter keeps the
 * garbage at the peak to about a quarter of the set, at a cost of a collection each time the set
 * grows by a quarter of itself, about nine in a run of 1.7 million states; the floor leaves runs
 * with small sets alone.
 */
const COLLECT_AT_SHARE = 1 / 4;
const COLLECT_AT_LEAST = 4 * 2 ** 20;

/**
 * A set of 64-bit fingerprints.
 *
 * Why segments: growing a single table needs the old and the new table at once, 3× the table's
 * bytes for a moment, and that moment sets the run's peak memory (16 MB over a 32 MB table for
 * two-phase commit with 8 RMs). Here a fingerprint's segment is fixed by the top
 * {@link SEGMENT_BITS} bits of its home slot, each segment is a table of its own, and growing one
 * copies 1/64 of the set. Segments need no power-of-two sizes: the slot within a segment of `cap`
 * slots is `floor(low · cap / 2^26)` of the home slot's low 26 bits (a multiply-shift range
 * reduction), so a segment can grow by half instead of doubling.
 *
 * Soundness: a fingerprint is looked up and inserted in the one segment its own bits name, and
 * within a segment by ordinary linear probing from a slot that is a function of the fingerprint
 * and the segment's size (rehashed on growth), so `add` returns false exactly when the same
 * 64 bits were added before. test/checker/visited-set.test.ts compares it with a `Set` on random
 * fingerprints, collisions of home slots and segments included.
 */
export class FingerprintSet {
  private readonly tables: Uint32Array[] = [];
  /** Slots per segment. */
  private readonly caps = new Int32Array(SEGMENTS);
  /** Fingerprints per segment. */
  private readonly counts = new Int32Array(SEGMENTS);
  /** The count at which a segment grows. */
  private readonly limits = new Int32Array(SEGMENTS);
  private bytes = 0;
  /** Bytes of tables outgrown since a collection was last asked for. */
  private outgrown = 0;
  size = 0;

  constructor(initialCapacity = 1 << 12) {
    const cap = Math.max(8, Math.ceil(initialCapacity / SEGMENTS));
    for (let s = 0; s < SEGMENTS; s++) this.resize(s, new Uint32Array(cap * 2));
  }

  /** Adds the fingerprint `(lo, hi)` (never both 0); false when it was already present. */
  add(lo: number, hi: number): boolean {
    lo >>>= 0;
    hi >>>= 0;
    const home = slotOf(lo, hi);
    const segment = home >>> WITHIN_BITS;
    const keys = this.tables[segment];
    const cap = this.caps[segment];
    let slot = withinSegment(home, cap);
    for (;;) {
      const k0 = keys[slot << 1];
      const k1 = keys[(slot << 1) + 1];
      if (k0 === 0 && k1 === 0) break;
      if (k0 === lo && k1 === hi) return false;
      slot = slot + 1 === cap ? 0 : slot + 1;
    }
    keys[slot << 1] = lo;
    keys[(slot << 1) + 1] = hi;
    this.size++;
    if (++this.counts[segment] > this.limits[segment]) {
      this.grow(segment);
      // Here rather than in grow, whose frame still holds the outgrown table.
      if (this.outgrown > Math.max(COLLECT_AT_LEAST, this.bytes * COLLECT_AT_SHARE)) {
        this.outgrown = 0;
        collectGarbage();
      }
    }
    return true;
  }

  /** Bytes held by the tables. */
  get byteLength(): number {
    return this.bytes;
  }

  private grow(segment: number): void {
    const old = this.tables[segment];
    const cap = Math.ceil(this.caps[segment] * 1.5);
    const keys = new Uint32Array(cap * 2);
    for (let s = 0; s < old.length; s += 2) {
      const lo = old[s];
      const hi = old[s + 1];
      if (lo === 0 && hi === 0) continue;
      let slot = withinSegment(slotOf(lo, hi), cap);
      while (keys[slot << 1] !== 0 || keys[(slot << 1) + 1] !== 0) slot = slot + 1 === cap ? 0 : slot + 1;
      keys[slot << 1] = lo;
      keys[(slot << 1) + 1] = hi;
    }
    this.bytes -= old.byteLength;
    this.outgrown += old.byteLength;
    this.resize(segment, keys);
  }

  private resize(segment: number, keys: Uint32Array): void {
    const cap = keys.length >>> 1;
    this.tables[segment] = keys;
    this.caps[segment] = cap;
    this.limits[segment] = Math.floor((cap * MAX_LOAD_NUMERATOR) / MAX_LOAD_DENOMINATOR);
    this.bytes += keys.byteLength;
  }
}

/** The slot of home slot `home` in a segment of `cap` slots: its low bits scaled to [0, cap). */
function withinSegment(home: number, cap: number): number {
  // Exact in doubles (26 bits times a segment size below 2^27), and below 2^31, so `| 0` floors it.
  return (((home & WITHIN_MASK) * cap) / WITHIN_SPAN) | 0;
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
