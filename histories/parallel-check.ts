/**
 * Checking a partitioned history on N threads (`stateright check --workers N`): this one and
 * N - 1 worker threads. The partitions are those one thread checks (`partitionHistory`, with its
 * soundness rules), searched in batches on the one-thread schedule (round-robin.ts, through
 * batch-search.ts) by the workers and, between answering them, by this thread, and the
 * verdict is assembled by the one-thread rule, so it is the same on any number of workers:
 * verdict, failing op, key, every key's verdict. Only the statistics (and which partition a
 * shared limit — time, bytes — stops first) may differ.
 *
 * The call is synchronous, like a one-thread check: the coordinator sleeps on a shared counter
 * (`Atomics.wait`) that a worker bumps after each answer, and takes the answers with
 * `receiveMessageOnPort`, so `checkHistoryFile` keeps its signature.
 *
 * Limits: `maxMemoryBytes` and `maxConfigurations` bound the whole check, so each of the N
 * threads gets 1/N of each; the deadline is shared.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { CheckOptions, CheckResult, Consistency } from '../consistency/check-result.js';
import { defaultMaxMemoryBytes, SearchBudget } from '../consistency/engine/budget.js';
import { checkHistory, DEFAULT_MAX_CONFIGURATIONS, partitionHistory } from '../consistency/engine/check.js';
import { assembleVerdict } from '../consistency/engine/round-robin.js';
import type { FinishedPartition, PartitionJob } from '../consistency/engine/round-robin.js';
import type { Operation } from '../consistency/model.js';
import type { LoadedHistory } from './load-history.js';
import { encodeBatch } from './batch-codec.js';
import { searchBatch } from './batch-search.js';
import { HEARTBEATS, mapOutcome, ROUND_CAP, SIGNAL } from './partition-protocol.js';
import type { FromWorker, PartitionCheckSettings, ToWorker } from './partition-protocol.js';

/**
 * Below this many operations a history is checked on the calling thread. Starting a worker,
 * loading the engine into it and warming it up costs about 0.1 s here; one thread checks a keyed
 * register history at roughly 200,000 operations per second (the 1,000,000-op bench: 5 s), so
 * below 20,000 operations (0.1 s of work) a worker could not repay its start.
 */
export const MIN_OPS_FOR_WORKERS = 20_000;
/** Batches per thread: enough for the faster threads to take over the slower ones' share, and for none to wait long at the end. */
const BATCHES_PER_THREAD = 16;
/** Batches given to a worker before it answers. */
const IN_FLIGHT = 2;
/** A batch holds at least this many operations (a message per tiny partition would cost more than its search). */
export const MIN_BATCH_OPS = 2_000;
/** A worker whose heartbeat has not moved for this long is taken for dead (it beats every quarter second while searching). */
const STALL_MS = 60_000;

/** The default number of workers: the cores Node may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

export interface ParallelOptions {
  /** Threads, the calling one included (default 1: the calling thread only). */
  readonly workers?: number;
  /** Histories with fewer operations are checked on the calling thread (default {@link MIN_OPS_FOR_WORKERS}). */
  readonly minOpsForWorkers?: number;
  /** Searches the partitions elsewhere (a cluster: src/cluster/history-check.ts) instead of on this machine's threads. */
  readonly remote?: RemoteChecker;
}

/**
 * A search of a history's partitions somewhere else, as synchronous as the local one: it gets
 * the partitions `partitionHistory` made and returns the verdict `assembleVerdict` makes of them.
 */
export type RemoteChecker = (
  history: LoadedHistory,
  partitions: readonly PartitionJob<unknown, unknown>[],
  consistency: Consistency,
  options: CheckOptions,
) => CheckResult<unknown, unknown>;

/**
 * Checks the loaded history, on workers when that can pay (more than one worker asked for, more
 * than one partition, at least `minOpsForWorkers` operations), else on this thread.
 */
