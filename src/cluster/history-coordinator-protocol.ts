/**
 * What the thread that runs a history check's coordinator (history-coordinator.ts) and the
 * thread that waits for it (history-check.ts) tell each other. Free of the NATS client, so that
 * the waiting side loads none of it. Internal.
 */
import type { MessagePort } from 'node:worker_threads';
import type { EncodedBatch } from '../../histories/batch-codec.js';
import type { HistoryJob, JobResult } from './history-protocol.js';

/** What history-check.ts hands the thread. */
export interface CoordinatorData {
  readonly nats: string;
  readonly replicas: number;
  readonly check: string;
  readonly template: Omit<HistoryJob, 'job' | 'object' | 'check' | 'kind'>;
  readonly batches: readonly EncodedBatch[];
  /** Slot 0 counts the messages posted on `port`; slot 1 is the thread's heartbeat. */
  readonly shared: SharedArrayBuffer;
  readonly port: MessagePort;
  /** Batches up to this many bytes travel in their job message (default: the server's max_payload less 64 KB). */
  readonly inlineBytes?: number;
}

export type FromCoordinator =
  | { readonly type: 'result'; readonly job: number; readonly result: JobResult }
  | { readonly type: 'notice'; readonly text: string }
  | { readonly type: 'timeout' }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

/** Past the deadline, how long the coordinator waits for the workers' own "timed out" results. */
export const DEADLINE_GRACE_MS = 2_000;
/** To the coordinator: stop now (the waiting side gave up), removing what the check left on the server. */
export type ToCoordinator = 'stop';
