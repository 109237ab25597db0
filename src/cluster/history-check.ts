/**
 * `stateright check --nats URL`: the partitions of a history (consistency/engine/partition.ts,
 * the split a local check makes) searched by `stateright worker` processes, as jobs on the
 * cluster's work queue. The verdict is assembled here by the one-thread rule
 * (`assembleVerdict`), from partitions searched by the one-thread schedule, so it is the local
 * verdict: round-robin.ts argues why for threads, and nothing in that argument depends on where
 * a batch is searched. The failing op, every key's verdict and the explanation (computed on this
 * machine from the verdict, by the caller) follow.
 *
 * This module stays free of the NATS client: the coordinator runs on a thread
 * (history-coordinator.ts) that loads it, and this thread waits for it on a shared counter, so
 * that the check keeps the synchronous shape of a local one (`RemoteChecker`).
 */
import { randomBytes } from 'node:crypto';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { CheckOptions, CheckResult, Consistency } from '../../consistency/check-result.js';
import { assembleVerdict, type FinishedPartition, type PartitionJob } from '../../consistency/engine/round-robin.js';
import type { Operation } from '../../consistency/model.js';
import { encodeBatch } from '../../histories/batch-codec.js';
import type { LoadedHistory } from '../../histories/load-history.js';
import { batchesOf, MIN_BATCH_OPS, partitionCheckSettings, type RemoteChecker } from '../../histories/parallel-check.js';
import { mapOutcome } from '../../histories/partition-protocol.js';
import { DEADLINE_GRACE_MS, type CoordinatorData, type FromCoordinator, type ToCoordinator } from './history-coordinator-protocol.js';
import { ClusterError } from './cluster-error.js';
import { startClusterThread } from './thread.js';

export interface ClusterHistoryOptions {
  /** The NATS server (JetStream enabled), e.g. `nats://127.0.0.1:4222`; several, comma-separated. */
  readonly nats: string;
  /** JetStream replicas of the check's object store (default 1; 3 on a NATS cluster of three). */
  readonly replicas?: number;
  /** Jobs per check: the history is cut into about this many batches of whole partitions (default 64). */
  readonly jobs?: number;
  /** Batches up to this many bytes travel in their job message, larger ones in the object store (default: the server's max_payload less 64 KB). */
  readonly inlineBytes?: number;
  /** Waiting for workers and other events, one line each. */
  readonly onNotice?: (line: string) => void;
}

/**
 * Jobs per check by default: enough for a few dozen worker processes to share the work and for
 * none to wait long at the end, few enough that a job's message and bookkeeping cost little
 * next to its search.
 */
const DEFAULT_JOBS = 64;
/** The coordinator thread beats every half second; this long without a beat, it is taken for dead (loading the NATS client is part of its start). */
const COORDINATOR_STALL_MS = 60_000;
/**
 * Past the deadline and the coordinator's own grace, how long this thread still waits for it
 * before it stops waiting: a coordinator stuck in a call that does not return (a server that
 * accepts connections and says nothing, say) must not hold a check with a `--timeout`.
 */
const DEADLINE_HOLD_MS = 3_000;
/** How long a coordinator told to stop may take to remove what its check left on the server. */
const STOP_CLEANUP_MS = 3_000;

export function clusterHistoryChecker(settings: ClusterHistoryOptions): RemoteChecker {
  return (history, partitions, consistency, options) => checkOnCluster(history, partitions, consistency, options, settings);
}

