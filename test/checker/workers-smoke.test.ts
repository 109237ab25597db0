import { describe, expect, it } from 'vitest';
import { check, checkInWorkers } from '../../src/checker/index.js';
import { TwoPhaseCommit } from '../../src/examples/two-phase-commit.js';

const spec = (rms: number) => ({ module: new URL('../../src/examples/two-phase-commit.ts', import.meta.url).href, export: 'TwoPhaseCommit', args: [rms] });

describe('smoke', () => {
  it('2pc bfs', async () => {
    const one = check(new TwoPhaseCommit(5), { strategy: 'bfs' });
    const two = await checkInWorkers(spec(5), { strategy: 'bfs', workers: 2 });
    expect([two.unique, two.generated, two.maxDepth, two.complete]).toEqual([one.unique, one.generated, one.maxDepth, one.complete]);
    const d = await checkInWorkers(spec(5), { strategy: 'dfs', workers: 2 });
    expect([d.unique, d.generated, d.complete]).toEqual([8832, 58146, true]);
  });
});
