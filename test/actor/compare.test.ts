import { describe, expect, it } from 'vitest';
import { Set as ISet } from 'immutable';
import { compareValues, formatActorAction, formatValue, makeComparator } from '../../src/actor/index.js';

describe('compareValues', () => {
  const cmp = makeComparator(['Internal', 'Put', 'Get', 'PutOk', 'GetOk']);
  const sign = (a: unknown, b: unknown) => Math.sign(cmp(a, b));

  it('orders enum variants by declaration position, then fields left to right', () => {
    expect(sign({ type: 'Get', r: 1 }, { type: 'Put', r: 0, v: 'A' })).toBe(1);
    expect(sign({ type: 'Put', r: 1, v: 'A' }, { type: 'Put', r: 1, v: 'B' })).toBe(-1);
    expect(sign({ type: 'Put', r: 2, v: 'A' }, { type: 'Put', r: 1, v: 'B' })).toBe(1);
    expect(sign({ type: 'Zed' }, { type: 'GetOk' })).toBe(1);
  });

  it('puts None first and compares tuples and lists lexicographically', () => {
    expect(sign(null, 0)).toBe(-1);
    expect(sign(undefined, null)).toBe(0);
    expect(sign([1, 2], [1, 2, 0])).toBe(-1);
    expect(sign([1, 3], [1, 2, 9])).toBe(1);
    expect(sign(false, true)).toBe(-1);
    expect(sign('A', 'B')).toBe(-1);
  });

  it('compares sets as sorted lists', () => {
    expect(compareValues(ISet([3, 1]), ISet([1, 3]))).toBe(0);
    expect(Math.sign(compareValues(ISet([1, 2]), ISet([1, 3])))).toBe(-1);
  });
});

describe('formatting', () => {
  it('prints messages and actions like Stateright', () => {
    expect(formatValue({ type: 'Put', r: 3, v: 'B' })).toBe('Put(3, "B")');
    expect(formatValue({ type: 'Ignored' })).toBe('Ignored');
    expect(formatActorAction({ kind: 'deliver', src: 0, dst: 1, msg: { type: 'Ping', n: 0 } })).toBe('Id(0) → Ping(0) → Id(1)');
    expect(formatActorAction({ kind: 'timeout', id: 2, timer: { type: 'Election' } })).toBe('Timeout(Id(2), Election)');
    expect(formatActorAction({ kind: 'crash', id: 1 })).toBe('Crash(Id(1))');
  });
});
