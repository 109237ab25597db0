import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { checkOnCluster, type ClusterCheckResult } from '../../src/cluster/index.js';
import { CATALOG_MODULE } from '../../cli/catalog-model.js';
import { findModel, type SizeSettings } from '../../cli/model-catalog.js';
import { NatsServer, skipWithoutNats } from './nats-server.js';
import { WorkerProcess } from './workers.js';
import { slowTree } from './slow-model.js';

const entry = (await findModel('two-phase-commit'))!;
const settings = { ...entry.defaults, rms: 5 } as SizeSettings;
const spec = { module: CATALOG_MODULE, export: 'catalogModel', args: ['two-phase-commit', settings] };
const { model } = await entry.build(settings);
const local = check(model);

describe.skipIf(skipWithoutNats())('a cluster run survives faults or says it cannot finish', () => {
  let server: NatsServer;
  const workers: WorkerProcess[] = [];
  const notices: string[] = [];

  const start = async (n: number): Promise<void> => {
    const fresh = Array.from({ length: n }, () => WorkerProcess.start(server.url));
    workers.push(...fresh);
    await Promise.all(fresh.map((w) => w.said('waiting for jobs')));
  };

  /** Two-phase commit, 5 RMs, on 3 shards; `atLevel(d)` runs at each level barrier. */
  const run = (atLevel: (depth: number) => void, timeoutMs?: number): Promise<ClusterCheckResult<unknown, unknown>> =>
    checkOnCluster(spec, {
      nats: server.url,
      shards: 3,
      lostAfterMs: 3000,
      timeoutMs,
      progressIntervalMs: 0,
      onProgress: (p) => atLevel(p.maxDepth),
      onNotice: (line) => notices.push(line),
    });

  beforeAll(async () => {
    server = await NatsServer.start();
  }, 30_000);

  afterAll(async () => {
    if (process.env.CLUSTER_DEBUG) console.log(notices.join('\n'), workers.map((w) => w.output).join('\n----\n'));
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await server?.stop();
  });

  it('a worker SIGKILLed mid-run and replaced by a new worker: the level is replayed and the counts are the one-thread run’s', async () => {
    await start(3);
    let killed = false;
    const result = await run((depth) => {
      if (depth < 6 || killed) return;
      killed = true;
      void workers[0].kill('SIGKILL').then(() => start(1));
    });
    expect(killed).toBe(true);
    expect(result.traffic.replays).toBeGreaterThanOrEqual(1);
    expect([result.generated, result.unique, result.maxDepth, result.complete]).toEqual([local.generated, local.unique, local.maxDepth, true]);
    expect(result.discoveredNames).toEqual(local.discoveredNames);
    expect(workers.some((w) => w.output.includes('reloading levels 1–'))).toBe(true);
  }, 240_000);

  it('without a replacement the run stalls, says so, and ends timed out with the counts of complete levels only', async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    expect(alive.length).toBeGreaterThanOrEqual(3);
    notices.length = 0;
    let killed = false;
    let lastComplete = { unique: 0, depth: 0 };
    const result = await run((depth) => {
      if (depth >= 6 && !killed) {
        killed = true;
        // Every idle worker goes, so that no one can take the lost shard.
        for (const w of alive) void w.kill('SIGKILL');
      }
    }, 12_000);
    lastComplete = { unique: result.unique, depth: result.maxDepth };
    expect(killed).toBe(true);
    expect(result.timedOut).toBe(true);
    expect(result.complete).toBe(false);
    expect(notices.some((n) => n.includes('no word from worker'))).toBe(true);
    expect(notices.some((n) => n.startsWith('stalled'))).toBe(true);
    // The counts are those of whole levels of the one-thread BFS: never more, never a part of a level.
    const byDepth = check(model, { targetMaxDepth: lastComplete.depth + 1 });
    expect(result.unique).toBe(byDepth.unique);
  }, 240_000);

  it('nats-server killed for 2 s and restarted (file storage): the run ends with the one-thread counts', async () => {
    await start(3);
    let killed = false;
    const result = await run((depth) => {
      if (depth < 6 || killed) return;
      killed = true;
      void server.kill().then(async () => {
        await new Promise((r) => setTimeout(r, 2000));
        await server.resume();
      });
    }, 60_000);
    expect(killed).toBe(true);
    if (result.timedOut) expect(result.complete).toBe(false);
    else expect([result.generated, result.unique, result.maxDepth, result.complete]).toEqual([local.generated, local.unique, local.maxDepth, true]);
  }, 240_000);

  it('a worker busy for longer than the loss timeout in one model step keeps its shard: no replacement, no replay, the one-thread counts', async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    if (alive.length < 2) await start(2 - alive.length);
    notices.length = 0;
    const stallMs = 5000;
    const result = await checkOnCluster(
      { module: new URL('./slow-model.ts', import.meta.url).href, export: 'slowTree', args: [stallMs] },
      { nats: server.url, shards: 2, lostAfterMs: 2000, timeoutMs: 25_000, onNotice: (line) => notices.push(line) },
    );
    const one = check(slowTree(0));
    expect(notices.filter((n) => n.includes('no word from worker'))).toEqual([]);
    // The step did outlast the loss timeout: the heartbeat said so, and the shard stayed.
    expect(notices.some((n) => n.includes('is alive but its shard thread has been busy') && n.includes('it keeps the shard'))).toBe(true);
    expect(result.traffic.replays).toBe(0);
    expect([result.generated, result.unique, result.maxDepth, result.complete, result.timedOut]).toEqual([one.generated, one.unique, one.maxDepth, true, false]);
  }, 60_000);

  it('a model that throws on a worker ends the run with its error, and the workers are free for the next run', async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    if (alive.length < 2) await start(2 - alive.length);
    const broken = { module: new URL('./slow-model.ts', import.meta.url).href, export: 'brokenTree', args: [12] };
    // Without the error reaching the coordinator, the shard would be offered again and again until the timeout.
    await expect(checkOnCluster(broken, { nats: server.url, shards: 2, timeoutMs: 50_000 })).rejects.toThrow(
      /^brokenTree threw on worker \S+ \(shard \d\), expanding level 4: state 12 is broken$/,
    );
    const fine = await checkOnCluster({ ...broken, args: [100] }, { nats: server.url, shards: 2, timeoutMs: 50_000 });
    expect([fine.unique, fine.complete]).toEqual([63, true]);
  }, 120_000);
});
