/**
 * Where a check splits a history by key, and which model searches the parts: one rule, applied
 * by every search of a partition (one thread, workers, explanations, reports).
 */
import type { Consistency } from '../check-result.js';
import type { Operation, Partitioning, SequentialModel } from '../model.js';
import type { PartitionJob, PartitionKey } from './round-robin.js';

/**
 * The partitions a check searches, in the order of their first operation: failed operations
 * dropped, and split by the model's `partitioning` only when that is sound (see checkHistory in check.ts).
 * They are searched with `searchModel(model, consistency)`, which follows the same rule.
 */
export function partitionHistory<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
): PartitionJob<I, O>[] {
  const live = history.filter((op) => op.status !== 'fail');
  const partitioning = splitBy(model, consistency);
  if (partitioning === null) return [{ index: 0, key: null, ops: live }];
  const groups = new Map<PartitionKey, Operation<I, O>[]>();
  for (const op of live) {
    const key = partitioning.key(op.input);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(op);
  }
  return [...groups].map(([key, ops], index) => ({ index, key, ops }));
}

/**
 * The model that searches each partition of `partitionHistory(history, model, consistency)`:
 * the per-partition form exactly when that split the history by key (each partition then holds
 * one key's operations), the model itself otherwise. Every search of a partition (one thread,
 * workers, explanations) takes its model from here, so a per-partition state never meets a
 * history of several keys.
 */
export function searchModel<S, I, O>(model: SequentialModel<S, I, O>, consistency: Consistency): SequentialModel<unknown, I, O> {
  return splitBy(model, consistency)?.model ?? model;
}

/** The key a check under `consistency` splits the history by, or null when it searches it whole. */
export function splitKey<S, I, O>(model: SequentialModel<S, I, O>, consistency: Consistency): ((input: I) => string | number) | null {
  const partitioning = splitBy(model, consistency);
  return partitioning && ((input) => partitioning.key(input));
}

/** The model's partitioning when a check under `consistency` splits by it, else null. */
function splitBy<S, I, O>(model: SequentialModel<S, I, O>, consistency: Consistency): Partitioning<I, O> | null {
  const partitioning = model.partitioning;
  return partitioning && (isLocal(consistency) || partitioning.independent === true) ? partitioning : null;
}

/** Is the condition local, so that a partitioned model may be checked key by key? */
export function isLocal(consistency: Consistency): boolean {
  return consistency === 'linearizable';
}
