import { describe, expect, it } from 'vitest';
import { always, check, replayPath, PathReplayError, type Model } from '../../src/checker/index.js';
import { LinearEquation, type LinearEquationState } from '../../src/examples/linear-equation.js';
import { graphModel, sysModel, sysRepresentative } from './test-models.js';

const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];

describe('LinearEquation', () => {
  it('BFS stops early with 12 unique states and a shortest example 0/0/0/1', () => {
    const r = check(new LinearEquation(2, 10, 14), { strategy: 'bfs' });
    expect(counts(r)).toEqual([15, 12, 4]);
    expect(r.encodedDiscoveries()).toEqual({ solvable: '0/0/0/1' });
    expect(r.discovery('solvable')!.actions).toEqual(['IncreaseX', 'IncreaseX', 'IncreaseY']);
    r.assertDiscovery('solvable', ['IncreaseX', 'IncreaseX', 'IncreaseY']);
    r.assertDiscovery('solvable', new Array(27).fill('IncreaseY'));
    expect(r.summary()).toMatch(/^Done\. states=15, unique=12, depth=4, sec=\d+$/);
  });

  it('DFS stops early with 55 unique states and 27 IncreaseY steps', () => {
    const r = check(new LinearEquation(2, 10, 14), { strategy: 'dfs' });
    expect(counts(r)).toEqual([55, 55, 28]);
    expect(r.discovery('solvable')!.actions).toEqual(new Array(27).fill('IncreaseY'));
    r.assertDiscovery('solvable', ['IncreaseX', 'IncreaseY', 'IncreaseX']);
    expect(r.summary()).toMatch(/^Done\. states=55, unique=55, depth=28, sec=\d+$/);
  });

  it('visits states in BFS order', () => {
    const seen: LinearEquationState[] = [];
    check(new LinearEquation(2, 10, 14), { strategy: 'bfs', visitor: (s) => seen.push(s) });
    expect(seen.slice(0, 8)).toEqual([[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2], [3, 0], [2, 1]]);
  });

  it('visits states in DFS order', () => {
    const seen: LinearEquationState[] = [];
    check(new LinearEquation(2, 10, 14), { strategy: 'dfs', visitor: (s) => seen.push(s) });
    expect(seen.slice(0, 28)).toEqual(Array.from({ length: 28 }, (_, y) => [0, y]));
  });

  it.each([
    ['bfs', 511],
    ['dfs', 32_896],
  ] as const)('%s explores all 65,536 states of an unsolvable equation', (strategy, depth) => {
    const r = check(new LinearEquation(2, 4, 7), { strategy });
    expect(counts(r)).toEqual([131_073, 65_536, depth]);
    expect(r.complete).toBe(true);
    expect(r.discovery('solvable')).toBeUndefined();
    expect(() => r.assertProperties()).toThrow(/no example found for "solvable"/);
  });

  it.each([
    [1, [1, 1, 1]],
    [2, [3, 3, 2]],
    [3, [7, 6, 3]],
    [4, [13, 10, 4]],
  ])('with depth limit %i counts but does not expand the deepest states', (limit, expected) => {
    for (const strategy of ['bfs', 'dfs'] as const) {
      expect(counts(check(new LinearEquation(2, 4, 7), { strategy, targetMaxDepth: limit }))).toEqual(expected);
    }
  });

  it('stops after the first block once the target state count is reached', () => {
    const r = check(new LinearEquation(2, 4, 7), { targetStateCount: 10 });
    expect(r.generated).toBe(3001);
    expect(r.complete).toBe(false);
  });

  it('replays encoded paths into states and actions', () => {
    const path = replayPath(new LinearEquation(2, 10, 14), '0/0/0/1');
    expect(path.states).toEqual([[0, 0], [1, 0], [2, 0], [2, 1]]);
    expect(path.encode()).toBe('0/0/0/1');
  });
});

