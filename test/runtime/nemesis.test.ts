/**
 * (c) Crash and restart: ABD on 3 servers while the serve nemesis kills one server at a time
 * (socket, timers and memory gone) and restarts it from its storage file.
 */
import { createSocket } from 'node:dgram';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load, serve, tempDir } from './harness.js';
import { UdpClient } from './udp-client.js';

describe('kill-restart nemesis', () => {
  it('ABD, 3 servers with reliable peers, one killed and restarted repeatedly: the history is linearizable', async () => {
    const storage = tempDir();
    const servers = await serve({ protocol: 'abd', servers: 3, reliablePeers: true, storage, nemesis: 'kill-restart', every: 0.4, downtimeMs: 150, seed: 3 });
    try {
      const run = await load(servers, { duration: 2, clients: 3, timeoutMs: 200, putRatio: 0.3, seed: 3 });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/: linearizable \(register, \d+ ops/);
      expect(run.summary!.okWrites).toBeGreaterThan(0);
      const kills = servers.output.stderr.match(/nemesis: \{"type":"info","process":"nemesis","f":"kill"/g) ?? [];
      expect(kills.length).toBeGreaterThanOrEqual(3);
      expect(readdirSync(storage).filter((f) => f.endsWith('.storage'))).toHaveLength(3);
    } finally {
      await servers.stop();
    }
  });
});

/** A base port with `count` free consecutive UDP ports after it (checked by binding them). */
async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const sockets = Array.from({ length: count }, () => createSocket('udp4'));
    const bound = await Promise.all(
      sockets.map((s, i) => new Promise<boolean>((resolve) => (s.once('error', () => resolve(false)), s.bind(base + i, '127.0.0.1', () => resolve(true))))),
    );
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => (bound[sockets.indexOf(s)] ? s.close(() => resolve()) : resolve()))));
    if (bound.every(Boolean)) return base;
  }
  throw new Error('no free ports');
}

describe('one server per runtime (--only), killed and restarted', () => {
  it('ABD servers in separate runtimes find each other; a killed one restarts from its storage file and catches up', async () => {
    const port = await freePorts(3);
    const storage = tempDir();
    const start = (only: number) => serve({ protocol: 'abd', servers: 3, port, only, storage, reliablePeers: true });
    const handles = [await start(0), await start(1), await start(2)];
    const client = await UdpClient.open();
    const at = (i: number) => handles[0].addresses[i];
    try {
      expect(await client.request(at(0), '{"Put":[1,"A"]}')).toBe('{"PutOk":1}');
      await handles[1].stop(); // kill server 1
      expect(await client.request(at(0), '{"Put":[2,"B"]}')).toBe('{"PutOk":2}'); // a majority is left
      const saved = JSON.parse(readFileSync(join(storage, `127.0.0.1:${port + 1}.storage`), 'utf8')) as { wrappedStorage: unknown };
      handles[1] = await start(1);
      // Restored from its file (checked before it handles any datagram: the runtime's handlers run on later turns).
      expect((handles[1].runtime.state(1) as { wrapped: unknown }).wrapped).toEqual(saved.wrappedStorage);
      expect(await client.request(at(1), '{"Get":3}')).toBe('{"GetOk":[3,"B"]}'); // and it reads the majority
    } finally {
      await client.close();
      for (const h of handles) await h.stop();
    }
  });
});
