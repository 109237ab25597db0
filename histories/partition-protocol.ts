/**
 * What the history-checking workers and their coordinator (parallel-check.ts) say to each other.
 * Only structured-clonable data crosses: the model travels by name (models are code), operations
 * as tuples whose unknown output (a symbol, which cannot be cloned) is a flag, and results as
 * positions in the partition's list of operations. Internal.
 */
import { UNKNOWN } from '../consistency/model.js';
import type { Operation, OperationStatus } from '../consistency/model.js';
import type { FinalOutcome } from '../consistency/engine/round-robin.js';
import type { Consistency } from '../consistency/check-result.js';
import type { Value } from '../consistency/value.js';
import type { HistoryModelName } from './load-history.js';

/** The model as the worker rebuilds it: what load-history.ts built it from. */
export interface ModelRecipe {
  readonly name: HistoryModelName;
  readonly init: Value | undefined;
  readonly independent: boolean;
}

/** Slots of the shared Int32Array of a check. */
export const SIGNAL = 0;
/** The round cap (see round-robin.ts): the lowest round of a stopping event any worker has seen. */
export const ROUND_CAP = 1;
/** One heartbeat per worker, from this slot on. */
export const HEARTBEATS = 2;

export type ToWorker =
  | {
      readonly type: 'check';
      readonly model: ModelRecipe;
      readonly consistency: Consistency;
      readonly totalPartitions: number;
      readonly stopAtFirstInvalid: boolean;
      /** Date.now() at which time is up, or null. */
      readonly deadline: number | null;
      readonly maxConfigurations: number;
      readonly maxBytes: number;
      readonly shared: SharedArrayBuffer;
      readonly slot: number;
    }
  | { readonly type: 'batch'; readonly batch: EncodedBatch }
  | { readonly type: 'check-done' };

export type FromWorker =
  | { readonly type: 'batch-done'; readonly finished: readonly EncodedFinished[]; readonly configurations: number }
  | { readonly type: 'error'; readonly message: string };

/**
 * A batch of partitions on the wire. Structured cloning of a million small objects is what
 * would cost most here (about 3 µs an operation), so the numbers travel in a transferred
 * Float64Array (id, call, return: returns may be Infinity) and the rest as one JSON text of
 * [process, input, output, status, unknown] rows, which is cloned as one string. JSON is lossless
 * for the values of a history except non-finite numbers; a batch holding one is sent as cloned
 * objects instead (`rows`).
 */
export interface EncodedBatch {
  /** Each partition's index in the check and number of operations, in order. */
  readonly indices: readonly number[];
  readonly sizes: readonly number[];
  readonly numbers: Float64Array<ArrayBuffer>;
  readonly text: string | null;
  readonly rows: readonly EncodedRow[] | null;
}

type EncodedRow = readonly [process: number | string, input: unknown, output: unknown, status: OperationStatus, unknown: 0 | 1];

export function encodeBatch(jobs: readonly { readonly index: number; readonly ops: readonly Operation<unknown, unknown>[] }[]): EncodedBatch {
  const count = jobs.reduce((sum, job) => sum + job.ops.length, 0);
  const numbers = new Float64Array(3 * count);
  const rows: EncodedRow[] = [];
  let safe = true;
  for (const job of jobs) {
    for (const op of job.ops) {
      const at = 3 * rows.length;
      numbers[at] = op.id;
      numbers[at + 1] = op.call;
      numbers[at + 2] = op.return;
      const unknown = op.output === UNKNOWN;
      const output = unknown ? null : op.output;
      safe &&= jsonSafe(op.input) && jsonSafe(output);
      rows.push([op.process, op.input, output, op.status, unknown ? 1 : 0]);
    }
  }
  return { indices: jobs.map((job) => job.index), sizes: jobs.map((job) => job.ops.length), numbers, text: safe ? JSON.stringify(rows) : null, rows: safe ? null : rows };
}

export function decodeBatch(batch: EncodedBatch): { readonly index: number; readonly ops: Operation<unknown, unknown>[] }[] {
  const rows = batch.rows ?? (JSON.parse(batch.text as string) as EncodedRow[]);
  const { numbers } = batch;
  let next = 0;
  return batch.indices.map((index, k) => {
    const ops: Operation<unknown, unknown>[] = [];
    for (let end = next + batch.sizes[k]; next < end; next++) {
      const [process, input, output, status, unknown] = rows[next];
      ops.push({ id: numbers[3 * next], process, input, output: unknown ? UNKNOWN : output, status, call: numbers[3 * next + 1], return: numbers[3 * next + 2] });
    }
    return { index, ops };
  });
}

/** Does JSON carry this value unchanged? (Plain data with finite numbers; `undefined` only where JSON drops nothing.) */
function jsonSafe(value: unknown): boolean {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value);
    case 'string':
    case 'boolean':
      return true;
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(jsonSafe);
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      return Object.values(value).every(jsonSafe);
    default:
      return false;
  }
}

/** A finished partition, its operations named by their positions in the partition. */
export interface EncodedFinished {
  readonly index: number;
  readonly round: number;
  readonly outcome: FinalOutcome<number>;
}

/** An outcome over operations as one over their positions in `ops`, or back. */
export function mapOutcome<A, B>(outcome: FinalOutcome<A>, map: (op: A) => B): FinalOutcome<B> {
  switch (outcome.kind) {
    case 'valid':
      return { kind: 'valid', order: outcome.order.map(map) };
    case 'invalid':
      return { kind: 'invalid', op: map(outcome.op), longestPrefix: outcome.longestPrefix.map(map) };
    case 'unknown':
      return outcome;
  }
}