export function checkLoadedHistory(history: LoadedHistory, consistency: Consistency, options: CheckOptions & ParallelOptions): CheckResult<unknown, unknown> {
  if (options.remote !== undefined) return options.remote(history, partitionHistory(history.operations, history.model, consistency), consistency, options);
  const workers = options.workers ?? 1;
  if (workers <= 1 || history.operations.length < (options.minOpsForWorkers ?? MIN_OPS_FOR_WORKERS)) {
    return checkHistory(history.operations, history.model, consistency, options);
  }
  const partitions = partitionHistory(history.operations, history.model, consistency);
  if (partitions.length < 2) return checkHistory(history.operations, history.model, consistency, options);
  return checkInWorkers(history, partitions, consistency, Math.min(workers, partitions.length), options);
}

export interface Handle {
  readonly worker: Worker;
  readonly port: MessagePort;
  failed: boolean;
}

/** Workers kept between checks (unreferenced, so they never keep the process alive). */
const idle: Handle[] = [];

/** A history-checking worker thread (check-worker.ts), unreferenced. */
export function startWorker(): Handle {
  const { port1, port2 } = new MessageChannel();
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = fromSource
    ? new Worker(new URL('../src/checker/worker-dev-bootstrap.mjs', import.meta.url), {
        workerData: { entry: new URL('./check-worker.ts', import.meta.url).href, port: port2 },
        transferList: [port2],
      })
    : new Worker(new URL('./check-worker.js', import.meta.url), { workerData: { port: port2 }, transferList: [port2] });
  const handle: Handle = { worker, port: port1, failed: false };
  worker.on('error', () => (handle.failed = true));
  worker.on('exit', () => (handle.failed = true));
  worker.unref();
  return handle;
}

function acquire(n: number): Handle[] {
  const handles: Handle[] = [];
  while (handles.length < n) {
    const reused = idle.pop();
    if (reused === undefined) handles.push(startWorker());
    else if (!reused.failed) handles.push(reused);
  }
  return handles;
}

