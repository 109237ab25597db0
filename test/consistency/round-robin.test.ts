/**
 * The verdict rule workers rely on (round-robin.ts): the finished partitions, in whatever order
 * they arrive, give the verdict one thread reaches, walking them by (round, index).
 */
import { describe, expect, it } from 'vitest';
import { SearchBudget } from '../../consistency/engine/budget.js';
import { assembleVerdict, searchRoundRobin } from '../../consistency/engine/round-robin.js';
import type { FinalOutcome, FinishedPartition, PartitionJob } from '../../consistency/engine/round-robin.js';
import type { Operation, SequentialModel } from '../../consistency/model.js';
import { registerModel } from '../../consistency/models/index.js';

const op = (id: number): Operation<string, string> => ({ id, process: id, input: 'read', output: 'x', status: 'ok', call: 2 * id, return: 2 * id + 1 });
const partitions: PartitionJob<string, string>[] = ['a', 'b', 'c'].map((key, index) => ({ index, key, ops: [op(index)] }));
const invalid = (index: number): FinalOutcome<Operation<string, string>> => ({ kind: 'invalid', op: partitions[index].ops[0], longestPrefix: [] });
const valid = (index: number): FinalOutcome<Operation<string, string>> => ({ kind: 'valid', order: partitions[index].ops });
const stats = { configurations: 0, partitions: 3, elapsedMs: 0 };
const finish = (index: number, round: number, outcome: FinalOutcome<Operation<string, string>>): FinishedPartition<Operation<string, string>> => ({ index, round, outcome });

describe('assembleVerdict', () => {
  it('reports the invalid partition finished in the earliest round, whatever the arrival order', () => {
    const arrivals = [finish(0, 3, invalid(0)), finish(2, 1, invalid(2)), finish(1, 0, valid(1))];
    for (const order of [arrivals, [...arrivals].reverse()]) {
      const result = assembleVerdict(partitions, order, 'linearizable', true, stats);
      expect(result.valid === false && result.key).toBe('c');
      // One thread stopped at c (round 1): a (round 3) was never finished.
      expect(result.partitions.map((p) => p.key)).toEqual(['b', 'c']);
    }
  });

  it('breaks ties within a round by partition order', () => {
    const result = assembleVerdict(partitions, [finish(2, 1, invalid(2)), finish(1, 1, invalid(1)), finish(0, 0, valid(0))], 'linearizable', true, stats);
    expect(result.valid === false && result.key).toBe('b');
  });

  it('without stopping at the first invalid partition, reports every one and the first by partition order', () => {
    const result = assembleVerdict(partitions, [finish(2, 0, invalid(2)), finish(1, 2, invalid(1)), finish(0, 0, valid(0))], 'linearizable', false, stats);
    expect(result.valid === false && result.key).toBe('b');
    expect(result.partitions.map((p) => p.valid)).toEqual([true, false, false]);
  });

  it('an unknown partition ends the walk where one thread would have stopped', () => {
    const result = assembleVerdict(partitions, [finish(2, 2, invalid(2)), finish(1, 1, { kind: 'unknown', reason: 'memory' }), finish(0, 0, valid(0))], 'linearizable', false, stats);
    expect(result.valid).toBe('unknown');
    expect(result.partitions.map((p) => p.key)).toEqual(['a', 'b']);
  });
});

describe('searchRoundRobin and memory', () => {
  const register = registerModel(0);
  const write = (id: number, value: number, at: number): Operation<unknown, unknown> => ({ id, process: id, input: { f: 'write', value }, output: null, status: 'ok', call: at, return: at + 1 });
  const read = (id: number, value: number, at: number): Operation<unknown, unknown> => ({ id, process: id, input: { f: 'read' }, output: value, status: 'ok', call: at, return: at + 1 });
  const jobs: PartitionJob<unknown, unknown>[] = Array.from({ length: 5 }, (_, index) => ({ index, key: index, ops: [write(0, index, 0), read(1, index, 2), write(2, 9, 4), read(3, 9, 6)] }));

  it('counts only the partitions still pending against the byte bound: a finished search is untracked', () => {
    const budget = new SearchBudget(Infinity, Infinity);
    const trackedWhenFinished: number[] = [];
    searchRoundRobin(jobs, register as SequentialModel<unknown, unknown, unknown>, 'linearizable', budget, {
      totalPartitions: jobs.length,
      onFinished: (finished) => {
        expect(finished.outcome.kind).toBe('valid');
        trackedWhenFinished.push(budget.trackedBytes());
        return true;
      },
    });
    // Searches are made as they are first resumed and dropped as they finish: nothing is left.
    expect(trackedWhenFinished).toEqual([0, 0, 0, 0, 0]);
    expect(budget.trackedBytes()).toBe(0);
  });
});
