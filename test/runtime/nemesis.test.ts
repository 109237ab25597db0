/**
 * (c) Crash and restart: ABD on 3 servers while the serve nemesis kills one server at a time
 * (socket, timers and memory gone) and restarts it from its storage file.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { load, serve, tempDir } from './harness.js';

describe('kill-restart nemesis', () => {
  it('ABD, 3 servers with reliable peers, one killed and restarted repeatedly: the history is linearizable', async () => {
    const storage = tempDir();
    const servers = await serve({ protocol: 'abd', servers: 3, reliablePeers: true, storage, nemesis: 'kill-restart', every: 0.4, downtimeMs: 150, seed: 3 });
    try {
      const run = await load(servers, { duration: 2, clients: 3, timeoutMs: 200, putRatio: 0.3, seed: 3 });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/: linearizable \(register, \d+ ops/);
      expect(run.summary!.okWrites).toBeGreaterThan(0);
      const kills = servers.output.stderr.match(/nemesis: killed server \d; restarting it from its storage/g) ?? [];
      expect(kills.length).toBeGreaterThanOrEqual(3);
      expect(readdirSync(storage).filter((f) => f.endsWith('.storage'))).toHaveLength(3);
    } finally {
      await servers.stop();
    }
  });
});
