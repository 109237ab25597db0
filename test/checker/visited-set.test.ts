/** The single-threaded visited set against a `Set` of the same fingerprints (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintSet, slotOf } from '../../src/checker/visited-set.js';

/** A fingerprint whose home slot is `home`: many of them share a segment and a slot within it. */
const withHome = (home: number, hi: number): [number, number] => {
  const lo = (home ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
  return [lo, hi >>> 0];
};

const u32 = fc.integer({ min: 0, max: 0xffffffff });
/** Fingerprints from a small pool (repeats), crowded onto a few home slots (collisions), or anywhere. */
const fingerprint = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 })),
  fc.tuple(fc.constantFrom(0, 1, 0x3ffffff, 0x4000000, 0xfc000000, 0xffffffff), u32).map(([home, hi]) => withHome(home, hi)),
  fc.tuple(u32, u32),
).filter(([lo, hi]) => lo !== 0 || hi !== 0);

describe('FingerprintSet', () => {
  it('adds exactly the fingerprints a Set has not seen, through many growths', () => {
    fc.assert(
      fc.property(fc.array(fingerprint, { minLength: 100, maxLength: 1500, size: 'max' }), fc.integer({ min: 1, max: 1000 }), (fps, initial) => {
        const set = new FingerprintSet(initial);
        const oracle = new Set<string>();
        for (const [lo, hi] of fps) {
          const key = `${lo}:${hi}`;
          expect(set.add(lo, hi)).toBe(!oracle.has(key));
          oracle.add(key);
        }
        expect(set.size).toBe(oracle.size);
        for (const key of oracle) {
          const [lo, hi] = key.split(':').map(Number);
          expect(set.add(lo, hi)).toBe(false);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('treats signed and unsigned forms of the same words alike', () => {
    const set = new FingerprintSet();
    expect(set.add(-1, 5)).toBe(true);
    expect(set.add(0xffffffff, 5)).toBe(false);
  });

  it('keeps 100,000 random fingerprints in 10.7 to 16 bytes each', () => {
    const set = new FingerprintSet();
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const fps = Array.from({ length: 100_000 }, () => [next(), next() | 1] as const);
    for (const [lo, hi] of fps) set.add(lo, hi);
    expect(set.size).toBe(100_000);
    expect(fps.every(([lo, hi]) => !set.add(lo, hi))).toBe(true);
    expect(set.byteLength / set.size).toBeGreaterThanOrEqual(10.6);
    expect(set.byteLength / set.size).toBeLessThanOrEqual(16.1);
  });

  it('places home slots near the top and bottom of the range in their own segments', () => {
    // The home slot's top bits name the segment; its low bits the slot within it.
    expect(slotOf(...withHome(0xfc000000, 7)) >>> 26).toBe(63);
    expect(slotOf(...withHome(0x3ffffff, 7)) >>> 26).toBe(0);
  });
});
