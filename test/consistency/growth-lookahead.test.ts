/**
 * The growth lookahead (consistency/engine/lookahead.ts) against the brute-force oracle, on
 * histories where it cuts most: appends to one key read back whole (stale reads among them),
 * with puts, compare-and-sets and negative adds that shrink the state, crashed operations and weakened ones.
 * Besides the verdict, the failing operation must be the one the search reports without the
 * rule (the lookahead never looks past the frontier already seen).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { weakenOutside } from '../../consistency/explain/weaken.js';
import type { AnyModel, Operation } from '../../consistency/model.js';
import { counterModel, kvModel, kvStoreModel } from '../../consistency/models/index.js';
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
    { weight: 2, arbitrary: fc.constantFrom('', 'b', 'ab').map((v): OpSpec<unknown> => ({ input: { f: 'put', key: 'k', value: v }, run: () => ({ output: null, next: v }), wrong: null })) },
    { weight: 4, arbitrary: fc.constantFrom(...stale).map((w): OpSpec<unknown> => ({ input: { f: 'get', key: 'k' }, run: (s) => ({ output: s, next: s }), wrong: w })) },
    // A swapping cas replaces the value, as a put does.
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom('', 'a', 'ab'), fc.constantFrom('b', 'ba')).map(
        ([from, to]): OpSpec<unknown> => ({ input: { f: 'cas', key: 'k', from, to }, run: (s) => (s === from ? { output: true, next: to } : { output: false, next: s }), wrong: from === 'a' }),
      ),
    },
  ),
};
/** Two keys in one state (the whole-store form), where a put of one key leaves the other's growth alone. */
type Store = { readonly [key: string]: string };
const twoKeys: Workload<unknown> = {
  init: {},
  op: fc.constantFrom('x', 'y').chain((key) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('a', 'b').map((v): OpSpec<unknown> => ({ input: { f: 'append', key, value: v }, run: (s) => ({ output: null, next: { ...(s as Store), [key]: ((s as Store)[key] ?? '') + v } }), wrong: null })) },
      { weight: 2, arbitrary: fc.constantFrom('', 'b', 'ab').map((v): OpSpec<unknown> => ({ input: { f: 'put', key, value: v }, run: (s) => ({ output: null, next: { ...(s as Store), [key]: v } }), wrong: null })) },
      { weight: 4, arbitrary: fc.constantFrom(...stale).map((w): OpSpec<unknown> => ({ input: { f: 'get', key }, run: (s) => ({ output: (s as Store)[key] ?? '', next: s }), wrong: w })) },
    ),
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
  { name: 'kv appends, puts, cas and gets on one key', model: kvModel() as AnyModel, workload: appends, minCut: 40 },
  { name: 'counter adds (some negative) and reads', model: counterModel() as AnyModel, workload: adds, minCut: 8 },
  { name: 'kv as one store, two keys', model: kvStoreModel() as AnyModel, workload: twoKeys, minCut: 8 },
];

describe('growth lookahead: verdicts and failing operations as brute force and the plain search give them', () => {
  for (const { name, model, workload, minCut } of cases) {
    const plain = withoutGrowth(model);
    it(`${name}: 1,500 histories of up to 12 operations, some weakened`, () => {
      const tally = { valid: 0, invalid: 0, cut: 0 };
      fc.assert(
        fc.property(historyArbitrary(workload, 12), fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }), (recorded, coin) => {
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

describe('growth lookahead: a put invoked after the first return left', () => {
  // Searched in list order, the branch that appends "z" first passes the get of "p" and dies at the
  // get of "pz" (so the lookahead may look as far as that get); the branch that appends "y" first
  // then stands before the put's call, in state "y", where only the put can lead to the get of "p".
  const op = (id: number, input: object, output: string | null, call: number, ret: number): Operation<unknown, unknown> => ({ id, process: id, input, output, status: 'ok', call, return: ret });
  const history = [
    op(0, { f: 'append', key: 'k', value: 'z' }, null, 0, 20),
    op(1, { f: 'append', key: 'k', value: 'y' }, null, 1, 2),
    op(2, { f: 'append', key: 'k', value: 'w' }, null, 1.5, 2.5),
    op(3, { f: 'put', key: 'k', value: 'p' }, null, 3, 4),
    op(4, { f: 'get', key: 'k' }, 'p', 5, 6),
    op(5, { f: 'get', key: 'k' }, 'pz', 21, 22),
  ];
  it('is a state the coming get may grow from', () => {
    expect(bruteForceConsistent(history, kvModel(), 'linearizable')).toBe(true);
    expect(checkHistory(history, kvModel(), 'linearizable').valid).toBe(true);
  });
});
