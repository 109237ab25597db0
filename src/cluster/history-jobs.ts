/**
 * A worker's side of a history check on the cluster: one job is a batch of partitions, searched
 * on a history-checking thread (histories/check-worker.ts, the thread `check --workers N` uses)
 * by the one-thread schedule, so that this process keeps answering NATS (and telling JetStream
 * it is still working) while the search runs. Internal.
 *
 * The job is acknowledged only once its result is stored: a worker that dies holding it leaves
 * it to JetStream, which delivers it again after the consumer's acknowledgement wait. A job
 * searched twice gives the same result (a partition's outcome is a function of the partition,
 * consistency/engine/round-robin.ts), so storing it twice under one name is harmless.
 */
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { startWorker, type Handle } from '../../histories/parallel-check.js';
import { HEARTBEATS, ROUND_CAP, type FromWorker, type ToWorker } from '../../histories/partition-protocol.js';
import { decodeBatchBytes, encodeResult, resultName, bucketName, capSubject, type HistoryJob, type JobResult } from './history-protocol.js';

/** How often a worker tells JetStream it still holds a job (its acknowledgement wait is 30 s). */
const WORKING_MS = 5_000;

/** The search thread of this job loop, kept between jobs (a thread costs a start and a warm-up). */
let thread: Handle | undefined;

export async function runHistoryJob(nc: NatsConnection, message: JsMsg, job: HistoryJob, log: (line: string) => void): Promise<void> {
  const working = setInterval(() => message.working(), WORKING_MS);
  const shared = new Int32Array(new SharedArrayBuffer(4 * (HEARTBEATS + 1)));
  shared[ROUND_CAP] = 2 ** 31 - 1;
  // The coordinator lowers the cap when a partition elsewhere ends the check sooner (see
  // round-robin.ts: abandoning only past a stopping event already seen keeps the verdict).
  const cap = nc.subscribe(capSubject(job.check), { callback: (_e, m) => lowerCap(shared, Number(m.string())) });
  try {
    let store: ObjectStore;
    try {
      store = await new Objm(nc).open(bucketName(job.check));
    } catch {
      log(`history check ${job.check}: over (its object store is gone); job ${job.job} dropped`);
      return;
    }
    const bytes = job.object === null ? message.data : await store.getBlob(job.object);
    if (bytes === null) {
      log(`history check ${job.check}: batch ${job.job} is not in the object store; dropped`);
      return;
    }
    const result = await searchOnThread(job, bytes, shared);
    if (result.error !== undefined) log(`history check ${job.check}, job ${job.job}: ${result.error}`);
    await store.putBlob({ name: resultName(job.job) }, encodeResult(result));
    log(`history check ${job.check}: job ${job.job} done`);
  } catch (error) {
    log(`history check ${job.check}, job ${job.job}: ${(error as Error).message}`);
  } finally {
    clearInterval(working);
    cap.unsubscribe();
    message.ack();
  }
}

function lowerCap(shared: Int32Array, round: number): void {
  if (!Number.isInteger(round)) return;
  for (let cap = Atomics.load(shared, ROUND_CAP); round < cap; cap = Atomics.load(shared, ROUND_CAP)) {
    if (Atomics.compareExchange(shared, ROUND_CAP, cap, round) === cap) return;
  }
}

/** The batch searched on this loop's thread; a thread that fails is replaced at the next job. */
function searchOnThread(job: HistoryJob, bytes: Uint8Array, shared: Int32Array): Promise<JobResult> {
  if (thread === undefined || thread.failed) thread = startWorker();
  const h = thread;
  const batch = decodeBatchBytes(bytes);
  return new Promise<JobResult>((resolve) => {
    const fail = (why: string): void => {
      h.failed = true;
      h.port.removeAllListeners('message');
      resolve({ finished: [], configurations: 0, error: why });
    };
    const onExit = (): void => fail('the search thread ended');
    h.worker.once('exit', onExit);
    h.port.once('message', (reply: FromWorker) => {
      h.worker.off('exit', onExit);
      h.port.unref();
      h.worker.postMessage({ type: 'check-done' } satisfies ToWorker);
      if (reply.type === 'error') fail(reply.message);
      else resolve({ finished: reply.finished, configurations: reply.configurations });
    });
    h.port.ref();
    const { kind: _kind, check: _check, job: _job, object: _object, ...settings } = job;
    const check: ToWorker = { type: 'check', ...settings, shared: shared.buffer as SharedArrayBuffer, slot: 0 };
    h.worker.postMessage(check);
    // Not transferred: the decoded arrays are views on one buffer (the message's), which the
    // structured clone copies once.
    h.worker.postMessage({ type: 'batch', batch } satisfies ToWorker);
  });
}

/** Ends this loop's search thread (the worker is stopping). */
export async function closeHistoryThread(): Promise<void> {
  const h = thread;
  thread = undefined;
  await h?.worker.terminate();
}