describe('eventually properties, Stateright semantics', () => {
  const cases: [number[][], number[] | undefined, number[]][] = [
    [[[1], [2, 3], [2, 6, 7], [4, 9, 10]], undefined, [8, 8, 3]],
    [[[1]], undefined, [1, 1, 1]],
    [[[2, 3]], undefined, [2, 2, 2]],
    [[[2, 6, 7]], undefined, [3, 3, 3]],
    [[[4, 9, 10]], undefined, [3, 3, 3]],
    [[[0, 1], [0, 2]], [0, 2], [3, 3, 2]],
    [[[0, 1], [2, 4]], [2, 4], [4, 4, 2]],
    // Stateright keeps the last discovery ([2, 4, 8]); we keep the first, equally valid one.
    [[[0, 1, 4, 6], [2, 4, 8]], [2, 4, 6], [7, 6, 3]],
    [[[0, 2, 4, 2]], undefined, [4, 3, 3]],
    [[[0, 2, 4], [1, 4, 6]], undefined, [6, 5, 3]],
  ];
  it.each(cases)('graph %j yields discovery %j', (paths, expected, expectedCounts) => {
    const r = check(graphModel(paths), { strategy: 'bfs', liveness: 'stateright' });
    expect(counts(r)).toEqual(expectedCounts);
    expect(r.discovery('odd')?.states).toEqual(expected);
  });

  it('reports the cycle and the join that Stateright misses, with the same counts', () => {
    const cycle = check(graphModel([[0, 2, 4, 2]]));
    expect(counts(cycle)).toEqual([4, 3, 3]);
    expect(cycle.discovery('odd')?.states).toEqual([0, 2, 4, 2]);
    expect(cycle.cycleStart('odd')).toBe(1);
    const join = check(graphModel([[0, 2, 4], [1, 4, 6]]));
    expect(counts(join)).toEqual([6, 5, 3]);
    expect(join.discovery('odd')?.states).toEqual([0, 2, 4, 6]);
    expect(join.cycleStart('odd')).toBeUndefined();
    expect(join.verdict('odd')).toBe('fails');
  });

  it('says unknown, never holds, when a bound left states unexpanded', () => {
    const chain = graphModel([[0, 1, 2, 3]]);
    expect(check(chain).verdict('odd')).toBe('holds');
    const bounded = check(chain, { targetMaxDepth: 2 });
    expect(bounded.complete).toBe(true); // the queue ran empty, yet depth 2 was never expanded
    expect(bounded.verdict('odd')).toBe('unknown');
    expect(() => bounded.assertProperties()).toThrow(/unknown/);
    expect(check(graphModel([[0, 2, 4, 2], [0, 6, 8, 10, 12]]), { targetMaxDepth: 4 }).verdict('odd')).toBe('fails');
  });

  it('accepts any valid counterexample in assertDiscovery', () => {
    const r = check(graphModel([[0, 1, 4, 6], [2, 4, 8]]), { liveness: 'stateright' });
    r.assertDiscovery('odd', [4, 8]);
    r.assertDiscovery('odd', [4, 6]);
    expect(() => r.assertDiscovery('odd', [4])).toThrow(/not a valid counterexample/);
  });

  it('keeps a counterexample that a later path would have cleared', () => {
    const r = check(graphModel([[12, 14], [12, 15]], [always('at least 10', (s: number) => s >= 10)]));
    expect(counts(r)).toEqual([3, 3, 2]);
    expect(r.discovery('odd')?.states).toEqual([12, 14]);
  });
});

describe('symmetry reduction', () => {
  it('DFS stores representatives: 6 unique instead of 9', () => {
    expect(counts(check(sysModel, { strategy: 'dfs' }))).toEqual([19, 9, 6]);
    expect(counts(check(sysModel, { strategy: 'dfs', representative: sysRepresentative }))).toEqual([13, 6, 5]);
  });

  it('BFS ignores the representative, like Stateright', () => {
    expect(counts(check(sysModel, { strategy: 'bfs' }))).toEqual([19, 9, 5]);
    expect(counts(check(sysModel, { strategy: 'bfs', representative: sysRepresentative }))).toEqual([19, 9, 5]);
  });
});

describe('stop rules', () => {
  const noProps: Model<number, number> = {
    initStates: () => [0, 1, 2],
    actions: (s, out) => {
      if (s < 10) out.push(s + 3);
    },
    nextState: (_s, a) => a,
    properties: () => [],
  };

  it('a model with zero properties stops after the first pop', () => {
    for (const strategy of ['bfs', 'dfs'] as const) {
      expect(counts(check(noProps, { strategy }))).toEqual([3, 3, 1]);
    }
  });

  it('a trivially-true always property forces a full traversal', () => {
    const r = check({ ...noProps, properties: () => [always('true', () => true)] });
    expect(r.complete).toBe(true);
    expect(r.unique).toBe(13);
  });

  it('rejects unknown property names in the finish policy and lists the known ones', () => {
    expect(() => check(new LinearEquation(2, 10, 14), { finishWhen: { anyOf: ['nope'] } })).toThrow(
      'unknown property "nope" in finishWhen; properties: "solvable"',
    );
  });

  it('the any finish policy stops at the first block with a discovery', () => {
    const r = check(graphModel([[0, 1], [0, 2]], [always('small', (s: number) => s < 100)]), { finishWhen: 'any' });
    expect(r.discoveredNames).toEqual(['odd']);
  });
});

describe('path replay', () => {
  it('explains a path that cannot be replayed as nondeterminism and lists the valid indices', () => {
    const model = new LinearEquation(2, 10, 14);
    expect(() => replayPath(model, [0, 5])).toThrow(PathReplayError);
    expect(() => replayPath(model, [0, 5])).toThrow(/probably nondeterministic.*valid action indices: 0: IncreaseX, 1: IncreaseY/s);
    expect(() => replayPath(model, [3])).toThrow(/valid init indices: 0\.\.0/);
  });
});

describe('simulation', () => {
  it('is reproducible for a seed and counts every generated state as unique', () => {
    const run = (seed: number) => check(new LinearEquation(2, 4, 7), { strategy: 'simulation', seed, targetStateCount: 2000, targetMaxDepth: 50 });
    const a = run(7);
    const b = run(7);
    expect(a.generated).toBe(a.unique);
    expect([a.generated, a.maxDepth]).toEqual([b.generated, b.maxDepth]);
    expect(a.generated).toBeGreaterThanOrEqual(2000);
  });

  it('finds examples by random walks', () => {
    const r = check(new LinearEquation(2, 10, 14), { strategy: 'simulation', seed: 1, targetStateCount: 100_000 });
    const path = r.discovery('solvable')!;
    const [x, y] = path.lastState;
    expect((2 * x + 10 * y) % 256).toBe(14);
  });
});
