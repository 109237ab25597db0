/**
 * The explored graph, recorded during the search for the liveness analysis (liveness-check.ts).
 * Internal.
 *
 * Liveness is a property of behaviours, not of single states, so unlike the safety search (which
 * keeps only fingerprints) it needs the edges. Per node: its fingerprint and id side by side in
 * an open-addressing table (12 bytes a slot, one cache line per probe, at a load between 3/8 and
 * 3/4: 16–32 bytes a node), where its edges start and end (8 bytes), and one bit per liveness atom
 * (4 bytes). Per edge (each generated successor, new or not): target node (4 bytes) and fairness
 * class (2 bytes while a run has fewer than 65,535 classes, 4 after). An edge does not keep its
 * action: the few edges of a counterexample are turned back into action indices by replaying the
 * model (liveness-replay.ts), which finds for each edge an action with the same target and class.
 *
 * A node is *expanded* when the search popped it and generated its successors; nodes left in the
 * queue at a state or time bound, or at the depth bound, are not, and have no known edges. The
 * analysis never treats an unexpanded node as terminal nor as part of a cycle: an unexplored
 * frontier is not evidence.
 */
import { growableArray, grownTo } from './growable-array.js';
import { slotOf } from './visited-set.js';

/**
 * A fairness class as the model returns it: a key for a weakly fair class, or `{ strong: key }`
 * for a strongly fair one. Interned to a small integer per run.
 */
export type FairClassKey = string | number | { readonly strong: string | number };

/** Number keys below this are looked up in an array rather than a Map. */
const SMALL_KEYS = 1 << 16;

/** An edge's class when the action is not fair. */
export const UNFAIR = -1;

/** Edge classes fit this array until a run interns this many classes; then they widen (once). */
const NARROW_CLASSES = 0xffff;

/**
 * The node table is split into segments by the top bits of a fingerprint's home slot, each an
 * open-addressing table of its own that doubles when 3/4 full. Growing then rehashes one
 * segment, small enough to stay in the processor's cache, where growing one table of the whole
 * graph scattered every re-insertion over tens of megabytes (on two-phase commit with 8 RMs that
 * was 8% of the run), and never holds the old and new copies of the whole table at once.
 * Lookups are unchanged: a fingerprint's segment is a function of its bits, and within the
 * segment it is found by linear probing from a slot its bits and the segment's size choose.
 */
const SEGMENT_BITS = 6;
const SEGMENTS = 1 << SEGMENT_BITS;
const WITHIN_SHIFT = 32 - SEGMENT_BITS;

export class LivenessGraph {
  /** Per segment, per slot: fingerprint (two words) and node id + 1 (0: empty slot), side by side. */
  private readonly tables: Uint32Array[] = Array.from({ length: SEGMENTS }, () => new Uint32Array(3 * 16));
  /** Per segment: its slot count - 1 (a power of two - 1). */
  private readonly masks = new Int32Array(SEGMENTS).fill(15);
  /** Per segment: the nodes in it. */
  private readonly counts = new Int32Array(SEGMENTS);
  /** Nodes so far; node ids are 0 … size - 1 in order of first sight. */
  size = 0;
  /** Per node: first edge, or -1 while unexpanded. */
  edgeStart = growableArray(Int32Array, 1024);
  /** Per node: one past its last edge. */
  edgeEnd = growableArray(Int32Array, 1024);
  /** Per node: bit a set when atom a holds there (valid once expanded). */
  labels = growableArray(Uint32Array, 1024);
  edgeCount = 0;
  edgeTarget = growableArray(Int32Array, 4096);
  /**
   * Per edge: its class + 1 (0: unfair). Narrow while the class ids fit; read it through
   * {@link classOfEdge} or as `edgeClass[e] - 1`.
   */
  edgeClass: Uint16Array | Int32Array = growableArray(Uint16Array, 4096);
  /** Init states within the boundary, as `[node, initIndex]`, first index per node. */
  readonly inits: [node: number, initIndex: number][] = [];
  expandedCount = 0;
  private readonly classIds = new Map<string | number, number>();
  /** Class ids of small non-negative integer keys, by key (-1: none yet): no Map lookup per edge. */
  private smallIds = new Int32Array(64).fill(-1);
  /** Per class id: 1 when the class is strongly fair. */
  readonly classStrong: number[] = [];
  private current = -1;

