import { describe, expect, it } from 'vitest';
import { check, checkInWorkers } from '../../src/checker/index.js';
import { TwoPhaseCommit } from '../../src/examples/two-phase-commit.js';

const spec = (rms: number) => ({ module: new URL('../../src/examples/two-phase-commit.ts', import.meta.url).href, export: 'TwoPhaseCommit', args: [rms] });

describe('smoke', () => {
  it('2pc bfs', async () => {
    let t = Date.now();
    await checkInWorkers(spec(3), { strategy: 'bfs', workers: 2 });
    console.log('warm', Date.now() - t); t = Date.now();
    const one = check(new TwoPhaseCommit(5), { strategy: 'bfs' });
    console.log('one', Date.now() - t); t = Date.now();
    const two = await checkInWorkers(spec(5), { strategy: 'bfs', workers: 2 });
    console.log('two', Date.now() - t); t = Date.now();
    expect([two.unique, two.generated, two.maxDepth, two.complete]).toEqual([one.unique, one.generated, one.maxDepth, one.complete]);
    const d = await checkInWorkers(spec(5), { strategy: 'dfs', workers: 2 });
    console.log('dfs', Date.now() - t); t = Date.now();
    expect([d.unique, d.generated, d.complete]).toEqual([8832, 58146, true]);
  });
});
