/**
 * Worker threads for the checker, kept between runs (a worker caches the models it loaded) and
 * unreferenced while idle so they never keep the process alive. When the checker itself runs
 * from TypeScript sources (tests), workers start through a bootstrap that transpiles on import.
 * Internal.
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const fromSource = import.meta.url.endsWith('.ts');

/** What the coordinator needs of a worker: a way to send it messages and to hear its answers. */
export interface WorkerLink {
  send(message: ToWorker, transfer?: ArrayBuffer[]): void;
  onMessage: (message: FromWorker) => void;
}

export class WorkerHandle implements WorkerLink {
  private readonly worker: Worker;
  busy = false;
  /** Where messages go during a run. */
  onMessage: (message: FromWorker) => void = () => undefined;
  failure: Error | undefined;

  constructor() {
    this.worker = fromSource
      ? new Worker(new URL('./worker-dev-bootstrap.mjs', import.meta.url), { workerData: { entry: new URL('./worker-main.ts', import.meta.url).href } })
      : new Worker(new URL('./worker-main.js', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (m: FromWorker) => this.onMessage(m));
    const fail = (error: Error): void => {
      this.failure = error;
      this.onMessage({ type: 'error', message: `checker worker failed: ${error.message}` });
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (this.failure === undefined) fail(new Error(`exited with code ${code}`));
    });
  }

  send(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  ref(): void {
    this.worker.ref();
  }

  unref(): void {
    this.worker.unref();
  }

  terminate(): void {
    void this.worker.terminate();
  }
}

const pool: WorkerHandle[] = [];

/** `n` idle workers, started if needed; give them back with {@link release}. */
export function acquire(n: number): WorkerHandle[] {
  const out: WorkerHandle[] = [];
  for (const h of pool) {
    if (out.length === n) break;
    if (!h.busy && h.failure === undefined) out.push(h);
  }
  while (out.length < n) {
    const h = new WorkerHandle();
    pool.push(h);
    out.push(h);
  }
  for (const h of out) {
    h.busy = true;
    h.ref();
  }
  return out;
}

/**
 * Returns workers to the pool. After a failed run they are stopped instead: a worker may still be
 * answering the abandoned run, and its late messages must not reach the next one.
 */
export function release(handles: readonly WorkerHandle[], failed: boolean): void {
  for (const h of handles) {
    h.onMessage = () => undefined;
    h.busy = false;
    if (failed) {
      h.failure ??= new Error('stopped after a failed run');
      h.terminate();
    } else {
      h.send({ type: 'end' });
      h.unref();
    }
  }
  // Failed workers are not reused.
  for (let i = pool.length - 1; i >= 0; i--) if (pool[i].failure !== undefined) pool.splice(i, 1);
}

/** Every message of a run, tagged with the index of the worker that sent it, in arrival order. */
export class Mailbox {
  private readonly queue: [number, FromWorker][] = [];
  private waiting: ((m: [number, FromWorker]) => void) | undefined;

  constructor(handles: readonly WorkerLink[]) {
    handles.forEach((h, w) => {
      h.onMessage = (m) => this.post(w, m);
    });
  }

  private post(w: number, m: FromWorker): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve([w, m]);
    } else this.queue.push([w, m]);
  }

  /** The next message; a worker's error message becomes a rejection. */
  async next(): Promise<[number, FromWorker]> {
    const m = this.queue.shift() ?? (await new Promise<[number, FromWorker]>((resolve) => (this.waiting = resolve)));
    if (m[1].type === 'error') throw new Error(m[1].message);
    return m;
  }

  /** The next message of `type` from each worker, by worker index (other messages are not expected). */
  async fromEach<T extends FromWorker['type']>(n: number, type: T): Promise<Extract<FromWorker, { type: T }>[]> {
    const out = new Array<Extract<FromWorker, { type: T }>>(n);
    for (let k = 0; k < n; k++) {
      const [w, m] = await this.next();
      if (m.type !== type) throw new Error(`checker worker ${w}: expected ${type}, got ${m.type}`);
      out[w] = m as Extract<FromWorker, { type: T }>;
    }
    return out;
  }
}
