import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

let machineQuarter: number | undefined;
let heapLimit: number | undefined;

/** The default memory bound of a check: a quarter of the machine's memory, at most 4 GiB. */
export function defaultMaxMemoryBytes(): number {
  // The machine's memory does not change while we run; asking the OS at every check did cost the
  // model checker, which runs a small check at every state, a sixth of its time.
  machineQuarter ??= Math.min(4 * 2 ** 30, Math.floor(totalmem() / 4));
  return machineQuarter;
}

/**
 * Limits shared by every search of one check: a wall-clock deadline, memoised configurations,
 * and bytes.
 *
 * Bytes are counted two ways, and either reaching its bound ends the check with `unknown`
 * (never a crash): the searches' own tables (each search registers a function that says how many
 * bytes its memo, usage table and stack hold), checked every 1,024 new configurations; and, as
 * a guard for what the tables cannot see (model states on the JavaScript heap), the process's
 * heap, checked every 65,536 steps against the same bound (above what was in use when the check
 * began) and against 70% of the heap limit, past which V8 would abort the process.
 */
export class SearchBudget {
  configurations = 0;
  exhausted: 'timeout' | 'memory' | null = null;
  private ticks = 0;
  private lastProgress = performance.now();
  private readonly trackers: (() => number)[] = [];
  /** Heap and array buffers in use when the guard first ran (see {@link heapFits}). */
  private heapAtStart: number | undefined;

  constructor(
    private readonly deadline: number,
    private readonly maxConfigurations: number,
    private readonly onTick: () => void = () => undefined,
    private readonly maxBytes: number = Infinity,
  ) {}

  /** A budget for a side search: the same deadline and byte bound, its own configuration bound. */
  child(maxConfigurations: number): SearchBudget {
    const child = new SearchBudget(this.deadline, maxConfigurations, undefined, this.maxBytes - this.trackedBytes());
    return child;
  }

  /**
   * Registers a function that says how many bytes a search's tables hold. The returned function
   * removes it: a finished search's tables are garbage, and a tracker left behind would both keep
   * them alive and go on counting them against the bound (a keyed history with a thousand keys
   * held every finished key's memo until the whole check ended).
   */
  track(bytes: () => number): () => void {
    this.trackers.push(bytes);
    return () => {
      const at = this.trackers.indexOf(bytes);
      if (at >= 0) this.trackers.splice(at, 1);
    };
  }

  /** Bytes the searches' tables hold now. */
  trackedBytes(): number {
    let total = 0;
    for (const bytes of this.trackers) total += bytes();
    return total;
  }

  /** Counts one new configuration; false when a memory bound is reached. */
  spend(): boolean {
    if (++this.configurations > this.maxConfigurations || ((this.configurations & 1023) === 0 && this.trackedBytes() > this.maxBytes)) {
      this.exhausted = 'memory';
      return false;
    }
    return true;
  }

  /**
   * Called once per search step (cheap); reads the clock only every 4,096 calls because
   * `performance.now()` would otherwise dominate the inner loop. Reports progress every quarter
   * second. False when time is up or the heap guard trips.
   */
  tick(): boolean {
    if ((++this.ticks & 4095) === 0) {
      const now = performance.now();
      if (now > this.deadline) {
        this.exhausted = 'timeout';
        return false;
      }
      if ((this.ticks & 65535) === 0 && !this.heapFits()) {
        this.exhausted = 'memory';
        return false;
      }
      if (now - this.lastProgress > 250) {
        this.lastProgress = now;
        this.onTick();
      }
    }
    return true;
  }

  /**
   * The heap guard. Its baseline is taken the first time it runs, 65,536 steps into the search,
   * not when the budget is made: reading the heap's figures costs microseconds, and the model
   * checker makes a budget for a few-operation check at every state it visits, none of which
   * reaches the guard. The bound then applies to what the search adds after its first 65,536
   * steps; the tables it keeps are bounded from the start by {@link spend}, and the ceiling at
   * 70% of V8's heap limit is absolute.
   */
  private heapFits(): boolean {
    // V8's heap statistics, not process.memoryUsage(), which also measures the resident set and
    // costs up to 10 ms a call.
    const heap = getHeapStatistics();
    this.heapAtStart ??= heap.used_heap_size + heap.external_memory;
    heapLimit ??= heap.heap_size_limit;
    return heap.used_heap_size < 0.7 * heapLimit && heap.used_heap_size + heap.external_memory - this.heapAtStart < this.maxBytes;
  }
}

/**
 * A search's resume function that untracks the search's tables once it gives a final answer
 * (anything but `'budget'`): it is not resumed after that.
 */
export function untrackWhenDone<Op>(untrack: () => void, resume: (allowance: number) => SearchOutcome<Op>): (allowance: number) => SearchOutcome<Op> {
  return (allowance) => {
    const outcome = resume(allowance);
    if (outcome.kind !== 'unknown' || outcome.reason !== 'budget') untrack();
    return outcome;
  };
}

/** The outcome of searching one partition. `'budget'` means a per-attempt allowance ran out. */
export type SearchOutcome<Op> =
  | { readonly kind: 'valid'; readonly order: readonly Op[] }
  | { readonly kind: 'invalid'; readonly op: Op; readonly longestPrefix: readonly Op[] }
  | { readonly kind: 'unknown'; readonly reason: 'timeout' | 'memory' | 'budget' };