function checkOnCluster(
  history: LoadedHistory,
  partitions: readonly PartitionJob<unknown, unknown>[],
  consistency: Consistency,
  options: CheckOptions,
  settings: ClusterHistoryOptions,
): CheckResult<unknown, unknown> {
  const started = performance.now();
  const template = partitionCheckSettings(history, partitions.length, consistency, options);
  const totalOps = partitions.reduce((sum, p) => sum + p.ops.length, 0);
  const batches = batchesOf(partitions, Math.max(MIN_BATCH_OPS, Math.ceil(totalOps / (settings.jobs ?? DEFAULT_JOBS))));
  const shared = new SharedArrayBuffer(8);
  const signal = new Int32Array(shared);
  const { port1, port2 } = new MessageChannel();
  const data: CoordinatorData = {
    nats: settings.nats,
    replicas: settings.replicas ?? 1,
    check: randomBytes(6).toString('hex'),
    template,
    batches: batches.map(encodeBatch),
    shared,
    port: port2,
    inlineBytes: settings.inlineBytes,
  };
  const coordinator = startCoordinator(data);
  const finished: FinishedPartition<Operation<unknown, unknown>>[] = [];
  let configurations = 0;
  let timedOut = false;
  let beat = { value: -1, at: performance.now() };
  const giveUpAt = template.deadline === null ? Infinity : template.deadline + DEADLINE_GRACE_MS + DEADLINE_HOLD_MS;
  try {
    for (let over = false; !over; ) {
      if (Date.now() > giveUpAt) {
        settings.onNotice?.('the coordinator did not end by the deadline; stopped waiting for it');
        timedOut = true;
        stopCoordinator(port1, signal);
        break;
      }
      const seen = Atomics.load(signal, 0);
      const value = Atomics.load(signal, 1);
      if (value !== beat.value) beat = { value, at: performance.now() };
      else if (performance.now() - beat.at > COORDINATOR_STALL_MS) throw new ClusterError(`the check's coordinator thread has not answered for ${COORDINATOR_STALL_MS / 1000} s`);
      for (let m = receiveMessageOnPort(port1); m !== undefined && !over; m = receiveMessageOnPort(port1)) {
        const message = m.message as FromCoordinator;
        switch (message.type) {
          case 'result': {
            if (message.result.error !== undefined) throw new ClusterError(`a worker could not search job ${message.job}: ${message.result.error}`);
            configurations += message.result.configurations;
            for (const done of message.result.finished) {
              const ops = partitions[done.index].ops;
              finished.push({ index: done.index, round: done.round, outcome: mapOutcome(done.outcome, (position) => ops[position]) });
            }
            options.onProgress?.({ partitionsDone: finished.length, partitions: partitions.length, configurations, elapsedMs: performance.now() - started });
            break;
          }
          case 'notice':
            settings.onNotice?.(message.text);
            break;
          case 'timeout':
            timedOut = true;
            break;
          case 'done':
            over = true;
            break;
          case 'error':
            throw new ClusterError(message.message);
        }
      }
      if (!over) Atomics.wait(signal, 0, seen, 1000);
    }
  } finally {
    port1.close();
    void coordinator.terminate();
  }
  if (timedOut) {
    // A partition no worker answered for by the deadline is unknown, as a local search cut short
    // by the deadline is; it comes last in the walk, after every outcome that was reached.
    const answered = new Set(finished.map((f) => f.index));
    for (const p of partitions) if (!answered.has(p.index)) finished.push({ index: p.index, round: 2 ** 31 - 1, outcome: { kind: 'unknown', reason: 'timeout' } });
  }
  const stats = { configurations, partitions: partitions.length, elapsedMs: performance.now() - started };
  return assembleVerdict(partitions, finished, consistency, template.stopAtFirstInvalid, stats);
}

/** Asks the coordinator thread to stop and clean up, and waits for it a little (it is terminated after). */
function stopCoordinator(port: MessagePort, signal: Int32Array): void {
  port.postMessage('stop' satisfies ToCoordinator);
  const until = Date.now() + STOP_CLEANUP_MS;
  for (let m = receiveMessageOnPort(port); Date.now() < until; m = receiveMessageOnPort(port)) {
    if (m !== undefined && (m.message as FromCoordinator).type === 'done') return;
    if (m === undefined) Atomics.wait(signal, 0, Atomics.load(signal, 0), 100);
  }
}

function startCoordinator(data: CoordinatorData): Worker {
  const transfer = [data.port, ...data.batches.flatMap((b) => [b.numbers.buffer, b.codes.buffer, b.statuses.buffer])];
  const worker = startClusterThread('history-coordinator', data, transfer);
  worker.unref();
  return worker;
}
