/**
 * The growth lookahead (consistency/engine/lookahead.ts) against the brute-force oracle, on
 * histories where it cuts most: appends to one key read back whole (stale reads among them),
 * with puts and negative adds that shrink the state, crashed operations and weakened ones.
 * Besides the verdict, the failing operation must be the one the search reports without the
 * rule (the lookahead never looks past the frontier already seen).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { weakenOutside } from '../../consistency/explain/weaken.js';
import type { AnyModel, Operation } from '../../consistency/model.js';
import { counterModel, kvModel } from '../../consistency/models/index.js';
import { bruteForceConsistent } from './brute-force.js';
import { historyArbitrary, type OpSpec, type Workload } from './random-histories.js';

/** The same model with no growth order: every search of it runs without the lookahead. */
function withoutGrowth(model: AnyModel): AnyModel {
  const partitioning = model.partitioning && { ...model.partitioning, model: { ...model.partitioning.model, growth: undefined } };
  return { ...model, growth: undefined, partitioning };
}

const stale = ['', 'a', 'b', 'ab', 'ba', 'aa', 'aab', 'aba', 'abb'];
const appends: Workload<unknown> = {
  init: '',
  op: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', 'b').map((v): OpSpec<unknown> => ({ input: { f: 'append', key: 'k', value: v }, run: (s) => ({ output: null, next: `${s as string}${v}` }), wrong: null })) },
    { weight: 1, arbitrary: fc.constantFrom('', 'b').map((v): OpSpec<unknown> => ({ input: { f: 'put', key: 'k', value: v }, run: () => ({ output: null, next: v }), wrong: null })) },
    { weight: 4, arbitrary: fc.constantFrom(...stale).map((w): OpSpec<unknown> => ({ input: { f: 'get', key: 'k' }, run: (s) => ({ output: s, next: s }), wrong: w })) },
  ),
};
const adds: Workload<unknown> = {
  init: 0,
  op: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(1, 2, 0).map((v): OpSpec<unknown> => ({ input: { f: 'add', value: v }, run: (s) => ({ output: null, next: (s as number) + v }), wrong: null })) },
    { weight: 1, arbitrary: fc.constant(-2).map((v): OpSpec<unknown> => ({ input: { f: 'add', value: v }, run: (s) => ({ output: null, next: (s as number) + v }), wrong: null })) },
    { weight: 4, arbitrary: fc.nat(4).map((w): OpSpec<unknown> => ({ input: { f: 'read' }, run: (s) => ({ output: s, next: s }), wrong: w })) },
  ),
};

const cases = [
  { name: 'kv appends, puts and gets on one key', model: kvModel() as AnyModel, workload: appends, minCut: 40 },
  { name: 'counter adds (some negative) and reads', model: counterModel() as AnyModel, workload: adds, minCut: 8 },
];

describe('growth lookahead: verdicts and failing operations as brute force and the plain search give them', () => {
  for (const { name, model, workload, minCut } of cases) {
    const plain = withoutGrowth(model);
    it(`${name}: 1,500 histories of up to 10 operations, some weakened`, () => {
      const tally = { valid: 0, invalid: 0, cut: 0 };
      fc.assert(
        fc.property(historyArbitrary(workload, 10), fc.array(fc.nat(3), { minLength: 10, maxLength: 10 }), (recorded, coin) => {
          // A quarter of the completed operations weakened (may take effect within their interval, or never).
          const kept = new Set(recorded.filter((op, i) => coin[i] !== 0).map((op) => op.id));
          const history: Operation<unknown, unknown>[] = weakenOutside(recorded, kept);
          const expected = bruteForceConsistent(history, model, 'linearizable');
          const withRule = checkHistory(history, model, 'linearizable');
          const without = checkHistory(history, plain, 'linearizable');
          expect(withRule.valid).toBe(expected);
          expect(without.valid).toBe(expected);
          if (withRule.valid === false && without.valid === false) expect(withRule.op.id).toBe(without.op.id);
          tally[expected ? 'valid' : 'invalid']++;
          if (withRule.stats.configurations < without.stats.configurations) tally.cut++;
        }),
        { numRuns: 1500, seed: 28 },
      );
      expect(tally.valid).toBeGreaterThan(150);
      expect(tally.invalid).toBeGreaterThan(150);
      // The rule must actually cut on a good share of them, or the agreement says little.
      expect(tally.cut).toBeGreaterThan(minCut);
    });
  }
});
