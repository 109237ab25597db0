/**
 * The prefix summary's refutations are proofs: whenever it says H|C is invalid, the brute-force
 * oracle agrees (on small random histories, where the summary is forced; in the explainer it is
 * used only on long ones). And it does refute often, or it would be useless.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreHistory } from '../../consistency/explain/minimal-core.js';
import { refutedFromSummary, summarisePrefix } from '../../consistency/explain/prefix-summary.js';
import { weakenOutside } from '../../consistency/explain/weaken.js';
import { bruteForceConsistent } from '../consistency/brute-force.js';
import { historyArbitrary } from '../consistency/random-histories.js';
import { workloads } from '../consistency/workloads.js';
import { kvModel } from '../../consistency/models/index.js';
import type { Operation } from '../../consistency/model.js';

describe('refutation by prefix summary', () => {
  for (const name of ['register', 'cas-register', 'mutex'] as const) {
    const { model, workload } = workloads[name];
    it(`${name}: never refutes a weakened history that some choice makes valid`, () => {
      let refuted = 0;
      fc.assert(
        fc.property(historyArbitrary(workload, 10), fc.array(fc.nat(2), { minLength: 10, maxLength: 10 }), (history, coin) => {
          const live = history.filter((op) => op.status !== 'fail');
          const summary = summarisePrefix(live, model);
          if (!summary) return;
          const kept = new Set(live.filter((_, i) => coin[i] === 0));
          const weakened = coreHistory(live, kept, 'linearizable');
          if (refutedFromSummary(weakened, model, 'linearizable', summary, 5_000)) {
            refuted++;
            expect(bruteForceConsistent(weakenOutside(history, new Set([...kept].map((op) => op.id))), model, 'linearizable')).toBe(false);
          }
        }),
        { numRuns: 1500, seed: 99 },
      );
      expect(refuted).toBeGreaterThan(10);
    });
  }
});

describe('refutation by prefix summary of a model with a partitioning', () => {
  it("searches the suffix from the summarised whole state, not from each key's own initial state", () => {
    // A put of x before t0 (summarised), then a get of x that reads it: the get is legal.
    const op = (id: number, input: object, output: unknown, call: number, ret: number): Operation<unknown, unknown> => ({ id, process: id, input, output, status: 'ok', call, return: ret });
    const history = [op(0, { f: 'put', key: 'x', value: '1' }, null, 0, 1), op(1, { f: 'get', key: 'x' }, '1', 2, 3)];
    const model = kvModel();
    const summary = summarisePrefix(history, model);
    if (!summary) throw new Error('the closure of two operations is small');
    const weakened = coreHistory(history, new Set([history[1]]), 'linearizable');
    expect(refutedFromSummary(weakened, model, 'linearizable', summary, 5_000)).toBe(false);
  });
});
