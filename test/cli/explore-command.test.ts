/** `stateright explore`: it serves what it prints, takes `stateright model`'s size options, and usage errors exit 2. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startExplore, type ExploreArguments } from '../../cli/explore-command.js';
import type { StatusJson } from '../../src/explorer/index.js';
import { getJson } from '../explorer/http.js';

async function start(args: ExploreArguments) {
  let stdout = '';
  let stderr = '';
  const result = await startExplore(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { result, stdout, stderr };
}

describe('stateright explore', () => {
  it('serves the model on 127.0.0.1 and prints the URL; size options apply', async () => {
    const { result, stdout } = await start({ name: 'two-phase-commit', rms: 2, port: 0 });
    if (typeof result === 'number') throw new Error(`exit ${result}`);
    try {
      expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(stdout).toContain(`Exploring two-phase-commit (2 resource managers) at ${result.url}`);
      const status = await getJson<StatusJson>(result.port, '/.status');
      expect(status.model).toBe('two-phase-commit (2 resource managers)');
    } finally {
      await result.close();
    }
  });

  it('--paused starts like Stateright: nothing explored yet', async () => {
    const { result, stdout } = await start({ name: 'paxos', port: 0, paused: true });
    if (typeof result === 'number') throw new Error(`exit ${result}`);
    try {
      expect(stdout).toContain('paused');
      expect(await getJson<StatusJson>(result.port, '/.status')).toMatchObject({ done: false, unique_state_count: 1, max_depth: 0 });
    } finally {
      await result.close();
    }
  });

  it.each<[string, ExploreArguments, string]>([
    ['no such model', { name: 'nope', port: 0 }, 'unknown model "nope"; choose one of: single-copy-register'],
    ['an option of another model', { name: 'paxos', rms: 3, port: 0 }, '--rms does not apply to paxos'],
    ['a bad size', { name: 'paxos', clients: 0, port: 0 }, '--clients must be an integer from 1 to 9 (got 0)'],
    ['a bad port', { name: 'paxos', port: 70000 }, '--port must be an integer from 0 to 65535 (got 70000)'],
    ['a bad target', { name: 'paxos', port: 0, targetStates: 0 }, '--target-states must be an integer from 1 up (got 0)'],
  ])('%s: exit 2 with a clear message', async (_what, args, message) => {
    const { result, stderr } = await start(args);
    expect(result).toBe(2);
    expect(stderr).toContain(`stateright explore: ${message}`);
  });

  it('a port in use: exit 2, naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { result, stderr } = await start({ name: 'ping-pong', port });
      expect(result).toBe(2);
      expect(stderr).toContain(`stateright explore: port ${port} on 127.0.0.1 is in use; choose another with --port`);
    } finally {
      blocker.close();
    }
  });
});
