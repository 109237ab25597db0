import { describe, expect, it, vi } from 'vitest';
import type { ClusterPlan } from '../../cli/model-cluster.js';

// The cluster run is replaced by one that records its plan: this file checks what
// `stateright model --nats` hands it, without a NATS server (cluster.test.ts runs the real one).
const plans = vi.hoisted(() => [] as ClusterPlan[]);
vi.mock('../../cli/model-cluster.js', () => ({
  CATALOG_SPECIFIER: 'stateright:catalog',
  checkCatalogOnCluster: (plan: ClusterPlan) => {
    plans.push(plan);
    return Promise.reject(new Error('plan recorded'));
  },
}));
const { runModel } = await import('../../cli/model-command.js');

const io = { stdout: { write: () => true }, stderr: { isTTY: false, write: () => true } };

describe('stateright model --nats', () => {
  it.each([
    [undefined, 'sound'],
    ['sound', 'sound'],
    ['stateright', 'stateright'],
  ])('--liveness %s: the cluster run is told %s', async (given, told) => {
    await expect(runModel({ name: 'two-phase-commit', strategy: 'bfs', nats: 'nats://127.0.0.1:4222', shards: 2, liveness: given }, io)).rejects.toThrow('plan recorded');
    expect(plans.at(-1)?.liveness).toBe(told);
  });

  it('--liveness with a value that is not a mode is a usage error, before any cluster run', async () => {
    let stderr = '';
    const before = plans.length;
    const code = await runModel({ name: 'two-phase-commit', strategy: 'bfs', nats: 'nats://127.0.0.1:4222', liveness: 'fair' }, { ...io, stderr: { isTTY: false, write: (t: string) => (stderr += t) } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--liveness must be one of sound, stateright/);
    expect(plans.length).toBe(before);
  });
});
