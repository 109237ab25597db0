/**
 * Searching one batch of partitions, as every thread of a parallel check does it (the workers,
 * and the coordinating thread between its other duties): the one-thread schedule
 * (round-robin.ts), abandoning partitions past the shared round cap, and lowering the cap at a
 * stopping event. Internal.
 */
import type { SearchBudget } from '../consistency/engine/budget.js';
import { isStoppingEvent, searchRoundRobin } from '../consistency/engine/round-robin.js';
import type { FinishedPartition, PartitionJob } from '../consistency/engine/round-robin.js';
import type { Consistency } from '../consistency/check-result.js';
import type { Operation, SequentialModel } from '../consistency/model.js';
import { ROUND_CAP } from './partition-protocol.js';

export interface BatchSettings {
  readonly consistency: Consistency;
  readonly totalPartitions: number;
  readonly stopAtFirstInvalid: boolean;
  /** The check's shared slots (partition-protocol.ts), the round cap among them. */
  readonly shared: Int32Array;
}

export function searchBatch<S, I, O>(
  jobs: readonly PartitionJob<I, O>[],
  model: SequentialModel<S, I, O>,
  settings: BatchSettings,
  budget: SearchBudget,
): FinishedPartition<Operation<I, O>>[] {
  const { shared } = settings;
  const finished: FinishedPartition<Operation<I, O>>[] = [];
  searchRoundRobin(jobs, model, settings.consistency, budget, {
    totalPartitions: settings.totalPartitions,
    roundCap: () => Atomics.load(shared, ROUND_CAP),
    onFinished: (done) => {
      finished.push(done);
      if (isStoppingEvent(done.outcome, settings.stopAtFirstInvalid)) lowerRoundCap(shared, done.round);
      return true;
    },
  });
  return finished;
}

/** The cap only ever falls (compare-and-swap, as several threads may lower it at once). */
function lowerRoundCap(shared: Int32Array, round: number): void {
  for (let cap = Atomics.load(shared, ROUND_CAP); round < cap; cap = Atomics.load(shared, ROUND_CAP)) {
    if (Atomics.compareExchange(shared, ROUND_CAP, cap, round) === cap) return;
  }
}
