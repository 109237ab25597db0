/**
 * The checker on worker threads against the single-threaded checker: every pinned count of a
 * complete run again with 2 workers, and random graphs with random properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, checkInWorkers, type Model, type ModelSpec, type Strategy } from '../../src/checker/index.js';
import { loadModel } from '../../src/checker/model-spec.js';
import { graph, type GraphSpec } from './worker-models.js';
import { assertAgree, counts, graphSpec } from './worker-checks.js';

const here = (file: string) => new URL(file, import.meta.url).href;
const example = (file: string, name: string, ...args: unknown[]): ModelSpec => ({ module: here(`../../src/examples/${file}.ts`), export: name, args });
const testModel = (name: string, ...args: unknown[]): ModelSpec => ({ module: here('./worker-models.ts'), export: name, args });

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

describe('random graphs: 1 thread and workers agree', () => {
  // Small graphs find edge cases; large ones make the workers race for the same states.
  it.each([
    ['bfs', 9, 60],
    ['dfs', 9, 60],
    ['bfs', 3000, 10],
    ['dfs', 3000, 10],
  ] as const)('%s, up to %i nodes', async (strategy, maxNodes, numRuns) => {
    await fc.assert(
      fc.asyncProperty(graphSpec(maxNodes), fc.constantFrom(1, 2), async (spec, workers) => {
        const one = check(graph(spec) as Model<unknown, unknown>, { strategy });
        const many = await checkInWorkers(testModel('graph', spec), { strategy, workers });
        expect(one.complete).toBe(true);
        assertAgree(strategy, many, one);
      }),
      { numRuns },
    );
  });
});

describe('checkInWorkers errors', () => {
  it('says what is wrong with a model spec or a worker count', async () => {
    await expect(checkInWorkers({ module: './no/such/module.js', export: 'x' })).rejects.toThrow(/^cannot load model module \.\/no\/such\/module\.js: /);
    await expect(checkInWorkers(testModel('nope'))).rejects.toThrow(/worker-models\.ts: no export named "nope"; its exports: .*graph, register, sysModel/);
    await expect(checkInWorkers({ module: here('./test-models.ts'), export: 'Proc' })).rejects.toThrow(
      /export "Proc" is not a model, a model class or a function returning a model/,
    );
    await expect(checkInWorkers(testModel('sysModel'), { workers: 0 })).rejects.toThrow('workers must be an integer from 1 to 256 (got 0)');
    await expect(checkInWorkers(testModel('sysModel'), { strategy: 'dfs', symmetry: true })).rejects.toThrow(/symmetry needs the model to have a representative\(state\) method/);
    await expect(checkInWorkers(testModel('sysModel'), { strategy: 'simulation', workers: 2 })).rejects.toThrow('simulation never ends by itself');
  });

  it('reports an exception thrown by the model in a worker', async () => {
    const bad: GraphSpec = { inits: [0], edges: [[5]], outside: [], properties: [{ kind: 'always', holds: [0, 5] }] };
    await expect(checkInWorkers(testModel('graph', bad), { workers: 2 })).rejects.toThrow(/Cannot read properties of undefined/);
  });
});

describe('simulation and stop rules on workers', () => {
  it('simulates reproducibly per seed, splitting the target between workers, and finds the example', async () => {
    const run = () => checkInWorkers(example('linear-equation', 'LinearEquation', 2, 10, 14), { strategy: 'simulation', seed: 3, targetStateCount: 100_000, workers: 2 });
    const [a, b] = [await run(), await run()];
    expect(a.encodedDiscoveries()).toEqual(b.encodedDiscoveries());
    const solution = a.discovery('solvable')!.lastState as readonly [number, number];
    expect((2 * solution[0] + 10 * solution[1]) % 256).toBe(14);
  });

  it('keeps the meaning of targetStateCount, targetMaxDepth, timeoutMs and finishWhen', async () => {
    const eq = example('linear-equation', 'LinearEquation', 2, 4, 7);
    for (const strategy of ['bfs', 'dfs'] as const) {
      const target = await checkInWorkers(eq, { strategy, workers: 2, targetStateCount: 10 });
      expect(target.complete).toBe(false);
      expect(target.generated).toBeGreaterThanOrEqual(10);
    }
    const limited = await checkInWorkers(eq, { strategy: 'bfs', workers: 2, targetMaxDepth: 3 });
    expect(counts(limited)).toEqual([7, 6, 3]);
    for (const strategy of ['bfs', 'dfs'] as const) {
      const late = await checkInWorkers(example('two-phase-commit', 'TwoPhaseCommit', 9), { strategy, workers: 2, timeoutMs: 30 });
      expect([late.timedOut, late.complete]).toEqual([true, false]);
    }
    const found = await checkInWorkers(example('linear-equation', 'LinearEquation', 2, 10, 14), { strategy: 'bfs', workers: 2, finishWhen: 'any' });
    expect(found.complete).toBe(false);
    expect(found.discovery('solvable')!.indices.length).toBe(4);
  });
});
