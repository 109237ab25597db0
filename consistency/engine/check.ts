import type { CheckOptions, CheckResult, Consistency } from '../check-result.js';
import type { Operation, SequentialModel } from '../model.js';
import { defaultMaxMemoryBytes, SearchBudget } from './budget.js';
import { assembleVerdict, isStoppingEvent, searchRoundRobin } from './round-robin.js';
import type { FinishedPartition } from './round-robin.js';
import { partitionHistory } from './partition.js';

export { partitionHistory, searchModel, isLocal } from './partition.js';

/** The default bound on memoised configurations, over all partitions of a check. */
export const DEFAULT_MAX_CONFIGURATIONS = 20_000_000;

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
 * A model's `partitioning` is used only under linearizability, which is local (Herlihy & Wing:
 * a history is linearizable iff each object's sub-history is). Sequential consistency is not
 * local: two processes that each write one key and then read the other's initial value are
 * sequentially consistent key by key, but no single order of all four operations exists. So a
 * sequential-consistency check searches the whole history as one object, with the model's
 * whole-state form. (`--independent` histories are split under every condition: the user states
 * that the keys are independent objects.)
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
