import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { Increment } from '../../src/examples/increment.js';

const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];

describe('increment', () => {
  it('has 13 states with 2 threads, 8 under symmetry', () => {
    const full = new Increment(2, false);
    for (const strategy of ['bfs', 'dfs'] as const) expect(counts(check(full, { strategy }))).toEqual([15, 13, 5]);
    expect(counts(check(full, { strategy: 'dfs', representative: (s) => full.representative(s) }))).toEqual([10, 8, 5]);
  });

  it('DFS stops at the lost update', () => {
    const model = new Increment(2);
    const r = check(model, { strategy: 'dfs' });
    expect(counts(r)).toEqual([10, 10, 5]);
    r.assertDiscovery('fin', [
      { kind: 'Read', thread: 0 },
      { kind: 'Read', thread: 1 },
      { kind: 'Write', thread: 0 },
      { kind: 'Write', thread: 1 },
    ]);
    expect(counts(check(model, { strategy: 'dfs', representative: (s) => model.representative(s) }))).toEqual([8, 6, 5]);
  });

  it('BFS has generated every state before it pops a violating one', () => {
    expect(counts(check(new Increment(2)))).toEqual([15, 13, 5]);
  });
});
