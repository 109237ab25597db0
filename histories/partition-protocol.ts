/**
 * What the history-checking workers and their coordinator (parallel-check.ts) say to each other.
 * Only structured-clonable data crosses: the model travels by name (models are code), operations
 * in batches (batch-codec.ts), and results as positions in the partition's list of operations.
 * Internal.
 */
import type { FinalOutcome } from '../consistency/engine/round-robin.js';
import type { Consistency } from '../consistency/check-result.js';
import type { Value } from '../consistency/value.js';
import type { EncodedBatch } from './batch-codec.js';
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

/** What every searcher of one check's partitions is told: the model, the condition and the budget. */
export interface PartitionCheckSettings {
  readonly model: ModelRecipe;
  readonly consistency: Consistency;
  readonly totalPartitions: number;
  readonly stopAtFirstInvalid: boolean;
  /** Date.now() at which time is up, or null. */
  readonly deadline: number | null;
  readonly maxConfigurations: number;
  readonly maxBytes: number;
}

export type ToWorker =
  | (PartitionCheckSettings & {
      readonly type: 'check';
      readonly shared: SharedArrayBuffer;
      readonly slot: number;
    })
  | { readonly type: 'batch'; readonly batch: EncodedBatch }
  | { readonly type: 'check-done' };

export type FromWorker =
  | { readonly type: 'batch-done'; readonly finished: readonly EncodedFinished[]; readonly configurations: number }
  | { readonly type: 'error'; readonly message: string };

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
