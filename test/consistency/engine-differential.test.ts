import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
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
