/**
 * `runWorker`: the loop behind `stateright worker --nats URL`. It takes one job at a time from the
 * jobs stream (a shard of a model-checking run, or a batch of partitions of a history check),
 * does it, and waits for the next. Any machine that can load the run's model module can be a worker.
 */
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { loadModel, type ModelSpec } from '../checker/model-spec.js';
import { connectCluster, ensureJobs, fromJson, JOBS_CONSUMER, JOBS_STREAM, runNames, toJson, closeConnection } from './nats.js';
import type { ShardJob, WorkerMessage } from './protocol.js';
import { JOB_HEADER, type HistoryJob } from './history-protocol.js';
import { BEAT_MS, ShardSession } from './shard-session.js';
import { Heartbeat } from './heartbeat.js';
import { wireCodecOf } from './wire.js';

export interface WorkerOptions {
  readonly nats: string;
  /** Maps the module a job names to the one this machine loads (e.g. the bundled catalog). */
  readonly resolveModule?: (module: string) => string;
  readonly log: (line: string) => void;
  /** Stops taking jobs (a job in progress ends first). */
  readonly signal?: AbortSignal;
}

export async function runWorker(options: WorkerOptions): Promise<void> {
  const nc = await connectCluster(options.nats, 'stateright worker');
  // The thread too: a process of several job loops (--workers N) holds several shards, and the
  // coordinator tells a shard's new holder from its old one by this name.
  const worker = threadId === 0 ? `${hostname()}:${process.pid}` : `${hostname()}:${process.pid}/${threadId}`;
  // The history checker (and its search thread) is loaded at the first history job.
  let historyJobs: typeof import('./history-jobs.js') | undefined;
  const heartbeat = new Heartbeat(options.nats, BEAT_MS, options.log);
  try {
    const jsm = await jetstreamManager(nc);
    await ensureJobs(jsm);
    const js = jetstream(nc);
    await heartbeat.ready;
    options.log(`worker ${worker} joined ${options.nats}; waiting for jobs`);
    while (options.signal?.aborted !== true) {
      let m: JsMsg | null;
      try {
        const consumer = await js.consumers.get(JOBS_STREAM, JOBS_CONSUMER);
        m = await consumer.next({ expires: 2000 });
      } catch {
        // The server is restarting or the consumer is being created: ask again shortly.
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (m === null) continue;
      // A history job's description is in a header (its body is the batch); a shard job's is the body.
      const described = m.headers?.get(JOB_HEADER);
      let job: { readonly kind: string };
      try {
        job = described ? (JSON.parse(described) as { kind: string }) : fromJson<{ kind: string }>(m.data);
      } catch {
        m.ack();
        options.log('a job that is not JSON; dropped');
        continue;
      }
      if (job.kind === 'history') {
        // Acknowledged once its result is stored (history-jobs.ts).
        historyJobs ??= await import('./history-jobs.js');
        await historyJobs.runHistoryJob(nc, m, job as HistoryJob, options.log);
        continue;
      }
      // A shard job lasts the whole run; its loss is the coordinator's to notice (heartbeats).
      m.ack();
      if (job.kind === 'shard') await runShard(nc, heartbeat, job as ShardJob, worker, options);
      else options.log(`a job of unknown kind ${JSON.stringify(job.kind)}; dropped`);
    }
  } finally {
    await heartbeat.stop();
    await historyJobs?.closeHistoryThread();
    await closeConnection(nc);
  }
}

async function runShard(nc: Awaited<ReturnType<typeof connectCluster>>, heartbeat: Heartbeat, job: ShardJob, worker: string, options: WorkerOptions): Promise<void> {
  const spec: ModelSpec = { ...job.spec, module: options.resolveModule ? options.resolveModule(job.spec.module) : job.spec.module };
  let session: ShardSession<unknown, unknown>;
  try {
    const model = await loadModel(spec);
    const codec = wireCodecOf(model);
    if (typeof codec === 'string') throw new Error(`${spec.export}: ${codec}`);
    session = new ShardSession(nc, heartbeat, job, model, codec, worker, options.log);
  } catch (error) {
    const message: WorkerMessage = { type: 'join', shard: job.shard, ticket: job.ticket, worker, error: `worker ${worker} cannot take it: ${(error as Error).message}` };
    nc.publish(runNames(job.run).up, toJson(message));
    options.log(`shard ${job.shard} of run ${job.run}: ${(error as Error).message}`);
    return;
  }
  options.log(`shard ${job.shard}/${job.shards} of run ${job.run}: taken`);
  const end = await session.run();
  options.log(`shard ${job.shard} of run ${job.run}: ${end}`);
}