  constructor(
    /** The predicates whose truth is recorded per node (bit i for atom i), at most 32. */
    private readonly atoms: readonly ((state: never) => boolean)[],
    /** The fairness class of an action, or undefined when no fairness applies to it. */
    private readonly fairClass: ((action: never) => FairClassKey | undefined) | undefined,
  ) {
    if (atoms.length > 32) throw new Error('at most 16 leadsTo or 32 other liveness properties are supported per model');
  }

  get classCount(): number {
    return this.classIds.size;
  }

  /** Bytes held by the graph's arrays. */
  get byteLength(): number {
    let tables = 0;
    for (const t of this.tables) tables += t.byteLength;
    return (
      tables + this.edgeStart.byteLength + this.edgeEnd.byteLength + this.labels.byteLength + this.edgeTarget.byteLength + this.edgeClass.byteLength
    );
  }

  /** Whether the last node looked up was new (the graph doubles as the search's visited set). */
  created = false;

  /** An init state (within the boundary) with fingerprint `(lo, hi)` and init index `initIndex`; its node, or -1 when seen before. */
  addInit(lo: number, hi: number, initIndex: number): number {
    const node = this.nodeOf(lo, hi);
    if (!this.created) return -1;
    this.inits.push([node, initIndex]);
    return node;
  }

  /** The search expands node `node` (the state `state`): its edges follow. */
  beginExpand<State>(node: number, state: State): void {
    this.current = node;
    let bits = 0;
    const atoms = this.atoms as readonly ((state: State) => boolean)[];
    for (let a = 0; a < atoms.length; a++) if (atoms[a](state)) bits |= 1 << a;
    this.labels[node] = bits >>> 0;
    this.edgeStart[node] = this.edgeCount;
    this.edgeEnd[node] = this.edgeCount;
    this.expandedCount++;
  }

  /** A generated successor of the state being expanded, by `action`; returns its node (see `created`). */
  addEdge<Action>(lo: number, hi: number, action: Action): number {
    const target = this.nodeOf(lo, hi);
    if (this.edgeCount === this.edgeTarget.length) this.growEdges();
    const e = this.edgeCount++;
    this.edgeTarget[e] = target;
    const cls = this.fairClass === undefined ? UNFAIR : this.classIdOf(action, true);
    if (cls >= NARROW_CLASSES && this.edgeClass instanceof Uint16Array) this.widenClasses();
    this.edgeClass[e] = cls + 1;
    this.edgeEnd[this.current] = this.edgeCount;
    return target;
  }

  /** The class of edge `e`, or {@link UNFAIR}. */
  classOfEdge(e: number): number {
    return this.edgeClass[e] - 1;
  }

  /**
   * The class id of `action`: {@link UNFAIR} when it has none; a new id when `intern` is set and
   * its key is new, else -2 for a key never seen.
   */
  classIdOf<Action>(action: Action, intern: boolean): number {
    if (this.fairClass === undefined) return UNFAIR;
    const key = (this.fairClass as (action: Action) => FairClassKey | undefined)(action);
    if (key === undefined) return UNFAIR;
    if (typeof key === 'number' && key >= 0 && key < SMALL_KEYS && (key | 0) === key) {
      if (!intern) return key < this.smallIds.length && this.smallIds[key] >= 0 ? this.smallIds[key] : -2;
      return this.smallClass(key);
    }
    const strong = typeof key === 'object';
    // Strong keys live apart from weak ones: a string that no weak key can be.
    const id = strong ? `\u0000strong:${typeof key.strong}:${key.strong}` : key;
    let cls = this.classIds.get(id);
    if (cls !== undefined) return cls;
    if (!intern) return -2;
    cls = this.classIds.size;
    this.classIds.set(id, cls);
    this.classStrong.push(strong ? 1 : 0);
    return cls;
  }