/** Contiguous runs of partitions of at least `target` operations, in partition order. */
export function batchesOf<I, O>(partitions: readonly PartitionJob<I, O>[], target: number): PartitionJob<I, O>[][] {
  const batches: PartitionJob<I, O>[][] = [];
  let batch: PartitionJob<I, O>[] = [];
  let size = 0;
  for (const part of partitions) {
    batch.push(part);
    size += part.ops.length;
    if (size >= target) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * The settings every searcher of a check's partitions gets, with the budget split `share` ways
 * (the threads of one process share its configurations and memory).
 */
export function partitionCheckSettings(history: LoadedHistory, totalPartitions: number, consistency: Consistency, options: CheckOptions, share = 1): PartitionCheckSettings {
  return {
    model: { name: history.modelName, init: history.init, independent: history.independent },
    consistency,
    totalPartitions,
    stopAtFirstInvalid: options.stopAtFirstInvalid ?? true,
    deadline: options.timeoutMs === undefined ? null : Date.now() + options.timeoutMs,
    maxConfigurations: Math.floor((options.maxConfigurations ?? DEFAULT_MAX_CONFIGURATIONS) / share),
    maxBytes: Math.floor((options.maxMemoryBytes ?? defaultMaxMemoryBytes()) / share),
  };
}

function checkInWorkers(
  history: LoadedHistory,
  partitions: readonly PartitionJob<unknown, unknown>[],
  consistency: Consistency,
  n: number,
  options: CheckOptions,
): CheckResult<unknown, unknown> {
  const started = performance.now();
  const totalOps = partitions.reduce((sum, p) => sum + p.ops.length, 0);
  const batches = batchesOf(partitions, Math.max(MIN_BATCH_OPS, Math.ceil(totalOps / (n * BATCHES_PER_THREAD))));
  // This thread is one of the n: it searches batches too, between answering the n - 1 workers.
  const shared = new Int32Array(new SharedArrayBuffer(4 * (HEARTBEATS + n - 1)));
  shared[ROUND_CAP] = 2 ** 31 - 1;
  const jobSettings = partitionCheckSettings(history, partitions.length, consistency, options, n);
  const { stopAtFirstInvalid, deadline, maxConfigurations, maxBytes } = jobSettings;
  const handles = acquire(n - 1);
  const finished: FinishedPartition<Operation<unknown, unknown>>[] = [];
  let configurations = 0;
  let failed = false;
  try {
    handles.forEach((h, slot) => {
      const message: ToWorker = { type: 'check', ...jobSettings, shared: shared.buffer as SharedArrayBuffer, slot };
      h.worker.postMessage(message);
    });
    let next = 0;
    const beats = handles.map(() => ({ value: -1, at: performance.now() }));
    /** Batches each worker holds. */
    const held = handles.map(() => 0);
    const give = (slot: number): boolean => {
      if (next >= batches.length) return false;
      const h = handles[slot];
      if (held[slot]++ === 0) beats[slot].at = performance.now();
      const batch = encodeBatch(batches[next++]);
      h.worker.postMessage({ type: 'batch', batch } satisfies ToWorker, [batch.numbers.buffer, batch.codes.buffer, batch.statuses.buffer]);
      return true;
    };
    let outstanding = 0;
    // Two batches in flight per worker, so that a worker never waits for this thread to encode
    // its next one.
    for (let round = 0; round < IN_FLIGHT; round++) handles.forEach((_, slot) => give(slot) && outstanding++);
    const onMessage = (slot: number, message: FromWorker): void => {
      if (message.type === 'error') throw new Error(`a history-checking worker failed: ${message.message}`);
      outstanding--;
      held[slot]--;
      configurations += message.configurations;
      for (const done of message.finished) {
        const ops = partitions[done.index].ops;
        finished.push({ index: done.index, round: done.round, outcome: mapOutcome(done.outcome, (position) => ops[position]) });
      }
      if (give(slot)) outstanding++;
    };
    let lastProgress = performance.now();
    const progress = (): void => {
      lastProgress = performance.now();
      options.onProgress?.({ partitionsDone: finished.length, partitions: partitions.length, configurations, elapsedMs: lastProgress - started });
    };
    const settings = { consistency, totalPartitions: partitions.length, stopAtFirstInvalid, shared };
    const model = history.model;
    let ownConfigurations = 0;
    const searchHere = (batch: readonly PartitionJob<unknown, unknown>[]): void => {
      const end = deadline === null ? Infinity : performance.now() + (deadline - Date.now());
      const budget = new SearchBudget(end, maxConfigurations - ownConfigurations, progress, maxBytes);
      finished.push(...searchBatch(batch, model, settings, budget));
      ownConfigurations += budget.configurations;
      configurations += budget.configurations;
    };
    for (;;) {
      const seen = Atomics.load(shared, SIGNAL);
      let heard = false;
      handles.forEach((h, slot) => {
        for (let m = receiveMessageOnPort(h.port); m !== undefined; m = receiveMessageOnPort(h.port)) {
          heard = true;
          onMessage(slot, m.message as FromWorker);
        }
      });
      if (heard) continue;
      if (next < batches.length) {
        searchHere(batches[next++]);
        continue;
      }
      if (outstanding === 0) break;
      Atomics.wait(shared, SIGNAL, seen, 250);
      const now = performance.now();
      for (let slot = 0; slot < handles.length; slot++) {
        if (held[slot] === 0) continue;
        const value = Atomics.load(shared, HEARTBEATS + slot);
        if (value !== beats[slot].value) beats[slot] = { value, at: now };
        else if (now - beats[slot].at > STALL_MS) throw new Error(`a history-checking worker has not answered for ${STALL_MS / 1000} s`);
      }
      if (now - lastProgress > 250) progress();
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    for (const h of handles) {
      if (failed || h.failed) void h.worker.terminate();
      else {
        h.worker.postMessage({ type: 'check-done' } satisfies ToWorker);
        idle.push(h);
      }
    }
  }
  const stats = { configurations, partitions: partitions.length, elapsedMs: performance.now() - started };
  return assembleVerdict(partitions, finished, consistency, stopAtFirstInvalid, stats);
}
