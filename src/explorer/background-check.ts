/**
 * The Explorer's checker: a breadth-first search that runs in short time slices on the server's
 * own thread, yielding to the event loop between slices so that HTTP requests are answered while a
 * large model is explored (Stateright 0.31's Explorer explores nothing until "Run to completion").
 *
 * Per state it applies the checker's rules (the reference's §1, as `check` with BFS does): init
 * states and successors outside the boundary are dropped; an always property is discovered at a
 * state where it is false, a sometimes property where it is true; an eventually property is
 * discovered at a terminal state reached along a path where it never held (one bit per eventually
 * property travels with each pending state). Stop conditions are tested after blocks of 1,500 pops
 * (a block also ends early at a state that awaits no property), as in the checker, so a finished
 * run has the checker's BFS counts; a slice may end in the middle of a block, which changes
 * nothing because the block's pop counter survives the pause.
 */
import { fingerprintInto, type Model, type Property } from '../checker/index.js';
import { StateTable } from './state-table.js';

const BLOCK_SIZE = 1500;
const ALWAYS = 0;
const SOMETIMES = 1;
const EVENTUALLY = 2;

export interface BackgroundOptions {
  /** Stop once this many states were generated (checked after each block). */
  readonly targetStateCount?: number;
  /** Longest slice of work before yielding to the event loop (default 10 ms). */
  readonly sliceMs?: number;
  /** Start paused, as Stateright's Explorer does; `resume()` starts the run. */
  readonly paused?: boolean;
  /** Called after every slice of background work (the worker reports progress from here). */
  readonly onSlice?: () => void;
}

export type RunPhase = 'exploring' | 'paused' | 'done';

export interface BackgroundStatus {
  readonly phase: RunPhase;
  /** Generated states (Stateright's `state_count`). */
  readonly generated: number;
  readonly unique: number;
  readonly maxDepth: number;
  readonly pending: number;
  /** The queue ran empty: an absent discovery is then a proof (within the boundary). */
  readonly complete: boolean;
  readonly elapsedMs: number;
  /** Per property in declaration order: the first discovery's path, or undefined. */
  readonly discoveries: readonly (readonly number[] | undefined)[];
  /** The path of a recently expanded state (undefined before the first one). */
  readonly recentPath: readonly number[] | undefined;
}

/** What the Explorer needs of a check, wherever it runs (this thread, or a worker: see worker-check.ts). */
export interface CheckRunner<State> {
  readonly propertyList: readonly Property<State>[];
  status(): BackgroundStatus;
  pause(): void;
  resume(): void;
  stop(): void;
}

export class BackgroundCheck<State, Action> implements CheckRunner<State> {
  private readonly table = new StateTable();
  private readonly properties: readonly Property<State>[];
  private readonly kinds: number[];
  private readonly bitOf: number[];
  private readonly allBits: number;
  private readonly discoveredRow: Int32Array;
  private readonly fp = new Uint32Array(2);
  private readonly actionsBuf: Action[] = [];
  // FIFO of pending states: parallel arrays read from `head`, compacted now and then.
  private queueStates: State[] = [];
  private queueRows: number[] = [];
  private queueBits: number[] = [];
  private head = 0;
  private generated = 0;
  private maxDepth = 0;
  private popsInBlock = 0;
  private finished = false;
  private paused: boolean;
  private lastRow = -1;
  private elapsed = 0;
  private timer: NodeJS.Immediate | undefined;
  private readonly sliceMs: number;
  private readonly target: number;
  private readonly onSlice: (() => void) | undefined;

  constructor(
    readonly model: Model<State, Action>,
    options: BackgroundOptions = {},
  ) {
    this.properties = model.properties();
    this.kinds = this.properties.map((p) => (p.expectation === 'always' ? ALWAYS : p.expectation === 'sometimes' ? SOMETIMES : EVENTUALLY));
    this.bitOf = this.kinds.map(() => 0);
    let next = 0;
    let all = 0;
    this.kinds.forEach((kind, i) => {
      if (kind !== EVENTUALLY) return;
      if (next === 31) throw new Error('at most 31 eventually properties are supported per model');
      this.bitOf[i] = 1 << next++;
      all |= this.bitOf[i];
    });
    this.allBits = all;
    this.discoveredRow = new Int32Array(this.properties.length).fill(-1);
    this.sliceMs = options.sliceMs ?? 10;
    this.target = options.targetStateCount ?? Infinity;
    this.paused = options.paused ?? false;
    this.onSlice = options.onSlice;
    this.seed();
    this.schedule();
  }

  /** The properties in declaration order (as `model.properties()` gave them once). */
  get propertyList(): readonly Property<State>[] {
    return this.properties;
  }

  status(): BackgroundStatus {
    return {
      phase: this.finished ? 'done' : this.paused ? 'paused' : 'exploring',
      generated: this.generated,
      unique: this.table.size,
      maxDepth: this.maxDepth,
      pending: this.queueRows.length - this.head,
      complete: this.queueRows.length === this.head,
      elapsedMs: this.elapsed,
      discoveries: Array.from(this.discoveredRow, (row) => (row < 0 ? undefined : this.table.path(row))),
      recentPath: this.lastRow < 0 ? undefined : this.table.path(this.lastRow),
    };
  }

