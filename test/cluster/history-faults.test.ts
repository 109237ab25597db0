/**
 * A history check on the cluster finishes, with the verdict of a local check, when jobs are lost:
 * a job taken and acknowledged with no result stored is published again by the coordinator's
 * reconciliation (src/cluster/history-coordinator.ts). A job of a check that is over is dropped.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headers } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLongHistory } from '../../bench/generate-long-history.js';
import { runCheck } from '../../cli/check-command.js';
import { connectCluster, ensureJobs, JOBS_CONSUMER, JOBS_STREAM, JOBS_SUBJECT } from '../../src/cluster/nats.js';
import { JOB_HEADER } from '../../src/cluster/history-protocol.js';
import { NatsServer, skipWithoutNats } from './nats-server.js';
import { WorkerProcess } from './workers.js';

const root = join(import.meta.dirname, '..', '..');

/** `stateright check` as a process (the check waits synchronously, so it cannot share this thread with the test's NATS client). */
function checkProcess(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', './test/cluster/register-ts.mjs', 'cli/main.ts', 'check', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const withoutTimes = (text: string): string => text.replace(/, [\d.]+ m?s\)/g, ', TIME)');

describe.skipIf(skipWithoutNats())('history checks on the cluster when jobs are lost', () => {
  let server: NatsServer;
  const workers: WorkerProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cluster-faults-'));
  const file = join(dir, 'keyed-invalid.jsonl');
  writeLongHistory(file, { ops: 6_000, processes: 10, crashed: 0.01, model: 'cas-register', values: 5, keys: 40, seed: 11, staleRead: true });

  beforeAll(async () => {
    server = await NatsServer.start();
  }, 30_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two jobs acknowledged with no result are published again, and the verdict and explanation are a local check’s', async () => {
    let local = '';
    const localCode = await runCheck(
      { files: [file], independent: true, init: '0', consistency: 'linearizable', format: 'auto', json: false, expectFromNames: false, workers: 1 },
      { stdout: { isTTY: false, write: (t: string) => (local += t) }, stderr: { isTTY: false, write: () => undefined } },
    );
    expect(localCode).toBe(1);

    // A faulty worker: takes the first two jobs and acknowledges them without a result.
    const nc = await connectCluster(server.url, 'faulty worker');
    const jsm = await jetstreamManager(nc);
    await ensureJobs(jsm);
    const consumer = await jetstream(nc).consumers.get(JOBS_STREAM, JOBS_CONSUMER);
    const checking = checkProcess([file, '--independent', '--init', '0', '--nats', server.url, '--timeout', '100']);
    let dropped = 0;
    for (const until = Date.now() + 60_000; dropped < 2 && Date.now() < until; ) {
      const m = await consumer.next({ expires: 1000 });
      if (m === null) continue;
      m.ack();
      dropped++;
    }
    expect(dropped).toBe(2);
    workers.push(WorkerProcess.start(server.url));

    const cluster = await checking;
    expect(cluster.stderr.match(/left the jobs stream with no result; published again/g)?.length, cluster.stderr).toBe(2);
    expect(cluster.code, cluster.stderr).toBe(1);
    expect(withoutTimes(cluster.stdout)).toBe(withoutTimes(local));

    // A job of a check that is over (its object store is gone) is dropped, not handed back.
    const h = headers();
    h.set(JOB_HEADER, JSON.stringify({ kind: 'history', check: 'over0000', job: 0, object: 'batch-0', deadline: null }));
    await jetstream(nc).publish(JOBS_SUBJECT, new Uint8Array(0), { headers: h });
    await workers[0].said('history check over0000: over (its object store is gone); job 0 dropped', 30_000);
    // The worker logs, then ends the job: within a few seconds nothing is pending or held.
    let info = await jsm.consumers.info(JOBS_STREAM, JOBS_CONSUMER);
    for (const until = Date.now() + 10_000; (info.num_pending > 0 || info.num_ack_pending > 0) && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 200));
      info = await jsm.consumers.info(JOBS_STREAM, JOBS_CONSUMER);
    }
    expect([info.num_pending, info.num_ack_pending, info.num_redelivered]).toEqual([0, 0, 0]);
    await nc.drain();
  }, 120_000);
});
