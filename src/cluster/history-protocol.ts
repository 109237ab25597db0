/**
 * What a history check on the cluster (`stateright check --nats`) sends: one job per batch of
 * partitions on the shared jobs stream, the batch itself inline or in the check's object store,
 * each job's result in that object store, and the round cap on a plain NATS subject. Internal.
 */
import { deserialize, serialize } from 'node:v8';
import type { EncodedBatch } from '../../histories/batch-codec.js';
import type { EncodedFinished, ToWorker } from '../../histories/partition-protocol.js';

/** The job travels in this header; the message body is the batch, or empty when the batch is in the object store. */
export const JOB_HEADER = 'Stateright-Job';

/** The settings of a check, as the history-checking thread takes them (partition-protocol.ts), less its shared memory. */
export type CheckSettings = Omit<Extract<ToWorker, { type: 'check' }>, 'type' | 'shared' | 'slot'>;

export interface HistoryJob extends CheckSettings {
  readonly kind: 'history';
  /** The check's id: names its object store and subjects. */
  readonly check: string;
  /** The batch's place in the check's list of batches. */
  readonly job: number;
  /** The batch's name in the object store, or null when it is the message body. */
  readonly object: string | null;
}

/** A job's answer, stored as `resultName(job)`. */
export interface JobResult {
  readonly finished: readonly EncodedFinished[];
  readonly configurations: number;
  /** Set when the worker could not search the batch. */
  readonly error?: string;
}

export const bucketName = (check: string): string => `sr-check-${check}`;
export const capSubject = (check: string): string => `sr.check.${check}.cap`;
export const batchName = (job: number): string => `batch-${job}`;
export const resultName = (job: number): string => `result-${job}`;
export const jobOfResult = (name: string): number | undefined => (/^result-(\d+)$/.exec(name) === null ? undefined : Number(name.slice('result-'.length)));

/**
 * A round cap that tells workers to abandon every partition: `searchRoundRobin` stops before any
 * round above the cap, and rounds start at 0. Sent once the check no longer needs any result.
 */
export const ABANDON = -1;

/**
 * Batches and results cross machines through V8's serializer (`node:v8`): it writes typed
 * arrays as their bytes, and carries the values that the batch codec leaves to structured
 * cloning (NaN, -0, Maps), which JSON would change. Every worker runs the same stateright-ts on
 * Node ≥ 20; V8 reads the format of older versions.
 */
export const encodeBatchBytes = (batch: EncodedBatch): Uint8Array => serialize(batch);
export const decodeBatchBytes = (bytes: Uint8Array): EncodedBatch => deserialize(bytes) as EncodedBatch;
export const encodeResult = (result: JobResult): Uint8Array => serialize(result);
export const decodeResult = (bytes: Uint8Array): JobResult => deserialize(bytes) as JobResult;