  /** Resumes a paused run (Stateright's "Run to completion"). */
  resume(): void {
    this.paused = false;
    this.schedule();
  }

  pause(): void {
    this.paused = true;
    if (this.timer !== undefined) clearImmediate(this.timer);
    this.timer = undefined;
  }

  /** Stops for good (the server is closing). */
  stop(): void {
    this.pause();
    this.finished = true;
  }

  /** Runs to the end on the calling thread (tests and benchmarks). */
  runToEnd(): BackgroundStatus {
    this.pause();
    while (!this.finished) this.slice(Infinity);
    return this.status();
  }

  private schedule(): void {
    if (this.paused || this.finished || this.timer !== undefined) return;
    this.timer = setImmediate(() => {
      this.timer = undefined;
      if (this.paused || this.finished) return;
      this.slice(this.sliceMs);
      this.onSlice?.();
      this.schedule();
    });
  }

  private seed(): void {
    const model = this.model;
    const inits = model.initStates();
    const kept: [State, number][] = [];
    let initIndex = 0;
    for (const s of inits) {
      if (model.withinBoundary !== undefined && !model.withinBoundary(s)) continue;
      this.generated++;
      fingerprintInto(s, this.fp);
      const row = this.table.add(this.fp[0], this.fp[1], -1, initIndex++, 1);
      if (row >= 0) kept.push([s, row]);
    }
    // The checker's BFS pops the last init state first.
    for (let j = kept.length - 1; j >= 0; j--) this.enqueue(kept[j][0], kept[j][1], this.allBits);
  }

  private enqueue(state: State, row: number, bits: number): void {
    this.queueStates.push(state);
    this.queueRows.push(row);
    this.queueBits.push(bits);
  }

  /** Works for about `budgetMs`, ending blocks (and perhaps the run) as the checker does. */
  private slice(budgetMs: number): void {
    const started = performance.now();
    const deadline = started + budgetMs;
    let sinceClock = 0;
    while (!this.finished) {
      const blockEnded = this.popsInBlock >= BLOCK_SIZE || this.head === this.queueRows.length || this.expandOne();
      if (blockEnded) {
        this.popsInBlock = 0;
        this.compact();
        if (this.shouldStop()) this.finished = true;
      }
      if (++sinceClock >= 16) {
        sinceClock = 0;
        if (performance.now() >= deadline) break;
      }
    }
    this.elapsed += performance.now() - started;
  }

  private shouldStop(): boolean {
    const allFound = this.discoveredRow.every((row) => row >= 0);
    return allFound || this.generated >= this.target || this.head === this.queueRows.length;
  }

  private compact(): void {
    if (this.head < 4096 || this.head * 2 < this.queueRows.length) return;
    this.queueStates = this.queueStates.slice(this.head);
    this.queueRows = this.queueRows.slice(this.head);
    this.queueBits = this.queueBits.slice(this.head);
    this.head = 0;
  }

  /** Pops and expands one state; returns true when the block ends here (the state awaits nothing). */
  private expandOne(): boolean {
    const at = this.head++;
    const state = this.queueStates[at];
    const row = this.queueRows[at];
    let bits = this.queueBits[at];
    this.queueStates[at] = undefined as State; // (let the popped state be collected)
    this.popsInBlock++;
    this.lastRow = row;
    const depth = this.table.depth(row);
    if (depth > this.maxDepth) this.maxDepth = depth;

    let awaiting = false;
    const props = this.properties;
    for (let i = 0; i < props.length; i++) {
      const kind = this.kinds[i];
      if (kind === EVENTUALLY) {
        if (this.discoveredRow[i] >= 0 && (bits & this.bitOf[i]) === 0) continue;
        awaiting = true;
        if (props[i].condition(state)) bits &= ~this.bitOf[i];
      } else if (props[i].condition(state) === (kind === ALWAYS)) {
        awaiting = true;
      } else if (this.discoveredRow[i] < 0) {
        this.discoveredRow[i] = row;
      }
    }
    if (!awaiting) return true;

    const model = this.model;
    const actions = this.actionsBuf;
    actions.length = 0;
    model.actions(state, actions);
    let terminal = true;
    for (let idx = 0; idx < actions.length; idx++) {
      const next = model.nextState(state, actions[idx]);
      if (next === undefined) continue;
      if (model.withinBoundary !== undefined && !model.withinBoundary(next)) continue;
      this.generated++;
      terminal = false;
      fingerprintInto(next, this.fp);
      const child = this.table.add(this.fp[0], this.fp[1], row, idx, depth + 1);
      if (child >= 0) this.enqueue(next, child, bits);
    }
    if (terminal && bits !== 0) {
      for (let i = 0; i < props.length; i++) {
        if (this.kinds[i] === EVENTUALLY && (bits & this.bitOf[i]) !== 0 && this.discoveredRow[i] < 0) this.discoveredRow[i] = row;
      }
    }
    return false;
  }
}
