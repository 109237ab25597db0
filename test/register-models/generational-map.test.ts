import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GenerationalMap } from '../../register-models/generational-map.js';

describe('GenerationalMap', () => {
  it('returns what was last set or nothing, keeps the latest `limit` keys, and holds at most 2 · limit entries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 9 }), fc.integer()), { maxLength: 60 }),
        (limit, ops) => {
          const m = new GenerationalMap<number, number>(limit);
          const oracle = new Map<number, number>();
          const recent: number[] = []; // keys by last touch (set or hit), most recent last
          const touch = (k: number) => {
            const i = recent.indexOf(k);
            if (i >= 0) recent.splice(i, 1);
            recent.push(k);
          };
          for (const [isSet, k, v] of ops) {
            if (isSet) {
              m.set(k, v);
              oracle.set(k, v);
              touch(k);
            } else {
              const got = m.get(k);
              if (got !== undefined) {
                expect(got).toBe(oracle.get(k));
                touch(k);
              }
            }
            // The last `limit` keys touched are still there, with their values.
            for (const key of recent.slice(-limit)) expect(m.get(key)).toBe(oracle.get(key));
            expect(m.size).toBeLessThanOrEqual(2 * limit + 1);
          }
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new GenerationalMap(0)).toThrow(/positive integer/);
  });
});
