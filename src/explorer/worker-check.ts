/**
 * The background check in a worker thread. Slices on the server's thread keep requests answered,
 * but on a busy machine that thread is always runnable and waits its turn for a CPU like every
 * other busy process; a server thread that sleeps until a request arrives is woken at once. The
 * worker also keeps the millions of explored states out of the server thread's heap, so its
 * garbage collections stay short.
 *
 * The worker builds its own copy of the model by calling a factory (a module and an export, which
 * must build the same model as the server's: paths found in the worker are replayed by the
 * server). It reports its status every 100 ms, at once on a new discovery or a change of phase,
 * and takes pause/resume/stop messages. Without the compiled worker file (running from the
 * TypeScript sources, as the tests do), or if the worker fails, the check runs in slices here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Model, Property } from '../checker/index.js';
import type { ModelSpec } from '../checker/model-spec.js';
import { BackgroundCheck, type BackgroundOptions, type BackgroundStatus, type CheckRunner, type RunPhase } from './background-check.js';

/**
 * How the worker builds the model: the spec `checkInWorkers` takes, `{module, export, args}`
 * (a model object, a class constructed with `args`, or a function called with them).
 */
export type ModelFactory = ModelSpec;

export interface WorkerData {
  readonly factory: ModelFactory;
  readonly options: { paused?: boolean; targetStateCount?: number };
}

type Control = { readonly type: 'pause' | 'resume' | 'stop'; readonly seq: number };
type Report = { readonly type: 'status'; readonly seq: number; readonly status: BackgroundStatus };

/** The side of a MessagePort both ends use. */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

const REPORT_MS = 100;

/** Worker side: runs the check on `model`, reports over `port`, obeys its control messages. */
export function serveCheck<S, A>(port: PortLike, model: Model<S, A>, options: WorkerData['options']): BackgroundCheck<S, A> {
  let seq = 0;
  let lastPost = -Infinity;
  let lastPhase: RunPhase | undefined;
  let lastFound = -1;
  const report = (force: boolean): void => {
    const status = check.status();
    const found = status.discoveries.filter((d) => d !== undefined).length;
    if (!force && status.phase === lastPhase && found === lastFound && performance.now() - lastPost < REPORT_MS) return;
    lastPost = performance.now();
    lastPhase = status.phase;
    lastFound = found;
    port.postMessage({ type: 'status', seq, status } satisfies Report);
  };
  const check: BackgroundCheck<S, A> = new BackgroundCheck(model, { ...options, sliceMs: 50, onSlice: () => report(false) });
  port.on('message', (message) => {
    const control = message as Control;
    seq = control.seq;
    if (control.type === 'pause') check.pause();
    else if (control.type === 'resume') check.resume();
    else check.stop();
    report(true);
  });
  report(true);
  return check;
}

/** Server side: the worker's last report, with pause/resume reflected at once. */
export class RemoteCheck<State> implements CheckRunner<State> {
  private last: BackgroundStatus;
  private seq = 0;

  constructor(
    readonly propertyList: readonly Property<State>[],
    private readonly port: PortLike,
    paused: boolean,
    private readonly onStop: () => void = () => {},
  ) {
    this.last = {
      phase: paused ? 'paused' : 'exploring',
      generated: 0,
      unique: 0,
      maxDepth: 0,
      pending: 0,
      complete: false,
      elapsedMs: 0,
      discoveries: propertyList.map(() => undefined),
      recentPath: undefined,
    };
    port.on('message', (message) => {
      const report = message as Report;
      // A report sent before the worker saw the latest control message is stale.
      if (report.type === 'status' && report.seq >= this.seq) this.last = report.status;
    });
  }

  status(): BackgroundStatus {
    return this.last;
  }

  pause(): void {
    this.control('pause', 'paused');
  }

  resume(): void {
    this.control('resume', 'exploring');
  }

  stop(): void {
    this.control('stop', undefined);
    this.onStop();
  }

  private control(type: Control['type'], phase: RunPhase | undefined): void {
    this.seq++;
    if (phase !== undefined && this.last.phase !== 'done') this.last = { ...this.last, phase };
    this.port.postMessage({ type, seq: this.seq } satisfies Control);
  }
}

const WORKER_ENTRY = new URL('./check-worker.js', import.meta.url);

/**
 * Starts the check in a worker; undefined when the compiled worker file is absent. If the worker
 * fails (its factory threw, say), the check continues on this thread from the start.
 */
export function startWorkerCheck<S, A>(model: Model<S, A>, factory: ModelFactory, options: BackgroundOptions): CheckRunner<S> | undefined {
  if (!existsSync(fileURLToPath(WORKER_ENTRY))) return undefined;
  const data: WorkerData = { factory, options: { paused: options.paused, targetStateCount: options.targetStateCount } };
  const worker = new Worker(WORKER_ENTRY, { workerData: data });
  let local: BackgroundCheck<S, A> | undefined;
  let stopped = false;
  const remote = new RemoteCheck<S>(model.properties(), worker, options.paused ?? false, () => {
    stopped = true;
    void worker.terminate();
  });
  worker.on('error', (error) => {
    if (stopped) return;
    process.stderr.write(`stateright explorer: the background check's worker failed (${error.message}); checking on the server's thread instead\n`);
    local = new BackgroundCheck(model, options);
  });
  // Delegate to the local check once the worker has failed.
  return {
    propertyList: remote.propertyList,
    status: () => (local ?? remote).status(),
    pause: () => (local ?? remote).pause(),
    resume: () => (local ?? remote).resume(),
    stop: () => {
      remote.stop();
      local?.stop();
    },
  };
}
