import type { CheckOptions, CheckResult, Consistency } from '../check-result.js';
import type { Operation, SequentialModel } from '../model.js';
import { defaultMaxMemoryBytes, SearchBudget } from './budget.js';
import { assembleVerdict, isStoppingEvent, searchRoundRobin } from './round-robin.js';
import type { FinishedPartition, PartitionJob } from './round-robin.js';

/** The default bound on memoised configurations, over all partitions of a check. */
export const DEFAULT_MAX_CONFIGURATIONS = 20_000_000;

type Key = string | number | null;

/** Is the history linearizable with respect to the model? */
export function checkLinearizability<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  options: CheckOptions = {},
): CheckResult<I, O> {
  return checkHistory(history, model, 'linearizable', options);
}

/** Is the history sequentially consistent (program order kept, real time ignored)? */
export function checkSequentialConsistency<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  options: CheckOptions = {},
): CheckResult<I, O> {
  return checkHistory(history, model, 'sequential', options);
}

/**
 * Checks each partition on its own. Partitions are searched round-robin (round-robin.ts), each resuming where
 * it stopped with a growing allowance, so a quickly refuted partition is found before an
 * expensive one is finished (the history is invalid as soon as one partition is).
 *
 * A model's `partitionKey` is used only under linearizability, which is local (Herlihy & Wing:
 * a history is linearizable iff each object's sub-history is). Sequential consistency is not
 * local: two processes that each write one key and then read the other's initial value are
 * sequentially consistent key by key, but no single order of all four operations exists. So a
 * sequential-consistency check searches the whole history as one object. (`--independent`
 * histories are split by the caller, who states that the keys are independent objects.)
 */
export function checkHistory<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  options: CheckOptions = {},
): CheckResult<I, O> {
  const started = performance.now();
  const partitions = partitionHistory(history, model, consistency);
  const finished: FinishedPartition<Operation<I, O>>[] = [];
  const budget = new SearchBudget(
    options.timeoutMs === undefined ? Infinity : started + options.timeoutMs,
    options.maxConfigurations ?? DEFAULT_MAX_CONFIGURATIONS,
    () =>
      options.onProgress?.({
        partitionsDone: finished.length,
        partitions: partitions.length,
        configurations: budget.configurations,
        elapsedMs: performance.now() - started,
      }),
    options.maxMemoryBytes ?? defaultMaxMemoryBytes(),
  );
  const stopAtFirstInvalid = options.stopAtFirstInvalid ?? true;
  searchRoundRobin(partitions, model, consistency, budget, {
    totalPartitions: partitions.length,
    onFinished: (done) => {
      finished.push(done);
      return !isStoppingEvent(done.outcome, stopAtFirstInvalid);
    },
  });
  const stats = { configurations: budget.configurations, partitions: partitions.length, elapsedMs: performance.now() - started };
  return assembleVerdict(partitions, finished, consistency, stopAtFirstInvalid, stats);
}

/**
 * The partitions a check searches, in the order of their first operation: failed operations
 * dropped, and split by the model's `partitionKey` only when that is sound (see checkHistory).
 */
export function partitionHistory<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
): PartitionJob<I, O>[] {
  const live = history.filter((op) => op.status !== 'fail');
  if (!model.partitionKey || !(isLocal(consistency) || model.partitionsAreIndependent)) return [{ index: 0, key: null, ops: live }];
  const groups = new Map<Key, Operation<I, O>[]>();
  for (const op of live) {
    const key = model.partitionKey(op.input);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(op);
  }
  return [...groups].map(([key, ops], index) => ({ index, key, ops }));
}

/** Is the condition local, so that a partitioned model may be checked key by key? */
export function isLocal(consistency: Consistency): boolean {
  return consistency === 'linearizable';
}
