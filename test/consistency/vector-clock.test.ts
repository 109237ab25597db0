import { describe, expect, it } from 'vitest';
import { VectorClock } from '../../consistency/vector-clock.js';

const vc = (...entries: number[]) => new VectorClock(entries);

describe('VectorClock (Stateright’s cases)', () => {
  it('displays its stored entries', () => {
    expect(vc(1, 2, 3, 4).toString()).toBe('<1, 2, 3, 4, ...>');
    expect(vc().toString()).toBe('<...>');
    expect(vc(0).toString()).toBe('<0, ...>');
  });
  it('treats missing entries as zero for equality', () => {
    expect(new VectorClock().equals(new VectorClock())).toBe(true);
    expect(vc(0).equals(vc())).toBe(true);
    expect(vc().equals(vc(0))).toBe(true);
    expect(vc().equals(vc(1))).toBe(false);
    expect(vc(1).equals(vc())).toBe(false);
  });
  it('hashes equal clocks equally', () => {
    expect(vc().hashCode()).toBe(vc().hashCode());
    expect(vc().hashCode()).toBe(vc(0, 0).hashCode());
    expect(vc(1).hashCode()).toBe(vc(1, 0).hashCode());
    expect(vc().hashCode()).not.toBe(vc(1).hashCode());
    expect(vc(1).hashCode()).not.toBe(vc().hashCode());
  });
  it('increments, extending with zeros', () => {
    expect(new VectorClock().incremented(2).toArray()).toEqual([0, 0, 1]);
    expect(new VectorClock().incremented(2).incremented(0).incremented(2).toArray()).toEqual([1, 0, 2]);
  });
  it('merges element-wise', () => {
    expect(vc(1, 2, 3, 4).merge(vc(5, 6, 0)).toArray()).toEqual([5, 6, 3, 4]);
    expect(vc(1, 0, 2).merge(vc(3, 1, 0, 4)).toArray()).toEqual([3, 1, 2, 4]);
  });
  it('compares as a partial order', () => {
    const cases: [number[], number[], string][] = [
      [[], [], 'equal'], [[], [0, 0], 'equal'], [[0, 0], [], 'equal'], [[1, 2, 0], [1, 2], 'equal'],
      [[], [1], 'less'], [[1, 2, 3], [1, 3, 4], 'less'], [[1, 2, 3], [1, 3, 3], 'less'], [[1, 2, 3], [2, 3, 3], 'less'],
      [[1], [], 'greater'], [[1, 2, 3], [1, 1, 2], 'greater'], [[1, 2, 3], [1, 1, 3], 'greater'], [[1, 2, 4], [0, 1, 3], 'greater'],
      [[1, 2, 3], [1, 3, 2], 'incomparable'], [[1, 2, 3], [3, 2, 1], 'incomparable'], [[1, 2, 2], [2, 1, 2], 'incomparable'],
    ];
    for (const [a, b, expected] of cases) expect(vc(...a).compare(vc(...b)), `${a} vs ${b}`).toBe(expected);
  });
  it('rejects negative entries', () => expect(() => vc(-1)).toThrow(/non-negative/));
});
