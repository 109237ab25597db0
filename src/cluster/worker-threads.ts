/**
 * `stateright worker --workers N`: N job loops in one process, this thread's and N - 1 worker
 * threads', each with its own NATS connection. Each loop takes its own jobs (a shard of a
 * model-checking run, a batch of a history check), so a process of N threads can hold N shards
 * of one run: a shard is single-threaded by design (its visited table and its level's expansion
 * belong to it), and more shards is how a run uses more cores. The loops are those of
 * `runWorker`, so a run's counts do not depend on how its shards are spread over processes.
 */
import type { Worker } from 'node:worker_threads';
import { startClusterThread } from './thread.js';
import { runWorker, type WorkerOptions } from './worker.js';

export interface WorkerThreadsOptions extends Omit<WorkerOptions, 'resolveModule'> {
  /** Job loops in this process (default 1: this thread's only). */
  readonly workers?: number;
  /** Module names a job may use, mapped to the module this machine loads (e.g. the bundled catalog). */
  readonly moduleAliases?: Readonly<Record<string, string>>;
}

/** What a loop thread (worker-thread-main.ts) is given. */
export interface LoopThreadData {
  readonly nats: string;
  readonly moduleAliases: Readonly<Record<string, string>>;
}

/** A loop thread's message: a line for the log. */
export interface LoopThreadLine {
  readonly log: string;
}

export const aliasResolver =
  (aliases: Readonly<Record<string, string>>) =>
  (module: string): string =>
    Object.hasOwn(aliases, module) ? aliases[module] : module;

export async function runWorkers(options: WorkerThreadsOptions): Promise<void> {
  const n = options.workers ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError(`workers must be a whole number from 1 to 256 (got ${n})`);
  const aliases = options.moduleAliases ?? {};
  const threads = Array.from({ length: n - 1 }, () => startLoopThread({ nats: options.nats, moduleAliases: aliases }, options.log));
  const stop = (): void => threads.forEach((t) => t.postMessage('stop'));
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    await Promise.all([
      runWorker({ nats: options.nats, log: options.log, signal: options.signal, resolveModule: aliasResolver(aliases) }),
      ...threads.map((t) => new Promise((resolve) => t.once('exit', resolve))),
    ]);
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
}

function startLoopThread(data: LoopThreadData, log: (line: string) => void): Worker {
  const thread = startClusterThread('worker-thread-main', data);
  thread.on('message', (m: LoopThreadLine) => log(m.log));
  thread.on('error', (error) => log(`a worker thread failed: ${error.message}`));
  return thread;
}
