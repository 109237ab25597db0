import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClusterCheck } from '../../cli/check-cluster.js';

/**
 * A server on loopback that accepts connections and never says a word: a NATS client waits for
 * its greeting, so the check's coordinator is stuck in a call that does not return.
 */
describe('check --nats with a coordinator that cannot get anywhere', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let url = '';

  beforeAll(async () => {
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    url = `nats://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('--timeout ends it: the verdict is unknown (timed out), exit code 3', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runClusterCheck(
      { files: ['histories/examples/independent/register-keys-invalid.edn'], independent: true, nats: url, timeout: 1, consistency: 'linearizable', format: 'auto', json: false, expectFromNames: false, workers: 1 },
      { stdout: { isTTY: false, write: (t: string) => (stdout += t) }, stderr: { isTTY: false, write: (t: string) => (stderr += t) } },
    );
    expect(stdout).toMatch(/unknown \(timed out\)/);
    expect(stderr).toMatch(/the coordinator did not end by the deadline; stopped waiting for it/);
    expect(code, stderr).toBe(3);
  }, 60_000);
});
