/**
 * What a checker worker does with the coordinator's messages (worker-protocol.ts): load the model
 * named by the run's spec (cached across runs), then run BFS levels, DFS slices or a simulation.
 * Runs in a worker thread (worker-main.ts), or in-process in tests that drive the coordinator
 * with a chosen interleaving. Internal.
 */
import { loadModel, type LoadedModel } from './model-spec.js';
import { resolveOptions } from './options.js';
import { installSharedFacts, SharedFacts } from './shared-facts.js';
import { SharedTable } from './shared-table.js';
import { simulate } from './simulation.js';
import { BfsWorkerRun } from './worker-bfs.js';
import { DfsWorkerRun } from './worker-dfs.js';
import type { FromWorker, RunSetup, SimulationRequest, ToWorker } from './worker-protocol.js';

type AnyModel = LoadedModel<unknown, unknown>;

export class WorkerSession {
  private readonly models = new Map<string, Promise<AnyModel>>();
  private model: AnyModel | undefined;
  private setup: RunSetup | undefined;
  private bfs: BfsWorkerRun<unknown, unknown> | undefined;
  private dfs: DfsWorkerRun<unknown, unknown> | undefined;

  constructor(private readonly reply: (message: FromWorker, transfer?: ArrayBuffer[]) => void) {}

  /** Handles one message; a failure is reported as an `error` message and ends the run. */
  async handle(m: ToWorker): Promise<void> {
    try {
      await this.dispatch(m);
    } catch (error) {
      this.bfs = undefined;
      this.dfs = undefined;
      this.reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async start(s: RunSetup): Promise<void> {
    const key = JSON.stringify(s.spec);
    let loading = this.models.get(key);
    if (loading === undefined) {
      loading = loadModel(s.spec);
      this.models.set(key, loading);
      loading.catch(() => this.models.delete(key));
    }
    this.model = await loading;
    this.setup = s;
    installSharedFacts(new SharedFacts(s.facts));
    this.bfs = undefined;
    this.dfs = undefined;
    if (s.table !== undefined) {
      const table = new SharedTable(s.table);
      if (s.strategy === 'bfs') this.bfs = new BfsWorkerRun(this.model, table, s.targetMaxDepth, s.liveness);
      else this.dfs = new DfsWorkerRun(this.model, table, s.targetMaxDepth, s.liveness, s.symmetry, s.donationWanted);
    }
  }

  private simulate(request: SimulationRequest): FromWorker {
    const model = this.model!;
    const properties = model.properties();
    const opts = resolveOptions(model, properties, {
      strategy: 'simulation',
      seed: request.seed,
      targetStateCount: request.targetStateCount,
      timeoutMs: request.timeoutMs,
      targetMaxDepth: this.setup!.targetMaxDepth === Infinity ? undefined : this.setup!.targetMaxDepth,
      finishWhen: request.finishWhen,
    });
    const shared = new Int32Array(request.discovered);
    const own = opts.finished;
    // Every worker publishes what it found and stops once all of them together satisfy the policy.
    opts.finished = (discovered) => {
      discovered.forEach((d, i) => d && Atomics.or(shared, i >> 5, 1 << (i & 31)));
      return own(discovered.map((d, i) => d || (Atomics.load(shared, i >> 5) & (1 << (i & 31))) !== 0));
    };
    const outcome = simulate(model, properties, opts);
    return { type: 'sim-done', generated: outcome.generated, maxDepth: outcome.maxDepth, timedOut: outcome.timedOut, discoveries: outcome.discoveries };
  }

  private async dispatch(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'setup':
        await this.start(m.setup);
        return this.reply({ type: 'ready' });
      case 'grow': {
        const run = this.bfs ?? this.dfs!;
        const next = new SharedTable(m.table);
        run.table.copySlots(next, m.from, m.to);
        run.table = next;
        return this.reply({ type: 'grown' });
      }
      case 'bfs-inits':
        return this.bfs!.inits(m.positions, m.ids);
      case 'bfs-slice':
        return this.reply(this.bfs!.slice(m.maxPops, m.level, m.levelStart, m.discovered));
      case 'bfs-end-level': {
        const { parents, actions, bits } = this.bfs!.endLevel();
        return this.reply({ type: 'bfs-survivors', parents, actions, bits }, [parents.buffer as ArrayBuffer, actions.buffer as ArrayBuffer, bits.buffer as ArrayBuffer]);
      }
      case 'bfs-ids':
        return this.bfs!.assignIds(m.ids, m.giveAway);
      case 'bfs-adopt':
        return this.bfs!.adopt(m.ids, m.paths, m.offsets, m.bits);
      case 'dfs-jobs':
        return this.dfs!.addJobs(m.paths, m.bits);
      case 'dfs-slice':
        return this.reply(this.dfs!.slice(m.maxPops, m.discovered));
      case 'dfs-donate':
        return this.reply({ type: 'dfs-donation', ...this.dfs!.donate(m.count) });
      case 'simulate':
        return this.reply(this.simulate(m.request));
      case 'end':
        installSharedFacts(undefined);
        this.bfs = undefined;
        this.dfs = undefined;
        this.setup = undefined;
        return;
    }
  }
}
