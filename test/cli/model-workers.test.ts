/** `stateright model --workers N`: the bundled models on worker threads, and its usage errors. */
import { describe, expect, it } from 'vitest';
import { runModel, type ModelArguments } from '../../cli/model-command.js';

async function run(args: ModelArguments) {
  let stdout = '';
  let stderr = '';
  const code = await runModel(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { isTTY: false, write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

describe('stateright model --workers', () => {
  it('checks Paxos by BFS on 2 workers with the single-thread counts and the same discovery path', async () => {
    const one = await run({ name: 'paxos', workers: 1 });
    const two = await run({ name: 'paxos', workers: 2 });
    expect(two.code).toBe(0);
    expect(two.stdout).toContain('by BFS on 2 worker threads.');
    expect(two.stdout).toMatch(/^Done\. states=32971, unique=16668, depth=21, sec=\d+$/m);
    const pathOf = (out: string) => out.match(/^Action index path: .*$/m)?.[0];
    expect(pathOf(two.stdout)).toBe(pathOf(one.stdout));
  });

  it('loads bundled models by name with their size options and symmetry', async () => {
    const tpc = await run({ name: 'two-phase-commit', rms: 5, symmetry: true, workers: 2 });
    expect(tpc.code).toBe(0);
    expect(tpc.stdout).toMatch(/^Done\. states=4091, unique=665, depth=\d+, sec=\d+$/m);
    const broken = await run({ name: 'paxos-no-adopt', workers: 2, json: true });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).properties[0]).toMatchObject({ name: 'linearizable', holds: false });
  });

  it('rejects a worker count that is not a positive integer: exit 2', async () => {
    for (const workers of [0, 1.5, 1000]) {
      const { code, stderr } = await run({ name: 'paxos', workers });
      expect(code).toBe(2);
      expect(stderr).toContain('--workers must be an integer from 1 to 256');
    }
  });
});
