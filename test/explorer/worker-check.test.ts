/**
 * The worker protocol, both ends in this thread over a MessageChannel (a real worker needs the
 * compiled files; `npm run bench:explorer` runs one): the server side sees the worker's counts and
 * discoveries, pause and resume take effect, and stale reports do not undo a pause.
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { check, type Model } from '../../src/checker/index.js';
import { RemoteCheck, serveCheck } from '../../src/explorer/worker-check.js';
import { paxosNoAdopt, registerSystem } from '../../register-models/index.js';

const build = () => registerSystem(paxosNoAdopt, { servers: 3, clients: 2 }) as unknown as Model<unknown, unknown>;
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('background check in a worker: the protocol', () => {
  it('reports the same result as BFS; pause and resume work', async () => {
    const { port1, port2 } = new MessageChannel();
    const model = build();
    const worker = serveCheck(port1, build(), {});
    const remote = new RemoteCheck(model.properties(), port2, false, () => port1.close());
    try {
      while (remote.status().unique === 0) await tick();
      remote.pause();
      expect(remote.status().phase).toBe('paused'); // at once, before the worker answers
      while (worker.status().phase !== 'paused') await tick();
      await tick();
      const paused = remote.status();
      expect(paused.phase).toBe('paused');
      await tick();
      expect(remote.status().unique).toBe(paused.unique);
      remote.resume();
      expect(remote.status().phase).toBe('exploring');
      while (remote.status().phase !== 'done') await tick();
      const bfs = check(model, { strategy: 'bfs' });
      const s = remote.status();
      expect([s.generated, s.unique, s.maxDepth]).toEqual([bfs.generated, bfs.unique, bfs.maxDepth]);
      expect(s.discoveries.map((d) => d?.join('/'))).toEqual(worker.status().discoveries.map((d) => d?.join('/')));
      expect(s.discoveries.every((d) => d !== undefined)).toBe(true);
    } finally {
      remote.stop();
      port2.close();
    }
  });
});
