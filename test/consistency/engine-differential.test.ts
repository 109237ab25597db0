import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { weakenOutside } from '../../consistency/explain/weaken.js';
import { bruteForceConsistent } from './brute-force.js';
import { historyArbitrary } from './random-histories.js';
import { workloads } from './workloads.js';

describe('the engine agrees with a brute-force enumerator on small random histories', () => {
  for (const [name, { model, workload }] of Object.entries(workloads)) {
    for (const consistency of ['linearizable', 'sequential'] as const) {
      it(`${name}, ${consistency}: 2,000 histories with both verdicts`, () => {
        const verdicts = { valid: 0, invalid: 0 };
        fc.assert(
          fc.property(historyArbitrary(workload), (history) => {
            const expected = bruteForceConsistent(history, model, consistency);
            const result = checkHistory(history, model, consistency);
            expect(result.valid).toBe(expected);
            verdicts[expected ? 'valid' : 'invalid']++;
          }),
          { numRuns: 2000, seed: 20261126 },
        );
        expect(verdicts.valid).toBeGreaterThan(100);
        expect(verdicts.invalid).toBeGreaterThan(100);
      });
    }
  }
});

describe('the engine agrees with brute force on histories with optional (weakened) operations', () => {
  // Each completed op is weakened with probability 1/3: it may then take effect once within its
  // interval or never, with any output. This exercises liveness, the dead-op memo key, the
  // no-op pruning and twins with finite intervals.
  for (const [name, { model, workload }] of Object.entries(workloads)) {
    for (const consistency of ['linearizable', 'sequential'] as const) {
      it(`${name}, ${consistency}: 1,500 histories`, () => {
        const verdicts = { valid: 0, invalid: 0 };
        fc.assert(
          fc.property(historyArbitrary(workload), fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }), (history, coin) => {
            const kept = new Set(history.filter((op, i) => coin[i % coin.length] !== 0).map((op) => op.id));
            const weakened = weakenOutside(history, kept);
            const expected = bruteForceConsistent(weakened, model, consistency);
            const result = checkHistory(weakened, model, consistency);
            expect(result.valid).toBe(expected);
            verdicts[expected ? 'valid' : 'invalid']++;
          }),
          { numRuns: 1500, seed: 20261127 },
        );
        expect(verdicts.valid).toBeGreaterThan(100);
        expect(verdicts.invalid).toBeGreaterThan(50);
      });
    }
  }
});

describe('longer histories, mostly weakened (the dead-op memo key matters only here)', () => {
  for (const name of ['register', 'cas-register'] as const) {
    const { model, workload } = workloads[name];
    it(`${name}, linearizable: 3,000 histories of up to 12 ops`, () => {
      const verdicts = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(historyArbitrary(workload, 12), fc.array(fc.nat(1), { minLength: 12, maxLength: 12 }), (history, coin) => {
          const kept = new Set(history.filter((op, i) => coin[i % coin.length] === 0).map((op) => op.id));
          const weakened = weakenOutside(history, kept);
          const expected = bruteForceConsistent(weakened, model, 'linearizable');
          expect(checkHistory(weakened, model, 'linearizable').valid).toBe(expected);
          verdicts[expected ? 'valid' : 'invalid']++;
        }),
        { numRuns: 3000, seed: 7 },
      );
      expect(verdicts.invalid).toBeGreaterThan(200);
    });
  }
});
