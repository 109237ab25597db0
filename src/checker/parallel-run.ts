/**
 * What the coordinator of a parallel run keeps whatever the strategy: the workers, the counters
 * summed over their slices, the stop rules (checked after every slice, where the single-threaded
 * search checks them after every block) and aggregated progress lines. Internal.
 */
import type { LoadedModel } from './model-spec.js';
import type { ResolvedOptions } from './options.js';
import { progressSnapshot } from './progress.js';
import type { Property } from './property.js';
import type { SharedTable } from './shared-table.js';
import type { Mailbox, WorkerLink } from './worker-pool.js';
import type { Found, RunSetup, SliceDone } from './worker-protocol.js';

/**
 * Slices a worker may have queued at once. With two, a worker that finishes a slice finds the
 * next one waiting instead of idling for a round trip through the coordinator, which shares the
 * cores with the workers and can be slow to be scheduled. Stop rules then act one slice later
 * (as the single thread's act at the end of a block).
 */
export const PIPELINE = 2;

export interface ParallelRun<State, Action> {
  readonly model: LoadedModel<State, Action>;
  readonly properties: readonly Property<State>[];
  readonly opts: ResolvedOptions<State>;
  readonly handles: readonly WorkerLink[];
  readonly mailbox: Mailbox;
  readonly setup: RunSetup;
  readonly started: number;
  /** Pops per slice (tests make it tiny to interleave workers finely). */
  readonly sliceSize: number;
  /** Knobs that tests turn to make rare schedules common. */
  readonly tuning: RunTuning;
}

export interface RunTuning {
  /** The shared table's first capacity (tests make it tiny so that it grows mid-search). */
  readonly minTableCapacity?: number;
  /** DFS: the fewest jobs a worker must hold to feed an idle one (tests make it small). */
  readonly minDonorStack?: number;
}

export class RunTally<State> {
  generated = 0;
  maxDepth = 0;
  timedOut = false;
  readonly discovered: boolean[];
  private lastProgress: number;

  constructor(
    private readonly opts: ResolvedOptions<State>,
    private readonly started: number,
    propertyCount: number,
  ) {
    this.discovered = new Array<boolean>(propertyCount).fill(false);
    this.lastProgress = started;
  }

  /** Adds a slice's counts; `record` sees each discovery it reports. */
  add(done: SliceDone, record: (found: Found) => void): void {
    this.generated += done.generated;
    if (done.maxDepth > this.maxDepth) this.maxDepth = done.maxDepth;
    for (const f of done.found) {
      this.discovered[f[0]] = true;
      record(f);
    }
  }

  /** The finish policy, the target state count or the deadline says stop. */
  shouldStop(): boolean {
    if (this.opts.finished(this.discovered)) return true;
    if (this.generated >= this.opts.targetStateCount) return true;
    if (Date.now() >= this.opts.deadline) {
      this.timedOut = true;
      return true;
    }
    return false;
  }

  progress(unique: number, pending: number): void {
    const now = Date.now();
    if (this.opts.onProgress && now - this.lastProgress >= this.opts.progressIntervalMs) {
      this.lastProgress = now;
      this.opts.onProgress(progressSnapshot(this.generated, unique, this.maxDepth, pending, now - this.started));
    }
  }
}

/**
 * Grows the shared table while every worker is idle: each worker copies a share of the old
 * slots into the new table (the copy is a random-access pass over the whole table, seconds on
 * large runs, which the coordinator alone would do while the workers wait) and then uses it.
 */
export async function growTable(table: SharedTable, handles: readonly WorkerLink[], mailbox: Mailbox): Promise<SharedTable> {
  const count = table.count;
  const next = table.emptyDouble();
  const n = handles.length;
  handles.forEach((h, w) => {
    const from = Math.floor((table.capacity * w) / n);
    const to = Math.floor((table.capacity * (w + 1)) / n);
    h.send({ type: 'grow', table: next.buffers, from, to });
  });
  await mailbox.fromEach(n, 'grown');
  next.setCount(count);
  return next;
}
