/** One thread's fact table against a Map of the same keys (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalFacts } from '../../src/checker/shared-facts.js';

describe('LocalFacts', () => {
  it('returns the union of the bits added under each 64-bit key, through growth', () => {
    const key = fc.oneof(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })), fc.tuple(fc.integer(), fc.integer()));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: 0, max: 63 })), { minLength: 1, maxLength: 3000, size: 'max' }), (adds) => {
        const facts = new LocalFacts();
        const oracle = new Map<string, number>();
        for (const [[lo, hi], bits] of adds) {
          const k = `${lo | 0}:${hi | 0}`;
          expect(facts.get(lo, hi)).toBe(oracle.get(k) ?? 0);
          facts.add(lo, hi, bits);
          oracle.set(k, (oracle.get(k) ?? 0) | bits);
        }
        for (const [k, bits] of oracle) {
          const [lo, hi] = k.split(':').map(Number);
          expect(facts.get(lo, hi)).toBe(bits);
        }
      }),
      { numRuns: 40 },
    );
  });
});
