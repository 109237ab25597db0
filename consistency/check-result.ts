import type { Operation } from './model.js';

export type Consistency = 'linearizable' | 'sequential';

export interface CheckOptions {
  /** Give up after this many milliseconds and answer `'unknown'`. Default: no limit. */
  readonly timeoutMs?: number;
  /**
   * Give up after this many distinct memoised configurations (a memory bound) and answer
   * `'unknown'`. Default: 20 million.
   */
  readonly maxConfigurations?: number;
  /**
   * Give up when the search's tables (or the heap it grows) reach this many bytes, and answer
   * `'unknown'` (reason `'memory'`) rather than run the process out of memory. Default:
   * `defaultMaxMemoryBytes()`, a quarter of the machine's memory, at most 4 GiB.
   */
  readonly maxMemoryBytes?: number;
  /** Stop at the first invalid partition (default true); false checks every partition. */
  readonly stopAtFirstInvalid?: boolean;
  /** Called now and then during long checks. */
  readonly onProgress?: (progress: CheckProgress) => void;
}

export interface CheckProgress {
  readonly partitionsDone: number;
  readonly partitions: number;
  readonly configurations: number;
  readonly elapsedMs: number;
}

export interface CheckStats {
  /** Distinct (linearized set, state) configurations memoised, over all partitions. */
  readonly configurations: number;
  readonly partitions: number;
  readonly elapsedMs: number;
}

/** The verdict for one partition (or the whole history when the model has no partitions). */
export type PartitionResult<I, O> =
  | {
      readonly valid: true;
      readonly key: string | number | null;
      /** The operations in an order the model accepts: every ok op and the placed indeterminate ones. */
      readonly witness: readonly Operation<I, O>[];
    }
  | {
      readonly valid: false;
      readonly key: string | number | null;
      /**
       * The first ok operation (by return position) at which the history so far can no longer be
       * ordered: every ok op that returned up to here, plus any subset of the pending ones.
       */
      readonly op: Operation<I, O>;
      /** The nearest ok operation that returned before `op` (any process), or null. */
      readonly previousOk: Operation<I, O> | null;
      /** The longest order the search found that the model accepts (a partial linearization). */
      readonly longestPrefix: readonly Operation<I, O>[];
    }
  | {
      readonly valid: 'unknown';
      readonly key: string | number | null;
      readonly reason: 'timeout' | 'memory';
    };

export type CheckResult<I, O> =
  | {
      readonly valid: true;
      readonly consistency: Consistency;
      /** A witness order for the whole history (partitions concatenated). */
      readonly witness: readonly Operation<I, O>[];
      readonly partitions: readonly PartitionResult<I, O>[];
      readonly stats: CheckStats;
    }
  | {
      readonly valid: false;
      readonly consistency: Consistency;
      readonly op: Operation<I, O>;
      readonly previousOk: Operation<I, O> | null;
      readonly longestPrefix: readonly Operation<I, O>[];
      /** The partition key of the invalid partition (null when unpartitioned). */
      readonly key: string | number | null;
      readonly partitions: readonly PartitionResult<I, O>[];
      readonly stats: CheckStats;
    }
  | {
      readonly valid: 'unknown';
      readonly consistency: Consistency;
      readonly reason: 'timeout' | 'memory';
      readonly partitions: readonly PartitionResult<I, O>[];
      readonly stats: CheckStats;
    };
