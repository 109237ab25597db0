/**
 * The checker on worker threads against the single-threaded checker: every pinned count of a
 * complete run again with 2 workers, and random graphs with random properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, checkInWorkers, type Model, type ModelCheckResult, type ModelSpec, type Strategy } from '../../src/checker/index.js';
import { loadModel } from '../../src/checker/model-spec.js';
import { graph, type GraphSpec } from './worker-models.js';

const here = (file: string) => new URL(file, import.meta.url).href;
const example = (file: string, name: string, ...args: unknown[]): ModelSpec => ({ module: here(`../../src/examples/${file}.ts`), export: name, args });
const testModel = (name: string, ...args: unknown[]): ModelSpec => ({ module: here('./worker-models.ts'), export: name, args });
const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];

type Pinned = [label: string, spec: ModelSpec, strategy: Strategy, expected: [generated: number, unique: number, depth: number], symmetry?: boolean];

const PINNED: Pinned[] = [
  ['2PC 3 RMs', example('two-phase-commit', 'TwoPhaseCommit', 3), 'bfs', [1_146, 288, 11]],
  ['2PC 5 RMs', example('two-phase-commit', 'TwoPhaseCommit', 5), 'bfs', [58_146, 8_832, 17]],
  ['2PC 5 RMs', example('two-phase-commit', 'TwoPhaseCommit', 5), 'dfs', [58_146, 8_832, 17]],
  ['2PC 5 RMs, symmetry', example('two-phase-commit', 'TwoPhaseCommit', 5), 'dfs', [4_091, 665, 17], true],
  ['increment, full space', example('increment', 'Increment', 2, false), 'bfs', [15, 13, 5]],
  ['increment, full space', example('increment', 'Increment', 2, false), 'dfs', [15, 13, 5]],
  ['increment, full space, symmetry', example('increment', 'Increment', 2, false), 'dfs', [10, 8, 5], true],
  ['linear equation 2,4,7', example('linear-equation', 'LinearEquation', 2, 4, 7), 'bfs', [131_073, 65_536, 511]],
  ['linear equation 2,4,7', example('linear-equation', 'LinearEquation', 2, 4, 7), 'dfs', [131_073, 65_536, 32_896]],
  ['ping-pong maxNat 1 lossy', example('ping-pong', 'pingPongModel', { maxNat: 1, lossy: true }), 'bfs', [21, 14, 6]],
  ['ping-pong maxNat 5 lossy', example('ping-pong', 'pingPongModel', { maxNat: 5, lossy: true }), 'bfs', [21_505, 4_094, 22]],
  ['ping-pong maxNat 5 lossy', example('ping-pong', 'pingPongModel', { maxNat: 5, lossy: true }), 'dfs', [21_505, 4_094, 22]],
  ['single-copy, 1 server', testModel('register', 'single-copy', 1), 'bfs', [121, 93, 9]],
  ['single-copy, 1 server', testModel('register', 'single-copy', 1), 'dfs', [121, 93, 9]],
  ['single-copy, 2 servers, full space', testModel('register', 'single-copy', 2, 'unordered-nonduplicating', true), 'bfs', [81, 62, 9]],
  ['single-copy, 2 servers, full space', testModel('register', 'single-copy', 2, 'unordered-nonduplicating', true), 'dfs', [81, 62, 9]],
  ['ABD, 2 servers', testModel('register', 'abd', 2), 'bfs', [875, 544, 25]],
  ['ABD, 2 servers', testModel('register', 'abd', 2), 'dfs', [875, 544, 25]],
  ['ABD, 2 servers, ordered', testModel('register', 'abd', 2, 'ordered'), 'bfs', [883, 620, 25]],
  ['Paxos, 3 servers', testModel('register', 'paxos', 3), 'bfs', [32_971, 16_668, 21]],
  ['Paxos, 3 servers', testModel('register', 'paxos', 3), 'dfs', [32_971, 16_668, 21]],
  ['Paxos, 3 servers, ordered', testModel('register', 'paxos', 3, 'ordered'), 'bfs', [110_216, 33_328, 25]],
  ['symmetry test model', testModel('sysModel'), 'dfs', [19, 9, 6]],
  ['symmetry test model', testModel('sysModel'), 'bfs', [19, 9, 5]],
];

/** Each discovery replays and is a real example or counterexample. */
function assertDiscoveriesValid(r: ModelCheckResult<unknown, unknown>): void {
  for (const p of r.properties) {
    const path = r.discovery(p.name);
    if (path === undefined) continue;
    if (p.expectation === 'always') expect(p.condition(path.lastState)).toBe(false);
    if (p.expectation === 'sometimes') expect(p.condition(path.lastState)).toBe(true);
    if (p.expectation === 'eventually') expect(path.states.some((s) => p.condition(s))).toBe(false);
  }
}

/** Names of the always and sometimes properties with a discovery (verdicts that do not depend on search order). */
const orderFreeVerdicts = (r: ModelCheckResult<unknown, unknown>) =>
  r.properties.filter((p) => p.expectation !== 'eventually' && r.discovery(p.name) !== undefined).map((p) => p.name);

/**
 * BFS on workers reproduces the single thread exactly (counts, depth, every discovery); DFS on
 * workers visits and generates the same states and finds the same always/sometimes verdicts.
 */
function assertAgree(strategy: Strategy, workers: ModelCheckResult<unknown, unknown>, one: ModelCheckResult<unknown, unknown>): void {
  expect(workers.complete).toBe(one.complete);
  if (strategy === 'bfs') {
    expect(counts(workers)).toEqual(counts(one));
    expect(workers.encodedDiscoveries()).toEqual(one.encodedDiscoveries());
  } else {
    expect([workers.generated, workers.unique]).toEqual([one.generated, one.unique]);
    expect(orderFreeVerdicts(workers)).toEqual(orderFreeVerdicts(one));
  }
  assertDiscoveriesValid(workers);
}

describe('pinned counts with 2 workers', () => {
  it.each(PINNED)('%s, %s', async (_label, spec, strategy, expected, symmetry) => {
    const r = await checkInWorkers(spec, { strategy, workers: 2, symmetry });
    expect(r.complete).toBe(true);
    if (strategy === 'bfs') expect(counts(r)).toEqual(expected);
    else expect([r.generated, r.unique]).toEqual(expected.slice(0, 2));
    const model = await loadModel(spec);
    const one = check(model, { strategy, representative: symmetry ? (s) => model.representative!(s) : undefined });
    assertAgree(strategy, r, one);
  });
});
