/**
 * Cores by weakening, against a brute-force oracle written for the test: on random small invalid
 * histories the core C is sound (H weakened outside C is invalid: every choice of effect or no
 * effect for the other operations, in every order, fails) and 1-minimal (weakening any one more
 * operation of C makes some choice work).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { minimizeHistory, quickXplain } from '../../consistency/explain/index.js';
import { weakenOutside } from '../../consistency/explain/weaken.js';
import { bruteForceConsistent } from '../consistency/brute-force.js';
import { historyArbitrary } from '../consistency/random-histories.js';
import { workloads } from '../consistency/workloads.js';

describe('quickXplain', () => {
  it('finds a minimal failing subset of a monotone test (every minimal set that fails is a "needed" set)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.nat(40), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 41, max: 120 }),
        (neededSets, n) => {
          // Fails iff the subset contains one of the needed sets: monotone, with those as its minimal failing sets.
          const fails = (s: readonly number[]) => neededSets.some((needed) => needed.every((k) => s.includes(k)));
          const items = Array.from({ length: n }, (_, i) => i);
          const core = quickXplain(items, fails);
          expect(fails(core)).toBe(true);
          for (const k of core) expect(fails(core.filter((j) => j !== k))).toBe(false);
        },
      ),
    );
  });

  it('still returns a failing set when some checks give up (answered as "does not fail")', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(30), { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), (needed, flaky) => {
        let call = 0;
        const fails = (s: readonly number[]) => needed.every((k) => s.includes(k)) && !flaky[call++ % flaky.length];
        const core = quickXplain(Array.from({ length: 31 }, (_, i) => i), fails);
        expect(needed.every((k) => core.includes(k))).toBe(true);
      }),
    );
  });
});

describe.each(['linearizable', 'sequential'] as const)('cores by weakening (%s), checked by brute force', (consistency) => {
  for (const name of ['register', 'cas-register', 'fifo-queue', 'mutex'] as const) {
    const { model, workload } = workloads[name];
    it(`${name}: 2,000 invalid histories, each core sound and 1-minimal`, () => {
      let sizes = 0;
      fc.assert(
        fc.property(
          historyArbitrary(workload).filter((h) => !bruteForceConsistent(h, model, consistency)),
          (history) => {
            const result = checkHistory(history, model, consistency);
            expect(result.valid).toBe(false);
            if (result.valid !== false) return;
            const core = minimizeHistory(history, model, consistency, result.op, { timeoutMs: 10_000 });
            expect(core.cutShort).toBeNull();
            const kept = new Set(core.ids);
            expect(bruteForceConsistent(weakenOutside(history, kept), model, consistency), 'H|C must be invalid').toBe(false);
            for (const id of core.ids) {
              const fewer = new Set([...kept].filter((k) => k !== id));
              expect(bruteForceConsistent(weakenOutside(history, fewer), model, consistency), `weakening #${id} too must make it valid`).toBe(true);
            }
            sizes += core.ids.length;
          },
        ),
        { numRuns: 2000, seed: 1126 },
      );
      expect(sizes).toBeGreaterThanOrEqual(2000);
    });
  }
});
