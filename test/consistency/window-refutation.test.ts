/**
 * Quick refutation on relaxed windows (window-refutation.ts) is sound: whenever it refutes the
 * history up to an operation's return, brute force finds that prefix (and so the history) not
 * linearizable. Narrow windows are forced so that the relaxations are exercised on small
 * histories.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchBudget } from '../../consistency/engine/budget.js';
import { reachableStates } from '../../consistency/engine/impossible-ops.js';
import { refuteBefore } from '../../consistency/engine/window-refutation.js';
import { UNKNOWN } from '../../consistency/model.js';
import type { Operation } from '../../consistency/model.js';
import type { Value } from '../../consistency/value.js';
import { bruteForceConsistent } from './brute-force.js';
import { historyArbitrary } from './random-histories.js';
import { workloads } from './workloads.js';

/** The history up to `x`'s return: later calls dropped, operations still pending then crashed. */
function prefixUpTo<I, O>(history: readonly Operation<I, O>[], x: Operation<I, O>): Operation<I, O>[] {
  return history
    .filter((op) => op.status !== 'fail' && op.call <= x.return)
    .map((op) => (op === x || op.status === 'info' || op.return < x.return ? op : { ...op, status: 'info', output: op.output, return: Infinity }));
}

describe('window refutation agrees with brute force', () => {
  for (const name of ['register', 'cas-register'] as const) {
    const { model, workload } = workloads[name];
    it(`${name}: every refuted prefix is not linearizable, and some are refuted`, () => {
      let refuted = 0;
      fc.assert(
        fc.property(historyArbitrary(workload, 12), fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), (raw, crash) => {
          const history = raw.map((op, i): Operation<unknown, Value> => (op.status === 'ok' && crash[i % crash.length] && i % 3 === 0 ? { ...op, status: 'info', output: UNKNOWN, return: Infinity } : op));
          const live = history.filter((op) => op.status !== 'fail');
          const states = reachableStates(live, model);
          for (const x of live) {
            if (x.status !== 'ok') continue;
            if (!refuteBefore(live, model, x, states, new SearchBudget(Infinity, Infinity), 10_000, [2, 4, 8, Infinity])) continue;
            refuted++;
            expect(bruteForceConsistent(prefixUpTo(live, x), model, 'linearizable')).toBe(false);
          }
        }),
        { numRuns: 1500, seed: 3 },
      );
      expect(refuted).toBeGreaterThan(100);
    });
  }
});
