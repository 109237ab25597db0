/** The explored graph's node table (segmented, growing) against a `Map` of the same fingerprints (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LivenessGraph } from '../../src/checker/liveness-graph.js';

/** A fingerprint whose home slot is `home`: many of them share a segment and a slot within it. */
const withHome = (home: number, hi: number): [number, number] => [(home ^ Math.imul(hi, 0x9e3779b1)) >>> 0, hi >>> 0];

const u32 = fc.integer({ min: 0, max: 0xffffffff });
/** Fingerprints from a small pool (repeats), crowded onto a few home slots (collisions), or anywhere. */
const fingerprint = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 })),
  fc.tuple(fc.constantFrom(0, 1, 0x3ffffff, 0x4000000, 0xfc000000, 0xffffffff), u32).map(([home, hi]) => withHome(home, hi)),
  fc.tuple(u32, u32),
);

describe('LivenessGraph node table', () => {
  it('gives each fingerprint one id, in order of first sight, through many segment growths', () => {
    fc.assert(
      fc.property(fc.array(fingerprint, { minLength: 100, maxLength: 3000, size: 'max' }), (fps) => {
        const graph = new LivenessGraph([], undefined);
        const oracle = new Map<string, number>();
        for (const [lo, hi] of fps) {
          const key = `${lo}:${hi}`;
          const known = oracle.get(key);
          expect(graph.find(lo, hi)).toBe(known ?? -1);
          const node = graph.nodeOf(lo, hi);
          expect(graph.created).toBe(known === undefined);
          expect(node).toBe(known ?? oracle.size);
          if (known === undefined) oracle.set(key, node);
        }
        expect(graph.size).toBe(oracle.size);
        for (const [key, node] of oracle) {
          const [lo, hi] = key.split(':').map(Number);
          expect(graph.find(lo, hi)).toBe(node);
          expect(graph.find(lo | 0, hi | 0)).toBe(node);
        }
      }),
      { numRuns: 30 },
    );
  });
});
