/**
 * The NATS names and plumbing a cluster run shares between its coordinator and its workers.
 * Internal.
 *
 * - `STATERIGHT_JOBS` (work queue, subject `stateright.jobs`): jobs for any idle worker: one per
 *   shard of a model-checking run, one per partition of a history check. A worker takes one job
 *   at a time and acknowledges it when it takes it; a lost worker's job is published again by
 *   the coordinator, which watches heartbeats, so no job waits for an acknowledgement timeout.
 * - Per model-checking run `R`: the stream `SR_R_DATA` (work queue, subjects `sr.R.data.<shard>`,
 *   one durable pull consumer per assignment of a shard) carries the successor batches and
 *   end-of-level markers;
 *   `SR_R_LOG` (subjects `sr.R.log.<shard>`) is each shard's log of committed levels. Control goes
 *   over core NATS (`sr.R.ctl` from the coordinator, `sr.R.up` to it, `sr.R.ask.<shard>` for
 *   parent look-ups): those messages are re-sent until they are superseded, so a lost one costs a
 *   delay, not a wrong answer.
 */
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { ClusterError } from './cluster-error.js';
import { AckPolicy, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';

export const JOBS_STREAM = 'STATERIGHT_JOBS';
export const JOBS_SUBJECT = 'stateright.jobs';
export const JOBS_CONSUMER = 'workers';

export interface RunNames {
  readonly data: string;
  readonly log: string;
  readonly ctl: string;
  readonly up: string;
  dataSubject(shard: number): string;
  logSubject(shard: number): string;
  ask(shard: number): string;
  /** The durable consumer of one assignment of a shard (its ticket): each holder reads through its own. */
  consumer(shard: number, ticket: number): string;
}

export function runNames(run: string): RunNames {
  return {
    data: `SR_${run}_DATA`,
    log: `SR_${run}_LOG`,
    ctl: `sr.${run}.ctl`,
    up: `sr.${run}.up`,
    dataSubject: (k) => `sr.${run}.data.${k}`,
    logSubject: (k) => `sr.${run}.log.${k}`,
    ask: (k) => `sr.${run}.ask.${k}`,
    consumer: (k, ticket) => `shard-${k}-${ticket}`,
  };
}

export { ClusterError };

/** Connects for the length of a run: reconnects forever, since a server restart must not end it. */
export async function connectCluster(url: string, name: string): Promise<NatsConnection> {
  try {
    return await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, pingInterval: 2000 });
  } catch (error) {
    throw new ClusterError(`cannot reach the NATS server at ${url}: ${(error as Error).message}`);
  }
}

/** The jobs stream and its one shared consumer, created by whoever comes first. */
export async function ensureJobs(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(JOBS_STREAM);
  } catch {
    await jsm.streams.add({ name: JOBS_STREAM, subjects: [JOBS_SUBJECT], retention: RetentionPolicy.Workqueue, storage: StorageType.File }).catch(() => undefined);
  }
  try {
    await jsm.consumers.info(JOBS_STREAM, JOBS_CONSUMER);
  } catch {
    await jsm.consumers.add(JOBS_STREAM, { durable_name: JOBS_CONSUMER, ack_policy: AckPolicy.Explicit, ack_wait: nanos(30_000) }).catch(() => undefined);
  }
}

export { DiscardPolicy, RetentionPolicy, StorageType };

/** How long a connection may take to drain at the end before it is closed as it is. */
const DRAIN_MS = 5_000;

/**
 * Drains `nc` (what was published reaches the server) and closes it, within {@link DRAIN_MS}:
 * a drain waits on the server, which may be gone or reconnecting for ever, and the end of a run
 * or of a worker must not wait with it.
 */
export async function closeConnection(nc: NatsConnection): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([nc.drain().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
  clearTimeout(timer);
  if (!nc.isClosed()) await nc.close().catch(() => undefined);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const toJson = (v: unknown): Uint8Array => encoder.encode(JSON.stringify(v));
export const fromJson = <T>(b: Uint8Array): T => JSON.parse(decoder.decode(b)) as T;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Publishes to a JetStream subject until the server stores it, or until `stopped()`. A full
 * stream (the run's `MaxBytes` with discard-new) rejects the message: that is the back-pressure
 * of the design, and the publisher waits and tries again. Timeouts and disconnections are
 * retried the same way; the message id makes a retried message that was stored after all count
 * once (JetStream's duplicate window).
 */
export async function publishReliably(js: JetStreamClient, subject: string, data: Uint8Array, msgID: string, stopped: () => boolean): Promise<boolean> {
  let wait = 20;
  for (;;) {
    if (stopped()) return false;
    try {
      await js.publish(subject, data, { msgID, timeout: 5000 });
      return true;
    } catch {
      await sleep(wait);
      wait = Math.min(1000, wait * 2);
    }
  }
}

/** Keeps up to `window` publishes in flight, so that one round trip does not cost one batch. */
export class Publisher {
  private readonly inFlight = new Set<Promise<boolean>>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly window: number,
  ) {}

  async send(subject: string, data: Uint8Array, msgID: string, stopped: () => boolean): Promise<void> {
    while (this.inFlight.size >= this.window) await Promise.race(this.inFlight);
    const p: Promise<boolean> = publishReliably(this.js, subject, data, msgID, stopped).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Resolves when every message sent so far is stored (or abandoned). */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}
