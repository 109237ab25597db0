/**
 * Pending jobs of the search: a state, a reference to its path (a BFS record id or a DFS
 * {@link PathNode}), its eventually bits and its depth. Kept as parallel growable arrays (no
 * per-job objects). BFS and DFS both pop from the back; BFS pushes at the front (a FIFO), DFS at
 * the back (a stack). Internal.
 */
export interface JobQueue<State, Ref> {
  readonly size: number;
  push(state: State, ref: Ref, bits: number, depth: number): void;
  /** Removes the back job; read it with `state`, `ref`, `bits` and `depth`. */
  pop(): void;
  state: State;
  ref: Ref;
  bits: number;
  depth: number;
}

/**
 * Writes a ring's `size` entries, oldest first from `head` (capacity `mask + 1`), to the start of
 * `to`, `width` values per entry: how a ring queue grows.
 */
export function unwrapRing<T>(from: { readonly [i: number]: T }, to: { [i: number]: T }, head: number, size: number, mask: number, width = 1): void {
  for (let i = 0; i < size; i++) {
    const slot = (head + i) & mask;
    for (let k = 0; k < width; k++) to[i * width + k] = from[slot * width + k];
  }
}

/** BFS queue: a growable ring buffer; `push` adds at the front, `pop` takes the oldest job. */
export class FifoQueue<State, Ref> implements JobQueue<State, Ref> {
  private states: (State | undefined)[];
  private refs: (Ref | undefined)[];
  private bitsRing: Uint32Array;
  private depths: Int32Array;
  private head = 0;
  private mask: number;
  size = 0;
  state!: State;
  ref!: Ref;
  bits = 0;
  depth = 0;

  constructor(capacity = 1024) {
    this.states = new Array<State | undefined>(capacity).fill(undefined);
    this.refs = new Array<Ref | undefined>(capacity).fill(undefined);
    this.bitsRing = new Uint32Array(capacity);
    this.depths = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  push(state: State, ref: Ref, bits: number, depth: number): void {
    if (this.size > this.mask) this.grow();
    const slot = (this.head + this.size) & this.mask;
    this.states[slot] = state;
    this.refs[slot] = ref;
    this.bitsRing[slot] = bits;
    this.depths[slot] = depth;
    this.size++;
  }

  pop(): void {
    const slot = this.head;
    this.state = this.states[slot] as State;
    this.states[slot] = undefined;
    this.ref = this.refs[slot] as Ref;
    this.refs[slot] = undefined;
    this.bits = this.bitsRing[slot];
    this.depth = this.depths[slot];
    this.head = (slot + 1) & this.mask;
    this.size--;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const states = new Array<State | undefined>(cap).fill(undefined);
    const refs = new Array<Ref | undefined>(cap).fill(undefined);
    const bits = new Uint32Array(cap);
    const depths = new Int32Array(cap);
    unwrapRing(this.states, states, this.head, this.size, this.mask);
    unwrapRing(this.refs, refs, this.head, this.size, this.mask);
    unwrapRing(this.bitsRing, bits, this.head, this.size, this.mask);
    unwrapRing(this.depths, depths, this.head, this.size, this.mask);
    this.states = states;
    this.refs = refs;
    this.bitsRing = bits;
    this.depths = depths;
    this.head = 0;
    this.mask = cap - 1;
  }
}

/** DFS queue: a stack. */
export class LifoQueue<State, Ref> implements JobQueue<State, Ref> {
  private states: State[] = [];
  private refs: Ref[] = [];
  private bitsStack = new Uint32Array(1024);
  private depths = new Int32Array(1024);
  size = 0;
  state!: State;
  ref!: Ref;
  bits = 0;
  depth = 0;

  push(state: State, ref: Ref, bits: number, depth: number): void {
    const n = this.size;
    if (n === this.depths.length) {
      const bs = new Uint32Array(n * 2);
      bs.set(this.bitsStack);
      this.bitsStack = bs;
      const ds = new Int32Array(n * 2);
      ds.set(this.depths);
      this.depths = ds;
    }
    this.states.push(state);
    this.refs.push(ref);
    this.bitsStack[n] = bits;
    this.depths[n] = depth;
    this.size = n + 1;
  }

  pop(): void {
    const n = --this.size;
    this.state = this.states.pop() as State;
    this.ref = this.refs.pop() as Ref;
    this.bits = this.bitsStack[n];
    this.depth = this.depths[n];
  }

  /** The depth of the job at `index` from the bottom. */
  depthAt(index: number): number {
    return this.depths[index];
  }

  /** Removes and returns the `count` bottom (oldest) jobs, for handing work to another worker. */
  takeBottom(count: number): { states: State[]; refs: Ref[]; bits: number[]; depths: number[] } {
    const n = Math.min(count, this.size);
    const out = {
      states: this.states.splice(0, n),
      refs: this.refs.splice(0, n),
      bits: Array.from(this.bitsStack.subarray(0, n)),
      depths: Array.from(this.depths.subarray(0, n)),
    };
    this.bitsStack.copyWithin(0, n, this.size);
    this.depths.copyWithin(0, n, this.size);
    this.size -= n;
    return out;
  }
}
