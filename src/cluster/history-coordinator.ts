/**
 * The coordinator of a history check on the cluster, on a thread of its own so that the check
 * stays synchronous for its caller (history-check.ts waits on a shared counter, as
 * histories/parallel-check.ts does for its workers). It publishes one job per batch on the
 * shared jobs stream, collects each job's result from the check's object store, tells the
 * workers the round cap, and removes what the check left on the server when it ends. Internal.
 *
 * ## Where a batch travels
 * A batch small enough travels in its job message. A larger one (a partition of many
 * operations) is put in the check's JetStream object store, which splits it into chunks, and
 * the job names it: every worker already reaches the NATS server, while a shared path would need
 * a file system mounted on every machine. Results go to the same store, whatever their size (a
 * valid partition's witness order names every one of its operations), and the coordinator
 * learns of them by watching the store, which JetStream delivers again after a reconnection.
 */
import { headers } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Objm, StorageType, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamManager } from '@nats-io/jetstream';
import { workerData } from 'node:worker_threads';
import { isStoppingEvent } from '../../consistency/engine/round-robin.js';
import { connectCluster, ensureJobs, JOBS_CONSUMER, JOBS_STREAM, JOBS_SUBJECT, closeConnection } from './nats.js';
import { ABANDON, batchName, bucketName, capSubject, decodeResult, encodeBatchBytes, JOB_HEADER, jobOfResult, type HistoryJob, type JobResult } from './history-protocol.js';
import { DEADLINE_GRACE_MS, type CoordinatorData, type FromCoordinator, type ToCoordinator } from './history-coordinator-protocol.js';

const CAP_EVERY_MS = 500;
const STALL_NOTICE_MS = 5_000;
/** With no new result for this long, the check reconciles with the store and the stream ({@link reconciler}). */
const RECONCILE_MS = 5_000;

const data = workerData as CoordinatorData;
const signal = new Int32Array(data.shared);
const heartbeat = setInterval(() => Atomics.add(signal, 1, 1), CAP_EVERY_MS);