  private smallClass(key: number): number {
    if (key >= this.smallIds.length) {
      let n = this.smallIds.length;
      while (n <= key) n *= 2;
      const grownIds = new Int32Array(n).fill(-1);
      grownIds.set(this.smallIds);
      this.smallIds = grownIds;
    }
    let cls = this.smallIds[key];
    if (cls < 0) {
      cls = this.classIds.size;
      this.classIds.set(key, cls);
      this.classStrong.push(0);
      this.smallIds[key] = cls;
    }
    return cls;
  }

  isExpanded(node: number): boolean {
    return this.edgeStart[node] >= 0;
  }

  /** The id of the node with fingerprint `(lo, hi)`, or -1 when the graph has none. */
  find(lo: number, hi: number): number {
    lo >>>= 0;
    hi >>>= 0;
    const home = slotOf(lo, hi);
    const segment = home >>> WITHIN_SHIFT;
    const table = this.tables[segment];
    const mask = this.masks[segment];
    for (let slot = home & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const id = table[at + 2];
      if (id === 0) return -1;
      if (table[at] === lo && table[at + 1] === hi) return id - 1;
    }
  }

  /** The id of the node with fingerprint `(lo, hi)`, added (unexpanded) when new (then `created` is set). */
  nodeOf(lo: number, hi: number): number {
    lo >>>= 0;
    hi >>>= 0;
    const home = slotOf(lo, hi);
    const segment = home >>> WITHIN_SHIFT;
    const table = this.tables[segment];
    const mask = this.masks[segment];
    let at = (home & mask) * 3;
    for (;;) {
      const id = table[at + 2];
      if (id === 0) break;
      if (table[at] === lo && table[at + 1] === hi) {
        this.created = false;
        return id - 1;
      }
      at = at + 3 > mask * 3 ? 0 : at + 3;
    }
    const node = this.size++;
    this.created = true;
    table[at] = lo;
    table[at + 1] = hi;
    table[at + 2] = node + 1;
    if (node === this.edgeStart.length) this.growNodes();
    this.edgeStart[node] = -1;
    this.edgeEnd[node] = -1;
    if (++this.counts[segment] * 4 > (mask + 1) * 3) this.growSegment(segment);
    return node;
  }

  private growSegment(segment: number): void {
    const old = this.tables[segment];
    const cap = (this.masks[segment] + 1) * 2;
    const table = new Uint32Array(cap * 3);
    const mask = cap - 1;
    for (let at = 0; at < old.length; at += 3) {
      const id = old[at + 2];
      if (id === 0) continue;
      const lo = old[at];
      const hi = old[at + 1];
      let slot = slotOf(lo, hi) & mask;
      while (table[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
      table[slot * 3] = lo;
      table[slot * 3 + 1] = hi;
      table[slot * 3 + 2] = id;
    }
    this.tables[segment] = table;
    this.masks[segment] = mask;
  }

  private growNodes(): void {
    const n = this.edgeStart.length + 1;
    this.edgeStart = grownTo(this.edgeStart, Int32Array, n);
    this.edgeEnd = grownTo(this.edgeEnd, Int32Array, n);
    this.labels = grownTo(this.labels, Uint32Array, n);
  }

  private growEdges(): void {
    const n = this.edgeTarget.length + 1;
    this.edgeTarget = grownTo(this.edgeTarget, Int32Array, n);
    this.edgeClass = this.edgeClass instanceof Uint16Array ? grownTo(this.edgeClass, Uint16Array, n) : grownTo(this.edgeClass, Int32Array, n);
  }

  /** Class ids outgrew the narrow column: copied once into a wide one. */
  private widenClasses(): void {
    const wide = growableArray(Int32Array, this.edgeClass.length);
    wide.set(this.edgeClass);
    this.edgeClass = wide;
  }
}
