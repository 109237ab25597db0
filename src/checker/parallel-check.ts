/**
 * `checkInWorkers(spec, options)`: the checker on worker threads. Each worker loads the model
 * named by `spec` (models are code, so they cannot be sent); the coordinator, on the calling
 * thread, loads it too, to build the result and replay discoveries.
 *
 * - BFS (parallel-bfs.ts): level-synchronous, exact: same counts, depth, verdicts and
 *   discoveries as `check()`.
 * - DFS (parallel-dfs.ts): one stack per worker, jobs handed over as paths: same visited and
 *   generated counts and always/sometimes verdicts on complete runs; depth and eventually
 *   verdicts follow the parallel stack order.
 * - Liveness properties decided on the explored graph: after the search, by one more breadth-first
 *   pass on the coordinator's thread that records the graph (liveness-pass.ts).
 * - Simulation: each worker walks with its own seed (worker 0 with `seed`) towards its share of
 *   `targetStateCount`; discoveries come from the lowest-numbered worker that has one.
 */
import { availableParallelism } from 'node:os';
import { loadModel, type LoadedModel, type ModelSpec } from './model-spec.js';
import type { ModelCheckOptions } from './options.js';
import { resolveOptions } from './options.js';
import { withLivenessPass } from './liveness-pass.js';
import { bfsInWorkers } from './parallel-bfs.js';
import { dfsInWorkers } from './parallel-dfs.js';
import type { ParallelRun, RunTuning } from './parallel-run.js';
import { SharedFacts } from './shared-facts.js';
import { ModelCheckResult } from './result.js';
import type { SearchOutcome } from './search.js';
import { acquire, Mailbox, release, type WorkerLink } from './worker-pool.js';

/** Options of {@link checkInWorkers}: those of `check()` that can cross to a worker. */
export interface WorkerCheckOptions extends Omit<ModelCheckOptions<unknown>, 'representative' | 'visitor'> {
  /** Worker threads (default: the available cores). */
  workers?: number;
  /** DFS: symmetry reduction by the loaded model's `representative(state)` method. */
  symmetry?: boolean;
}

/** Pops per slice: large enough to hide a message round trip, small enough to stop promptly. */
const SLICE = 2048;

export async function checkInWorkers<State = unknown, Action = unknown>(
  spec: ModelSpec,
  options: WorkerCheckOptions = {},
): Promise<ModelCheckResult<State, Action>> {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    throw new RangeError(`workers must be an integer from 1 to 256 (got ${workers})`);
  }
  const model = await loadModel<State, Action>(spec);
  const handles = acquire(workers);
  let failed = true;
  try {
    const result = await checkOnLinks(spec, model, options, handles, SLICE);
    failed = false;
    return result;
  } finally {
    release(handles, failed);
  }
}

/** The run itself, on any workers (threads, or in-process sessions in tests). Internal. */
export async function checkOnLinks<State, Action>(
  spec: ModelSpec,
  model: LoadedModel<State, Action>,
  options: WorkerCheckOptions,
  links: readonly WorkerLink[],
  sliceSize: number,
  tuning: RunTuning = {},
): Promise<ModelCheckResult<State, Action>> {
  const properties = model.properties();
  const { workers: _workers, symmetry = false, ...rest } = options;
  void _workers;
  const opts = resolveOptions(model, properties, rest);
  if (symmetry && opts.strategy === 'dfs' && model.representative === undefined) {
    throw new Error(`${spec.module}: symmetry needs the model to have a representative(state) method`);
  }
  const started = Date.now();
  const run: ParallelRun<State, Action> = {
    model,
    properties,
    opts,
    handles: links,
    mailbox: new Mailbox(links),
    setup: { spec, strategy: opts.strategy, targetMaxDepth: opts.targetMaxDepth, liveness: opts.liveness, symmetry: symmetry && opts.strategy === 'dfs', facts: SharedFacts.create().buffer },
    started,
    sliceSize,
    tuning,
  };
  const searched =
    opts.strategy === 'bfs' ? await bfsInWorkers(run) : opts.strategy === 'dfs' ? await dfsInWorkers(run) : await simulateInWorkers(run, rest);
  const outcome = withLivenessPass(model, properties, opts, searched);
  return new ModelCheckResult(model, opts.strategy, properties, outcome, Date.now() - started);
}

async function simulateInWorkers<State, Action>(run: ParallelRun<State, Action>, options: ModelCheckOptions<unknown>): Promise<SearchOutcome> {
  const { opts, handles, mailbox } = run;
  if (opts.targetStateCount === Infinity && opts.deadline === Infinity) {
    throw new Error('simulation never ends by itself: set targetStateCount or timeoutMs');
  }
  const n = handles.length;
  for (const h of handles) h.send({ type: 'setup', setup: run.setup });
  await mailbox.fromEach(n, 'ready');
  const discovered = new SharedArrayBuffer(4 * Math.ceil(Math.max(1, run.properties.length) / 32));
  handles.forEach((h, w) =>
    h.send({
      type: 'simulate',
      request: {
        seed: (opts.seed + Math.imul(w, 0x9e3779b9)) >>> 0,
        targetStateCount: opts.targetStateCount === Infinity ? Infinity : Math.ceil(opts.targetStateCount / n),
        timeoutMs: options.timeoutMs,
        finishWhen: options.finishWhen ?? 'all',
        discovered,
      },
    }),
  );
  const done = await mailbox.fromEach(n, 'sim-done');
  return {
    generated: done.reduce((a, d) => a + d.generated, 0),
    unique: done.reduce((a, d) => a + d.generated, 0),
    maxDepth: Math.max(...done.map((d) => d.maxDepth)),
    complete: false,
    timedOut: done.some((d) => d.timedOut),
    discoveries: run.properties.map((_, i) => {
      const d = done.find((x) => x.discoveries[i] !== undefined)?.discoveries[i];
      return d === undefined ? undefined : [...d];
    }),
  };
}
