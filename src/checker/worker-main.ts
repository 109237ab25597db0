/**
 * The entry point of a checker worker thread: loads the model named by the run's spec (cached
 * across runs), then answers the coordinator's messages (worker-protocol.ts) one at a time.
 * Internal.
 */
import { parentPort } from 'node:worker_threads';
import { loadModel, type LoadedModel } from './model-spec.js';
import { resolveOptions } from './options.js';
import { SharedTable } from './shared-table.js';
import { simulate } from './simulation.js';
import { BfsWorkerRun } from './worker-bfs.js';
import { DfsWorkerRun } from './worker-dfs.js';
import type { FromWorker, RunSetup, SimulationRequest, ToWorker } from './worker-protocol.js';

type AnyModel = LoadedModel<unknown, unknown>;

const port = parentPort!;
const models = new Map<string, Promise<AnyModel>>();
let model: AnyModel | undefined;
let setup: RunSetup | undefined;
let bfs: BfsWorkerRun<unknown, unknown> | undefined;
let dfs: DfsWorkerRun<unknown, unknown> | undefined;

function reply(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

async function start(s: RunSetup): Promise<void> {
  const key = JSON.stringify(s.spec);
  let loading = models.get(key);
  if (loading === undefined) {
    loading = loadModel(s.spec);
    models.set(key, loading);
    loading.catch(() => models.delete(key));
  }
  model = await loading;
  setup = s;
  bfs = undefined;
  dfs = undefined;
  if (s.table !== undefined) {
    const table = new SharedTable(s.table);
    if (s.strategy === 'bfs') bfs = new BfsWorkerRun(model, table, s.targetMaxDepth);
    else dfs = new DfsWorkerRun(model, table, s.targetMaxDepth, s.symmetry);
  }
}

function runSimulation(request: SimulationRequest): FromWorker {
  const properties = model!.properties();
  const opts = resolveOptions(model!, properties, {
    strategy: 'simulation',
    seed: request.seed,
    targetStateCount: request.targetStateCount,
    timeoutMs: request.timeoutMs,
    targetMaxDepth: setup!.targetMaxDepth === Infinity ? undefined : setup!.targetMaxDepth,
    finishWhen: request.finishWhen,
  });
  const shared = new Int32Array(request.discovered);
  const own = opts.finished;
  // Every worker publishes what it found and stops once all of them together satisfy the policy.
  opts.finished = (discovered) => {
    discovered.forEach((d, i) => d && Atomics.or(shared, i >> 5, 1 << (i & 31)));
    return own(discovered.map((d, i) => d || (Atomics.load(shared, i >> 5) & (1 << (i & 31))) !== 0));
  };
  const outcome = simulate(model!, properties, opts);
  return { type: 'sim-done', generated: outcome.generated, maxDepth: outcome.maxDepth, timedOut: outcome.timedOut, discoveries: outcome.discoveries };
}

async function handle(m: ToWorker): Promise<void> {
  switch (m.type) {
    case 'setup':
      await start(m.setup);
      return reply({ type: 'ready' });
    case 'table':
      if (bfs) bfs.table = new SharedTable(m.table);
      if (dfs) dfs.table = new SharedTable(m.table);
      return;
    case 'bfs-inits':
      return bfs!.inits(m.positions, m.ids);
    case 'bfs-slice':
      return reply(bfs!.slice(m.maxPops, m.level, m.levelStart, m.discovered));
    case 'bfs-end-level': {
      const { parents, actions } = bfs!.endLevel();
      return reply({ type: 'bfs-survivors', parents, actions }, [parents.buffer as ArrayBuffer, actions.buffer as ArrayBuffer]);
    }
    case 'bfs-ids':
      return bfs!.assignIds(m.ids);
    case 'dfs-jobs':
      return dfs!.addJobs(m.paths, m.bits);
    case 'dfs-slice':
      return reply(dfs!.slice(m.maxPops, m.discovered));
    case 'dfs-donate':
      return reply({ type: 'dfs-donation', ...dfs!.donate(m.count) });
    case 'simulate':
      return reply(runSimulation(m.request));
    case 'end':
      bfs = undefined;
      dfs = undefined;
      setup = undefined;
      return;
  }
}

// Messages are handled strictly in order, even while a model module is still loading.
let chain = Promise.resolve();
port.on('message', (m: ToWorker) => {
  chain = chain.then(() =>
    handle(m).catch((error: unknown) => {
      bfs = undefined;
      dfs = undefined;
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }),
  );
});
