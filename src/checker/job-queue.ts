/**
 * Pending jobs of the search: a state, its visited-set id and its eventually bits. Kept as
 * parallel growable arrays (no per-job objects). BFS and DFS both pop from the back; BFS pushes
 * at the front (a FIFO), DFS at the back (a stack). Internal.
 */
export interface JobQueue<State> {
  readonly size: number;
  push(state: State, id: number, bits: number): void;
  /** Removes the back job; read it with `state`, `id` and `bits`. */
  pop(): void;
  state: State;
  id: number;
  bits: number;
}

/** BFS queue: a growable ring buffer; `push` adds at the front, `pop` takes the oldest job. */
export class FifoQueue<State> implements JobQueue<State> {
  private states: (State | undefined)[];
  private ids: Int32Array;
  private bitsRing: Uint32Array;
  private head = 0;
  private mask: number;
  size = 0;
  state!: State;
  id = 0;
  bits = 0;

  constructor(capacity = 1024) {
    this.states = new Array<State | undefined>(capacity).fill(undefined);
    this.ids = new Int32Array(capacity);
    this.bitsRing = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  push(state: State, id: number, bits: number): void {
    if (this.size > this.mask) this.grow();
    const slot = (this.head + this.size) & this.mask;
    this.states[slot] = state;
    this.ids[slot] = id;
    this.bitsRing[slot] = bits;
    this.size++;
  }

  pop(): void {
    const slot = this.head;
    this.state = this.states[slot] as State;
    this.states[slot] = undefined;
    this.id = this.ids[slot];
    this.bits = this.bitsRing[slot];
    this.head = (slot + 1) & this.mask;
    this.size--;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const states = new Array<State | undefined>(cap).fill(undefined);
    const ids = new Int32Array(cap);
    const bits = new Uint32Array(cap);
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) & this.mask;
      states[i] = this.states[slot];
      ids[i] = this.ids[slot];
      bits[i] = this.bitsRing[slot];
    }
    this.states = states;
    this.ids = ids;
    this.bitsRing = bits;
    this.head = 0;
    this.mask = cap - 1;
  }
}

/** DFS queue: a stack. */
export class LifoQueue<State> implements JobQueue<State> {
  private states: State[] = [];
  private ids = new Int32Array(1024);
  private bitsStack = new Uint32Array(1024);
  size = 0;
  state!: State;
  id = 0;
  bits = 0;

  push(state: State, id: number, bits: number): void {
    const n = this.size;
    if (n === this.ids.length) {
      const ids = new Int32Array(n * 2);
      ids.set(this.ids);
      this.ids = ids;
      const bs = new Uint32Array(n * 2);
      bs.set(this.bitsStack);
      this.bitsStack = bs;
    }
    this.states.push(state);
    this.ids[n] = id;
    this.bitsStack[n] = bits;
    this.size = n + 1;
  }

  pop(): void {
    const n = --this.size;
    this.state = this.states.pop() as State;
    this.id = this.ids[n];
    this.bits = this.bitsStack[n];
  }
}
