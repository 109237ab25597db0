/** Checks shared by the worker tests: agreement with one thread, valid discoveries, random graphs. */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ModelCheckResult, Strategy } from '../../src/checker/index.js';
import type { GraphSpec } from './worker-models.js';

export const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];

/** Each discovery replays and is a real example or counterexample. */
export function assertDiscoveriesValid(r: ModelCheckResult<unknown, unknown>): void {
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
export function assertAgree(strategy: Strategy, workers: ModelCheckResult<unknown, unknown>, one: ModelCheckResult<unknown, unknown>): void {
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

/** Random graphs with random properties, plus a trivially true invariant so that every run is complete. */
export const graphSpec = (maxNodes: number): fc.Arbitrary<GraphSpec> => fc.integer({ min: 1, max: maxNodes }).chain((n) => {
  const node = fc.integer({ min: 0, max: n - 1 });
  const nodes = fc.uniqueArray(node, { maxLength: n });
  return fc.record({
    inits: fc.array(node, { minLength: 1, maxLength: 3 }),
    edges: fc.array(fc.array(fc.integer({ min: -1, max: n - 1 }), { maxLength: 4 }), { minLength: n, maxLength: n }),
    outside: fc.oneof(fc.constant([]), nodes),
    properties: fc
      .array(fc.record({ kind: fc.constantFrom('always' as const, 'sometimes' as const, 'eventually' as const), holds: nodes }), { maxLength: 3 })
      .map((ps) => [...ps, { kind: 'always' as const, holds: Array.from({ length: n }, (_, i) => i) }]),
    codec: fc.boolean(),
  });
});

