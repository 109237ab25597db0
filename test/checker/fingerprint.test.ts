import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { List, Map as IMap, OrderedMap, Record, Set as ISet, Stack } from 'immutable';
import { collisionProbability, fingerprint, type Fingerprintable } from '../../src/checker/index.js';

describe('fingerprint', () => {
  it('distinguishes values of different kinds that share a printed form', () => {
    const values = [0, '0', false, null, undefined, [], {}, [0], ['0'], [[0]], 1.5, -1, 2 ** 40, 'ab', ['a', 'b'], 0x7f000000, [0, 0]];
    expect(new Set(values.map(fingerprint)).size).toBe(values.length);
  });

  it('ignores the key order of plain objects', () => {
    expect(fingerprint({ a: 1, b: [2] })).toBe(fingerprint({ b: [2], a: 1 }));
  });

  it('treats immutable Map and Set as unordered and List as ordered', () => {
    expect(fingerprint(ISet([1, 2, 3]))).toBe(fingerprint(ISet([3, 1, 2])));
    expect(fingerprint(IMap({ x: 1, y: 2 }))).toBe(fingerprint(IMap([['y', 2], ['x', 1]])));
    expect(fingerprint(IMap({ x: 1, y: 2 }))).not.toBe(fingerprint(IMap({ x: 2, y: 1 })));
    expect(fingerprint(List([1, 2]))).not.toBe(fingerprint(List([2, 1])));
    expect(fingerprint(List([1, 2]))).toBe(fingerprint([1, 2]));
    expect(fingerprint(Stack([1, 2]))).toBe(fingerprint(Stack([1, 2])));
    expect(fingerprint(OrderedMap([['a', 1], ['b', 2]]))).not.toBe(fingerprint(OrderedMap([['b', 2], ['a', 1]])));
    expect(fingerprint(ISet([1]))).not.toBe(fingerprint(IMap([[1, undefined]])));
    const Point = Record({ x: 0, y: 0 });
    expect(fingerprint(Point({ x: 1 }))).toBe(fingerprint(Point({ x: 1, y: 0 })));
    expect(fingerprint(Point({ x: 1 }))).not.toBe(fingerprint(Point({ y: 1 })));
  });

  it('is reentrant: a fingerprintValue() that fingerprints does not erase what came before it', () => {
    const digest: Fingerprintable = { fingerprintValue: () => fingerprint(['x']) };
    expect(fingerprint([1, digest])).not.toBe(fingerprint([2, digest]));
    expect(fingerprint({ a: 1, d: digest })).not.toBe(fingerprint({ a: 2, d: digest }));
  });

  it('fingerprints the value a Fingerprintable names', () => {
    class Tester implements Fingerprintable {
      constructor(readonly ops: number[], readonly cache = Math.random()) {}
      fingerprintValue(): unknown {
        return this.ops;
      }
    }
    expect(fingerprint(new Tester([1, 2]))).toBe(fingerprint(new Tester([1, 2])));
    expect(fingerprint(new Tester([1, 2]))).not.toBe(fingerprint(new Tester([2, 1])));
  });

  it('agrees with structural equality on random JSON-like values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const equal = JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
        return equal === (fingerprint(a) === fingerprint(b));
      }),
    );
  });

  it('has no collisions among a million small-integer arrays', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(fingerprint([i & 7, (i >> 3) & 7, i >> 6, 1]));
    expect(seen.size).toBe(1_000_000);
  });

  it('states the birthday bound', () => {
    expect(collisionProbability(10_340_352)).toBeCloseTo(2.9e-6, 7);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as { [k: string]: unknown })[k])]));
  }
  return Object.is(v, -0) ? 0 : v;
}
