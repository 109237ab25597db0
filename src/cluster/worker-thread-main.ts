/**
 * One job loop of `stateright worker --workers N` on a worker thread (worker-threads.ts): the
 * `runWorker` loop, its log lines sent to the main thread, stopped by a 'stop' message. Internal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runWorker } from './worker.js';
import { aliasResolver, type LoopThreadData, type LoopThreadLine } from './worker-threads.js';

const data = workerData as LoopThreadData;
const stop = new AbortController();
parentPort?.on('message', (m: unknown) => {
  if (m === 'stop') stop.abort();
});
await runWorker({
  nats: data.nats,
  resolveModule: aliasResolver(data.moduleAliases),
  log: (line) => parentPort?.postMessage({ log: line } satisfies LoopThreadLine),
  signal: stop.signal,
});
parentPort?.close();