function post(message: FromCoordinator): void {
  data.port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

/** What the check has put on the server so far, for {@link removeLeftovers}. */
const leftovers: { nc?: NatsConnection; jsm?: JetStreamManager; store?: ObjectStore; seqs: number[] } = { seqs: [] };

/** Workers still searching this check's jobs abandon them; untaken jobs and the object store are removed. */
async function removeLeftovers(): Promise<void> {
  const { nc, jsm, store, seqs } = leftovers;
  nc?.publish(capSubject(data.check), String(ABANDON));
  for (const seq of seqs.splice(0)) await jsm?.streams.deleteMessage(JOBS_STREAM, seq, false).catch(() => false);
  await store?.destroy().catch(() => false);
  leftovers.store = undefined;
  nc?.publish(capSubject(data.check), String(ABANDON));
}

// The waiting thread gives up on a coordinator that has not ended by the deadline (a call that
// does not return, such as a server that accepts connections and says nothing): it says 'stop',
// and whatever the coordinator is waiting for, the check's leftovers are removed now.
let stopRequested = false;
let wakeLoop: (() => void) | undefined;
const stopped = new Promise<void>((resolve) => {
  data.port.on('message', (m: ToCoordinator) => {
    if (m !== 'stop') return;
    stopRequested = true;
    wakeLoop?.();
    resolve();
  });
});

async function coordinate(): Promise<void> {
  const nc = await connectCluster(data.nats, 'stateright check');
  leftovers.nc = nc;
  try {
    const jsm = await jetstreamManager(nc);
    leftovers.jsm = jsm;
    await ensureJobs(jsm);
    const js = jetstream(nc);
    const store = await new Objm(js).create(bucketName(data.check), { storage: StorageType.File, replicas: data.replicas });
    leftovers.store = store;
    const seqs = leftovers.seqs;
    let cap = 2 ** 31 - 1;
    try {
      const results = new Map<number, JobResult>();
      let wake: (() => void) | undefined;
      /** Takes the result named `name` (once): a failure leaves it to the next reconciliation. */
      const take = async (name: string): Promise<void> => {
        const job = jobOfResult(name);
        if (job === undefined || results.has(job)) return;
        const bytes = await store.getBlob(name);
        if (bytes === null || results.has(job)) return;
        const result = decodeResult(bytes);
        results.set(job, result);
        for (const f of result.finished) if (isStoppingEvent(f.outcome, data.template.stopAtFirstInvalid)) cap = Math.min(cap, f.round);
        post({ type: 'result', job, result });
        wake?.();
      };
      const watcher = await store.watch({ includeHistory: true, ignoreDeletes: true });
      void (async () => {
        for await (const info of watcher) if (info !== null) await take(info.name).catch(() => undefined);
      })().catch((error: unknown) => post({ type: 'notice', text: `watching the results: ${(error as Error).message}` }));

      const inline = data.inlineBytes ?? (nc.info?.max_payload ?? 2 ** 20) - 64 * 1024;
      const publishJob = async (job: number, again = false): Promise<number> => {
        const { body, h } = await jobMessage(store, inline, job, again);
        return (await js.publish(JOBS_SUBJECT, body, { headers: h })).seq;
      };
      for (let job = 0; job < data.batches.length; job++) seqs.push(await publishJob(job));
      const reconcile = reconciler(store, jsm, results, seqs, take, publishJob);
      let lastResult = Date.now();
      let lastCount = 0;
      let lastStallNotice = Date.now();
      let lastReconcile = Date.now();
      while (results.size < data.batches.length && !stopRequested) {
        nc.publish(capSubject(data.check), String(cap));
        await new Promise<void>((resolve) => {
          wake = wakeLoop = resolve;
          setTimeout(resolve, CAP_EVERY_MS);
        });
        wake = wakeLoop = undefined;
        const now = Date.now();
        if (results.size > lastCount) [lastCount, lastResult] = [results.size, now];
        if (data.template.deadline !== null && now > data.template.deadline + DEADLINE_GRACE_MS) {
          post({ type: 'timeout' });
          break;
        }
        if (now - lastResult >= RECONCILE_MS && now - lastReconcile >= RECONCILE_MS) {
          lastReconcile = now;
          await reconcile().catch(() => undefined);
        }
        if (now - lastResult >= STALL_NOTICE_MS && now - lastStallNotice >= STALL_NOTICE_MS) {
          lastStallNotice = now;
          const info = await jsm.consumers.info(JOBS_STREAM, JOBS_CONSUMER).catch(() => null);
          if (info !== null && info.num_ack_pending === 0) {
            post({ type: 'notice', text: `waiting: no worker holds a job of this check, ${data.batches.length - results.size} to go (start \`stateright worker --nats ${data.nats}\`)` });
          }
        }
      }
    } finally {
      await removeLeftovers();
    }
  } finally {
    await closeConnection(nc);
  }
}

/** Job `job`'s message: its batch inline, or (too large for a message) put in the object store first. */
async function jobMessage(store: ObjectStore, inline: number, job: number, again: boolean): Promise<{ body: Uint8Array; h: ReturnType<typeof headers> }> {
  const bytes = encodeBatchBytes(data.batches[job]);
  let object: string | null = null;
  if (bytes.length > inline) {
    object = batchName(job);
    // Published again, the job names the batch already stored (removed only when the check ends).
    if (!again) await store.putBlob({ name: object }, bytes);
  }
  const description: HistoryJob = { kind: 'history', check: data.check, job, object, ...data.template };
  const h = headers();
  h.set(JOB_HEADER, JSON.stringify(description));
  return { body: object === null ? bytes : new Uint8Array(0), h };
}

/**
 * What a stalled check does every `RECONCILE_MS`: the results are read from the object store's
 * listing (a result the watcher missed, or one whose read failed, is taken now), and a job whose
 * message has left the jobs stream with no result stored, at two reconciliations in a row, is
 * published again.
 *
 * Why that is safe: a worker acknowledges a job (which removes it from the work queue) only
 * after its result is stored (history-jobs.ts), so a job gone with no result was lost (removed
 * by hand, or by a worker that ended it wrongly). Two looks in a row, with the listing before the
 * look at the stream each time, keep a worker that stores its result between the two from being
 * taken for a loss; if it happens anyway, the job is searched twice, which gives the same result,
 * and the second copy is ignored.
 */
function reconciler(
  store: ObjectStore,
  jsm: JetStreamManager,
  results: ReadonlyMap<number, JobResult>,
  seqs: number[],
  take: (name: string) => Promise<void>,
  publishJob: (job: number, again: boolean) => Promise<number>,
): () => Promise<void> {
  const suspects = new Set<number>();
  return async () => {
    for (const info of await store.list()) await take(info.name).catch(() => undefined);
    for (let job = 0; job < seqs.length; job++) {
      if (results.has(job)) {
        suspects.delete(job);
        continue;
      }
      const inStream = (await jsm.streams.getMessage(JOBS_STREAM, { seq: seqs[job] })) !== null;
      if (inStream) suspects.delete(job);
      else if (!suspects.has(job)) suspects.add(job);
      else {
        suspects.delete(job);
        seqs[job] = await publishJob(job, true);
        post({ type: 'notice', text: `job ${job} left the jobs stream with no result; published again` });
      }
    }
  };
}

Promise.race([coordinate(), stopped.then(removeLeftovers)])
  .then(() => post({ type: 'done' }))
  .catch((error: unknown) => post({ type: 'error', message: (error as Error).message }))
  .finally(() => clearInterval(heartbeat));
