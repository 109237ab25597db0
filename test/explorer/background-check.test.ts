/**
 * The Explorer's sliced background check against the checker's BFS (the brute force it must
 * equal): same generated, unique and depth counts when finished, and discoveries that are valid
 * and as short as BFS's (BFS discoveries are shortest). Slicing, pausing and resuming change
 * nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type Model } from '../../src/checker/index.js';
import { BackgroundCheck } from '../../src/explorer/index.js';
import { ExplorerSession } from '../../src/explorer/session.js';
import { Increment } from '../../src/examples/increment.js';
import { LinearEquation } from '../../src/examples/linear-equation.js';
import { pingPongModel } from '../../src/examples/ping-pong.js';
import { TwoPhaseCommit } from '../../src/examples/two-phase-commit.js';
import { paxosNoAdopt, registerSystem, singleCopyRegister } from '../../register-models/index.js';
import { graphModel } from '../checker/test-models.js';

function erase<S, A>(m: Model<S, A>): Model<unknown, unknown> {
  return m as unknown as Model<unknown, unknown>;
}

const MODELS: [string, () => Model<unknown, unknown>][] = [
  ['ping-pong, duplicating', () => erase(pingPongModel({ maxNat: 3 }))],
  ['ping-pong, lossy non-duplicating with history', () => erase(pingPongModel({ maxNat: 2, lossy: true, network: 'unordered-nonduplicating', maintainsHistory: true }))],
  ['two-phase commit, 3', () => erase(new TwoPhaseCommit(3))],
  ['increment, 2 threads', () => erase(new Increment(2))],
  ['linear equation 2x+10y=14', () => erase(new LinearEquation(2, 10, 14))],
  ['single-copy register, 2 servers', () => erase(registerSystem(singleCopyRegister, { servers: 2, clients: 2 }))],
  ['paxos-no-adopt', () => erase(registerSystem(paxosNoAdopt, { servers: 3, clients: 2 }))],
];

/** A discovery's last state breaks the property as its expectation says (eventually: terminal, never true). */
function validDiscovery(model: Model<unknown, unknown>, name: string, indices: readonly number[]): boolean {
  const session = new ExplorerSession(model, {}, { paused: true });
  const path = session.replay(indices)!;
  const p = model.properties().find((q) => q.name === name)!;
  const last = path.states[path.states.length - 1];
  if (path.ignored.some((i) => i)) return false;
  if (p.expectation === 'always') return !p.condition(last);
  if (p.expectation === 'sometimes') return p.condition(last);
  // Terminal for the checker: no successor within the boundary.
  const live = session.actionsOf(last).some((a) => {
    const next = model.nextState(last, a);
    return next !== undefined && session.withinBoundary(next);
  });
  return !live && path.states.every((s) => !p.condition(s));
}

function compareWithBfs(model: Model<unknown, unknown>, run: (c: BackgroundCheck<unknown, unknown>) => void): void {
  const bfs = check(model, { strategy: 'bfs', liveness: 'stateright' });
  const background = new BackgroundCheck(model, { paused: true });
  run(background);
  const s = background.status();
  expect(s.phase).toBe('done');
  expect([s.generated, s.unique, s.maxDepth, s.complete]).toEqual([bfs.generated, bfs.unique, bfs.maxDepth, bfs.complete]);
  model.properties().forEach((p, i) => {
    const expected = bfs.discovery(p.name);
    const found = s.discoveries[i];
    expect(found === undefined, p.name).toBe(expected === undefined);
    if (found === undefined || expected === undefined) return;
    expect(found.length, p.name).toBe(expected.indices.length);
    expect(validDiscovery(model, p.name, found), p.name).toBe(true);
  });
}

describe('background check = BFS', () => {
  it.each(MODELS)('%s: run at once', (_name, make) => {
    compareWithBfs(make(), (c) => c.runToEnd());
  });

  it('random graphs: counts and discoveries equal BFS whatever the slice size', () => {
    const edge = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(edge, { minLength: 1, maxLength: 8 }), (paths) => {
        compareWithBfs(graphModel(paths) as unknown as Model<unknown, unknown>, (c) => c.runToEnd());
      }),
      { numRuns: 150 },
    );
  });

  it('in the background, in slices, with a pause in the middle: the same result', async () => {
    const model = erase(registerSystem(paxosNoAdopt, { servers: 3, clients: 2 }));
    const bfs = check(model, { strategy: 'bfs', liveness: 'stateright' });
    const c = new BackgroundCheck(model, { sliceMs: 2 });
    expect(c.status().phase).toBe('exploring');
    await new Promise((r) => setTimeout(r, 30));
    c.pause();
    const paused = c.status();
    expect(paused.phase).toBe('paused');
    expect(paused.unique).toBeGreaterThan(0);
    expect(paused.unique).toBeLessThan(bfs.unique);
    await new Promise((r) => setTimeout(r, 20));
    expect(c.status().unique).toBe(paused.unique); // nothing happens while paused
    c.resume();
    while (c.status().phase !== 'done') await new Promise((r) => setTimeout(r, 10));
    const s = c.status();
    expect([s.generated, s.unique, s.maxDepth]).toEqual([bfs.generated, bfs.unique, bfs.maxDepth]);
    expect(s.discoveries.map((d) => d?.length)).toEqual(model.properties().map((p) => bfs.discovery(p.name)?.indices.length));
  });

  it('stops at the target state count, as the checker does', () => {
    const model = erase(new TwoPhaseCommit(4));
    const bfs = check(model, { strategy: 'bfs', targetStateCount: 2000, liveness: 'stateright' });
    const s = new BackgroundCheck(model, { paused: true, targetStateCount: 2000 }).runToEnd();
    expect([s.generated, s.unique, s.complete]).toEqual([bfs.generated, bfs.unique, false]);
  });

  it('a model without properties is done at once (no state awaits anything), as with the checker', () => {
    const model: Model<number, number> = {
      initStates: () => [0],
      actions: (s, out) => void (s < 5000 ? out.push(1) : undefined),
      nextState: (s) => s + 1,
      properties: () => [],
    };
    const s = new BackgroundCheck(model, { paused: true }).runToEnd();
    const bfs = check(model, { strategy: 'bfs', liveness: 'stateright' });
    expect(s.phase).toBe('done');
    expect([s.generated, s.unique]).toEqual([bfs.generated, bfs.unique]);
    expect(s.unique).toBe(1);
  });
});
