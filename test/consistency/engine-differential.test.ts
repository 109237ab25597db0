import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { weakenOutside } from '../../consistency/explain/weaken.js';
import { bruteForceConsistent } from './brute-force.js';
import { historyArbitrary } from './random-histories.js';
import { workloads } from './workloads.js';
import type { AnyModel, Operation } from '../../consistency/model.js';

/** The engine's verdict equals the oracle's; the verdict is tallied so each test can assert its mix. */
function expectAgreement(
  history: readonly Operation<unknown, unknown>[],
  model: AnyModel,
  consistency: 'linearizable' | 'sequential',
  verdicts: { valid: number; invalid: number },
): void {
  const expected = bruteForceConsistent(history, model, consistency);
  expect(checkHistory(history, model, consistency).valid).toBe(expected);
  verdicts[expected ? 'valid' : 'invalid']++;
}

describe('the engine agrees with a brute-force enumerator on small random histories', () => {
  for (const [name, { model, workload }] of Object.entries(workloads)) {
    for (const consistency of ['linearizable', 'sequential'] as const) {
      it(`${name}, ${consistency}: 2,000 histories with both verdicts`, () => {
        const verdicts = { valid: 0, invalid: 0 };
        fc.assert(
          fc.property(historyArbitrary(workload), (history) => expectAgreement(history, model, consistency, verdicts)),
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
  // interval or never, with any output. This exercises liveness, dead ops, the no-op pruning
  // and twins with finite intervals.
  for (const [name, { model, workload }] of Object.entries(workloads)) {
    for (const consistency of ['linearizable', 'sequential'] as const) {
      it(`${name}, ${consistency}: 1,500 histories`, () => {
        const verdicts = { valid: 0, invalid: 0 };
        fc.assert(
          fc.property(historyArbitrary(workload), fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }), (history, coin) => {
            const kept = new Set(history.filter((op, i) => coin[i % coin.length] !== 0).map((op) => op.id));
            expectAgreement(weakenOutside(history, kept), model, consistency, verdicts);
          }),
          { numRuns: 1500, seed: 20261127 },
        );
        expect(verdicts.valid).toBeGreaterThan(100);
        expect(verdicts.invalid).toBeGreaterThan(50);
      });
    }
  }
});

describe('longer histories, mostly weakened (dead optional ops, and their cleared memo-key bits, matter only here)', () => {
  for (const name of ['register', 'cas-register'] as const) {
    const { model, workload } = workloads[name];
    it(`${name}, linearizable: 3,000 histories of up to 12 ops`, () => {
      const verdicts = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(historyArbitrary(workload, 12), fc.array(fc.nat(1), { minLength: 12, maxLength: 12 }), (history, coin) => {
          const kept = new Set(history.filter((op, i) => coin[i % coin.length] === 0).map((op) => op.id));
          expectAgreement(weakenOutside(history, kept), model, 'linearizable', verdicts);
        }),
        { numRuns: 3000, seed: 7 },
      );
      expect(verdicts.invalid).toBeGreaterThan(200);
    });
  }
});
