/**
 * The explored graph, recorded during the search for the liveness analysis (liveness-check.ts).
 * Internal.
 *
 * Liveness is a property of behaviours, not of single states, so unlike the safety search (which
 * keeps only fingerprints) it needs the edges. Per node: its fingerprint and id in an
 * open-addressing table (12 bytes a slot at a load between 3/8 and 3/4: 16–32 bytes a node), where
 * its edges start and end (8 bytes), and one bit per liveness atom (4 bytes). Per edge (each
 * generated successor, new or not): target node, action index and fairness class (12 bytes).
 *
 * A node is *expanded* when the search popped it and generated its successors; nodes left in the
 * queue at a state or time bound, or at the depth bound, are not, and have no known edges. The
 * analysis never treats an unexpanded node as terminal nor as part of a cycle: an unexplored
 * frontier is not evidence.
 */
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

export class LivenessGraph {
  private keys = new Uint32Array(2 * 1024);
  private slotIds = new Int32Array(1024);
  private mask = 1023;
  /** Nodes so far; node ids are 0 … size - 1 in order of first sight. */
  size = 0;
  /** Per node: first edge, or -1 while unexpanded. */
  edgeStart = new Int32Array(1024);
  /** Per node: one past its last edge. */
  edgeEnd = new Int32Array(1024);
  /** Per node: bit a set when atom a holds there (valid once expanded). */
  labels = new Uint32Array(1024);
  edgeCount = 0;
  edgeTarget = new Int32Array(4096);
  edgeAction = new Int32Array(4096);
  edgeClass = new Int32Array(4096);
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
    return (
      this.keys.byteLength + this.slotIds.byteLength + this.edgeStart.byteLength + this.edgeEnd.byteLength + this.labels.byteLength +
      this.edgeTarget.byteLength + this.edgeAction.byteLength + this.edgeClass.byteLength
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

  /** A generated successor of the state being expanded, by the action at `actionIndex`; returns its node (see `created`). */
  addEdge<Action>(lo: number, hi: number, actionIndex: number, action: Action): number {
    const target = this.nodeOf(lo, hi);
    if (this.edgeCount === this.edgeTarget.length) this.growEdges();
    const e = this.edgeCount++;
    this.edgeTarget[e] = target;
    this.edgeAction[e] = actionIndex;
    let cls = UNFAIR;
    if (this.fairClass !== undefined) {
      const key = (this.fairClass as (action: Action) => FairClassKey | undefined)(action);
      if (typeof key === 'number' && key >= 0 && key < SMALL_KEYS && (key | 0) === key) {
        cls = this.smallClass(key);
      } else if (key !== undefined) {
        const strong = typeof key === 'object';
        // Strong keys live apart from weak ones: a string that no weak key can be.
        const id = strong ? `\u0000strong:${typeof key.strong}:${key.strong}` : key;
        cls = this.classIds.get(id) ?? -1;
        if (cls < 0) {
          cls = this.classIds.size;
          this.classIds.set(id, cls);
          this.classStrong.push(strong ? 1 : 0);
        }
      }
    }
    this.edgeClass[e] = cls;
    this.edgeEnd[this.current] = this.edgeCount;
    return target;
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

  /** The id of the node with fingerprint `(lo, hi)`, added (unexpanded) when new (then `created` is set). */
  nodeOf(lo: number, hi: number): number {
    lo >>>= 0;
    hi >>>= 0;
    const keys = this.keys;
    const mask = this.mask;
    let slot = slotOf(lo, hi) & mask;
    for (;;) {
      const k0 = keys[slot << 1];
      const k1 = keys[(slot << 1) + 1];
      if (k0 === 0 && k1 === 0) break;
      if (k0 === lo && k1 === hi) {
        this.created = false;
        return this.slotIds[slot];
      }
      slot = (slot + 1) & mask;
    }
    const node = this.size++;
    this.created = true;
    keys[slot << 1] = lo;
    keys[(slot << 1) + 1] = hi;
    this.slotIds[slot] = node;
    if (node === this.edgeStart.length) this.growNodes();
    this.edgeStart[node] = -1;
    this.edgeEnd[node] = -1;
    if (this.size * 4 > (mask + 1) * 3) this.growTable();
    return node;
  }

  private growTable(): void {
    const oldKeys = this.keys;
    const oldIds = this.slotIds;
    const cap = (this.mask + 1) * 2;
    const keys = new Uint32Array(cap * 2);
    const ids = new Int32Array(cap);
    const mask = cap - 1;
    for (let s = 0; s < oldIds.length; s++) {
      const lo = oldKeys[s << 1];
      const hi = oldKeys[(s << 1) + 1];
      if (lo === 0 && hi === 0) continue;
      let slot = slotOf(lo, hi) & mask;
      while (keys[slot << 1] !== 0 || keys[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
      keys[slot << 1] = lo;
      keys[(slot << 1) + 1] = hi;
      ids[slot] = oldIds[s];
    }
    this.keys = keys;
    this.slotIds = ids;
    this.mask = mask;
  }

  private growNodes(): void {
    const n = this.edgeStart.length * 2;
    this.edgeStart = grown(this.edgeStart, new Int32Array(n));
    this.edgeEnd = grown(this.edgeEnd, new Int32Array(n));
    this.labels = grown(this.labels, new Uint32Array(n));
  }

  private growEdges(): void {
    const n = this.edgeTarget.length * 2;
    this.edgeTarget = grown(this.edgeTarget, new Int32Array(n));
    this.edgeAction = grown(this.edgeAction, new Int32Array(n));
    this.edgeClass = grown(this.edgeClass, new Int32Array(n));
  }
}

function grown<T extends Int32Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
