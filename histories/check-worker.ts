/**
 * A history-checking worker thread: receives batches of partitions, searches each batch
 * round-robin (consistency/engine/round-robin.ts, the schedule one thread uses), and answers with
 * each finished partition's outcome and round. See parallel-check.ts. Internal.
 */
import type { MessagePort } from 'node:worker_threads';
import { parentPort, workerData } from 'node:worker_threads';
import { SearchBudget } from '../consistency/engine/budget.js';
import type { PartitionJob } from '../consistency/engine/round-robin.js';
import type { AnyModel, Operation } from '../consistency/model.js';
import { independentModel } from './independent.js';
import { buildModel } from './load-history.js';
import { decodeBatch } from './batch-codec.js';
import { searchBatch } from './batch-search.js';
import type { EncodedBatch } from './batch-codec.js';
import { HEARTBEATS, mapOutcome, SIGNAL } from './partition-protocol.js';
import type { EncodedFinished, FromWorker, ToWorker } from './partition-protocol.js';

type CheckMessage = Extract<ToWorker, { type: 'check' }>;

const port = (workerData as { port: MessagePort }).port;
let check: { readonly message: CheckMessage; readonly model: AnyModel; readonly deadline: number; readonly shared: Int32Array; configurations: number } | undefined;

function send(message: FromWorker, shared: Int32Array | undefined): void {
  port.postMessage(message);
  if (shared) {
    Atomics.add(shared, SIGNAL, 1);
    Atomics.notify(shared, SIGNAL);
  }
}

function beat(): void {
  if (check) Atomics.add(check.shared, HEARTBEATS + check.message.slot, 1);
}

function start(message: CheckMessage): void {
  const shared = new Int32Array(message.shared);
  const base = buildModel(message.model.name, message.model.init);
  const model = message.model.independent ? independentModel(base) : base;
  const deadline = message.deadline === null ? Infinity : performance.now() + (message.deadline - Date.now());
  check = { message, model, deadline, shared, configurations: 0 };
}

function runBatch(batch: EncodedBatch): void {
  if (!check) throw new Error('a batch arrived before its check');
  const { message, model, shared } = check;
  beat();
  // A budget per batch, so that the tables of a finished batch are not kept alive by it (a
  // budget holds every search's byte counter); the configuration bound carries over.
  const budget = new SearchBudget(check.deadline, message.maxConfigurations - check.configurations, beat, message.maxBytes);
  const decoded: PartitionJob<unknown, unknown>[] = decodeBatch(batch).map((job) => ({ ...job, key: null }));
  const positions = new Map<Operation<unknown, unknown>, number>();
  for (const job of decoded) job.ops.forEach((op, i) => positions.set(op, i));
  const finished: EncodedFinished[] = searchBatch(decoded, model, { ...message, shared }, budget).map((done) => ({
    index: done.index,
    round: done.round,
    outcome: mapOutcome(done.outcome, (op) => positions.get(op) as number),
  }));
  check.configurations += budget.configurations;
  send({ type: 'batch-done', finished, configurations: budget.configurations }, shared);
}

parentPort?.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'check') start(message);
    else if (message.type === 'batch') runBatch(message.batch);
    else check = undefined;
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, check?.shared);
  }
});
