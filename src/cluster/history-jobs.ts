/**
 * A worker's side of a history check on the cluster: one job is a batch of partitions, searched
 * on a history-checking thread (histories/check-worker.ts, the thread `check --workers N` uses)
 * by the one-thread schedule, so that this process keeps answering NATS (and telling JetStream
 * it is still working) while the search runs. Internal.
 *
 * The job is acknowledged only once its result is stored: a worker that dies holding it leaves
 * it to JetStream, which delivers it again after the consumer's acknowledgement wait, and a
 * worker that cannot reach the check's object store for a while (a request timing out on a
 * loaded server) hands it back (`nak`) to be delivered again. A job is dropped (`term`) only when
 * its check is over: its object store is gone, which the coordinator does last. A job searched
 * twice gives the same result (a partition's outcome is a function of the partition,
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
/** A job handed back after a failure is delivered again after this long. */
const AGAIN_AFTER_MS = 1_000;
/** Deliveries of one job that failed before its failure is reported as the job's result. */
const GIVE_UP_AFTER = 10;
/** A search thread whose heartbeat has not moved for this long is taken for stuck. */
const SEARCH_STALL_MS = 60_000;

/** The search thread of this job loop, kept between jobs (a thread costs a start and a warm-up). */
let thread: Handle | undefined;

export async function runHistoryJob(nc: NatsConnection, message: JsMsg, job: HistoryJob, log: (line: string) => void): Promise<void> {
  const working = setInterval(() => message.working(), WORKING_MS);
  const shared = new Int32Array(new SharedArrayBuffer(4 * (HEARTBEATS + 1)));
  shared[ROUND_CAP] = 2 ** 31 - 1;
  // The coordinator lowers the cap when a partition elsewhere ends the check sooner (see
  // round-robin.ts: abandoning only past a stopping event already seen keeps the verdict).
  const cap = nc.subscribe(capSubject(job.check), { callback: (_e, m) => lowerCap(shared, Number(m.string())) });
  let end: 'ack' | 'again' | 'over' = 'again';
  try {
    const store = await openStore(nc, job.check);
    if (store === null) {
      log(`history check ${job.check}: over (its object store is gone); job ${job.job} dropped`);
      end = 'over';
      return;
    }
    const bytes = job.object === null ? message.data : await store.getBlob(job.object);
    if (bytes === null) {
      // The coordinator puts a batch before it publishes its job, and removes it only at the end.
      log(`history check ${job.check}: batch ${job.job} is no longer in the object store (the check is over); dropped`);
      end = 'over';
      return;
    }
    const result = await searchOnThread(job, bytes, shared);
    if (result.error !== undefined) log(`history check ${job.check}, job ${job.job}: ${result.error}`);
    await store.putBlob({ name: resultName(job.job) }, encodeResult(result));
    log(`history check ${job.check}: job ${job.job} done`);
    end = 'ack';
  } catch (error) {
    const why = (error as Error).message;
    if (message.info.deliveryCount >= GIVE_UP_AFTER) {
      // Not a passing failure: say so in the job's result, which ends the check with it.
      log(`history check ${job.check}, job ${job.job}: ${why}; failed ${GIVE_UP_AFTER} times, reported`);
      end = await storeFailure(nc, job, `failed ${GIVE_UP_AFTER} times, the last time with: ${why}`);
    } else log(`history check ${job.check}, job ${job.job}: ${why}; handed back to be tried again`);
  } finally {
    clearInterval(working);
    cap.unsubscribe();
    if (end === 'ack') message.ack();
    // Without a reason: nats-server 2.9 (Debian's) does not read `+TERM <reason>` as a term,
    // and the job would stay held until its acknowledgement wait.
    else if (end === 'over') message.term();
    else message.nak(AGAIN_AFTER_MS);
  }
}

/** Stores a result that carries only `error`; 'again' when even that cannot be stored. */
async function storeFailure(nc: NatsConnection, job: HistoryJob, error: string): Promise<'ack' | 'again'> {
  try {
    const store = await openStore(nc, job.check);
    if (store !== null) await store.putBlob({ name: resultName(job.job) }, encodeResult({ finished: [], configurations: 0, error }));
    return 'ack';
  } catch {
    return 'again';
  }
}

/** The check's object store, or null when it is gone (the check is over); other failures throw. */
async function openStore(nc: NatsConnection, check: string): Promise<ObjectStore | null> {
  try {
    return await new Objm(nc).open(bucketName(check));
  } catch (error) {
    if ((error as Error).message === 'object store not found') return null;
    throw error;
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
  return new Promise<JobResult>((resolve, reject) => {
    // The search thread beats every quarter second while it searches (histories/check-worker.ts).
    // One that has not beaten for SEARCH_STALL_MS, from its start on, is stuck (in its start-up,
    // say): it is ended and the job handed back, where waiting would hold the job, and the
    // check, for ever.
    let beat = { value: Atomics.load(shared, HEARTBEATS), at: Date.now() };
    const watch = setInterval(() => {
      const value = Atomics.load(shared, HEARTBEATS);
      if (value !== beat.value) beat = { value, at: Date.now() };
      else if (Date.now() - beat.at > SEARCH_STALL_MS) {
        h.failed = true;
        settle();
        void h.worker.terminate();
        reject(new Error(`the search thread has not answered for ${SEARCH_STALL_MS / 1000} s`));
      }
    }, 1000);
    const settle = (): void => {
      clearInterval(watch);
      h.worker.off('exit', onExit);
      h.port.removeAllListeners('message');
      h.port.unref();
    };
    const fail = (why: string): void => {
      h.failed = true;
      settle();
      resolve({ finished: [], configurations: 0, error: why });
    };
    const onExit = (): void => fail('the search thread ended');
    h.worker.once('exit', onExit);
    h.port.once('message', (reply: FromWorker) => {
      settle();
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
