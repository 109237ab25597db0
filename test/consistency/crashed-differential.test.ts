/**
 * The engine against the brute-force enumerator on histories with many crashed operations: a
 * random share of the completed operations of each random history is turned into crashed ones
 * (status info, output unknown, no return), which exercises the families, the just-in-time
 * placement and the dominance rule of the linearizability search.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchBudget } from '../../consistency/engine/budget.js';
import { searchLinearization } from '../../consistency/engine/linearizability.js';
import { UNKNOWN } from '../../consistency/model.js';
import type { Operation } from '../../consistency/model.js';
import { bruteForceConsistent } from './brute-force.js';
import { historyArbitrary } from './random-histories.js';
import { workloads } from './workloads.js';

function crashier<I, O>(history: readonly Operation<I, O>[], crash: readonly boolean[]): Operation<I, O>[] {
  return history.map((op, i) => (op.status === 'ok' && crash[i % crash.length] ? { ...op, status: 'info', output: UNKNOWN, return: Infinity } : op));
}

describe('with many crashed operations, the linearizability search agrees with brute force', () => {
  for (const [name, { model, workload }] of Object.entries(workloads)) {
    // The brute force is slow on queues with many crashed operations, hence fewer runs there.
    const runs = name === 'fifo-queue' || name === 'vec' ? 400 : 1500;
    it(`${name}: ${runs} histories with both verdicts`, () => {
      const verdicts = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(historyArbitrary(workload), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (raw, crash) => {
          const history = crashier(raw, crash);
          const expected = bruteForceConsistent(history, model, 'linearizable');
          const outcome = searchLinearization(history.filter((op) => op.status !== 'fail'), model, new SearchBudget(Infinity, Infinity))(Infinity);
          expect(outcome.kind).toBe(expected ? 'valid' : 'invalid');
          verdicts[expected ? 'valid' : 'invalid']++;
        }),
        { numRuns: runs, seed: 11 },
      );
      expect(verdicts.valid).toBeGreaterThan(runs / 15);
      expect(verdicts.invalid).toBeGreaterThan(runs / 40);
    });
  }
});
