/**
 * `stateright model <name>`: model-check a bundled model (see cli/model-catalog.ts) and print
 * Stateright's summary line, each property's outcome and each discovery's path in words. Exit 0
 * when every property is as expected (always and liveness properties hold, sometimes properties
 * have an example), 1 when some property is not, 2 for usage errors, 3 when nothing is
 * unexpected but some verdict is unknown (a liveness property at a bound, or a cluster run that
 * did not finish).
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule, Options } from 'yargs';
import { check, checkInWorkers, formatProgress, type LivenessMode, type ModelCheckResult, type Path, type Property, type Strategy } from '../src/checker/index.js';
import { CATALOG_MODULE } from './catalog-model.js';
import { addModuleOptions, type ModuleArguments } from './system-source.js';
import type { SystemSpec } from '../src/system/load-system.js';
import { moduleUrl } from '../src/checker/model-spec.js';
import { modelOwnOptions } from './model-options.js';
import { SIZE_OPTIONS, catalogEntries, type CatalogEntry, type CheckableModel, type SizeSettings } from './model-catalog.js';
import type { ProgressSink } from './progress.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';
import { WORKLOAD_HELP, addWorkloadOptions, type WorkloadArguments } from './workload-options.js';
import { WORKLOAD_OPTIONS } from '../src/system/workload.js';

export interface ModelArguments extends ModuleArguments, WorkloadArguments {
  readonly name?: string;
  readonly list?: boolean;
  readonly strategy?: string;
  readonly maxDepth?: number;
  readonly targetStates?: number;
  readonly timeout?: number;
  readonly symmetry?: boolean;
  /** How eventually properties are checked: `sound` (default) or `stateright` (terminal paths only). */
  readonly liveness?: string;
  readonly json?: boolean;
  readonly svg?: string;
  readonly report?: string;
  readonly rms?: number;
  readonly threads?: number;
  readonly equation?: string;
  readonly maxNat?: number;
  readonly servers?: number;
  readonly clients?: number;
  readonly network?: string;
  readonly lossy?: boolean;
  readonly maxCrashes?: number;
  readonly sequentialConsistency?: boolean;
  readonly consistency?: readonly string[];
  readonly electionTimeouts?: string;
  readonly reliableLink?: boolean;
  readonly linkKeepsIgnored?: boolean;
  /** Fair action kinds, comma-separated, or `none`. */
  readonly fair?: string;
  /** Worker threads; 1 (the default when called as a function) checks on the calling thread. */
  readonly workers?: number;
  /** BFS on a cluster of `stateright worker` processes through this NATS server. */
  readonly nats?: string;
  /** With --nats: the shard count (one worker process each). */
  readonly shards?: number;
  /** With --nats: JetStream replicas of the run's streams (3 on a NATS cluster of three). */
  readonly replicas?: number;
}

export interface ModelIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: ProgressSink;
}

export const EXIT_AS_EXPECTED = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_USAGE = 2;
/**
 * Nothing unexpected, but some verdict is unknown: a liveness property decided on the explored
 * graph when the search left states unexpanded (a bound), or a cluster run that could not finish
 * (stalled, or --timeout; never a wrong count).
 */
export const EXIT_UNKNOWN = 3;

const LIVENESS_MODES: readonly LivenessMode[] = ['sound', 'stateright'];

const STRATEGIES: readonly Strategy[] = ['bfs', 'dfs', 'simulation'];
/** Simulation never ends by itself; without --target-states or --timeout it samples this many states. */
const SIMULATION_STATES = 1_000_000;

import { UsageError, buildModel, chosenEntry, count, sizeSettings } from './model-settings.js';

export { UsageError, buildModel, chosenEntry, sizeSettings };

interface RunPlan {
  readonly entry: CatalogEntry;
  /** For a user's system module: how workers load it. */
  readonly spec?: SystemSpec;
  readonly checkable: CheckableModel;
  readonly strategy: Strategy;
  readonly targetMaxDepth?: number;
  readonly targetStateCount?: number;
  readonly timeoutMs?: number;
  readonly seed: number;
  readonly symmetry: boolean;
  readonly liveness: LivenessMode;
  readonly settings: SizeSettings;
  readonly workers: number;
}

async function plan(args: ModelArguments): Promise<RunPlan> {
  const { entry, spec } = await chosenEntry(args, 'check');
  const strategy = args.strategy === undefined ? entry.strategy : STRATEGIES.find((s) => s === args.strategy);
  if (strategy === undefined) throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')} (got ${JSON.stringify(args.strategy)})`);
  if (args.maxDepth !== undefined) count('max-depth', args.maxDepth, 1);
  if (args.targetStates !== undefined) count('target-states', args.targetStates, 1);
  if (args.timeout !== undefined && !(args.timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds (got ${args.timeout})`);
  if (args.workers !== undefined) count('workers', args.workers, 1, 256);
  const liveness = args.liveness === undefined ? 'sound' : LIVENESS_MODES.find((m) => m === args.liveness);
  if (liveness === undefined) throw new UsageError(`--liveness must be one of ${LIVENESS_MODES.join(', ')} (got ${JSON.stringify(args.liveness)})`);
  if ((args.shards ?? args.replicas) !== undefined && args.nats === undefined) throw new UsageError('--shards and --replicas need --nats (the NATS server of the cluster)');
  if (args.replicas !== undefined) count('replicas', args.replicas, 1, 5);
  if (args.nats !== undefined) {
    count('shards', args.shards ?? 1, 1, 1024);
    if (strategy !== 'bfs') throw new UsageError('--nats checks by BFS only; drop --strategy or use --strategy bfs');
  }
  const settings = sizeSettings(entry, args);
  const checkable = await buildModel(entry, settings);
  if (args.symmetry) {
    if (checkable.representative === undefined) {
      const some = (await catalogEntries()).filter((e) => e.summary.includes('--symmetry')).map((e) => e.name);
      throw new UsageError(`${entry.name} has no symmetry reduction (${some.join(', ')} do)`);
    }
    if (strategy !== 'dfs') throw new UsageError('--symmetry applies to DFS only (as in Stateright); add --strategy dfs');
  }
  if (args.svg !== undefined && checkable.chart === undefined) throw new UsageError(`--svg draws a message sequence chart, which needs an actor model; ${entry.name} is not one`);
  const unbounded = strategy === 'simulation' && args.targetStates === undefined && args.timeout === undefined;
  return {
    entry,
    spec,
    checkable,
    strategy,
    targetMaxDepth: args.maxDepth ?? entry.maxDepth,
    targetStateCount: unbounded ? SIMULATION_STATES : args.targetStates,
    timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
    seed: args.seed ?? 0,
    symmetry: args.symmetry ?? false,
    liveness,
    settings,
    // BFS on workers is the single-threaded search exactly, so it uses every core by default; DFS
    // and simulation on workers report other depths and walks than one thread, so they ask.
    workers: args.workers ?? (strategy === 'bfs' ? availableParallelism() : 1),
  };
}

/** What a property's discovery (or its absence) means. */
interface Outcome {
  readonly property: Property<unknown>;
  readonly path: Path<unknown, unknown> | undefined;
  readonly asExpected: boolean;
  /** No discovery, and the run cannot tell whether there is one (exit code 3 when nothing else is wrong). */
  readonly unknown: boolean;
  readonly words: string;
}

/** Decided on the explored graph, where an unexpanded state leaves the verdict unknown (docs/liveness.md). */
function onGraph(property: Property<unknown>, mode: LivenessMode): boolean {
  const e = property.expectation;
  return e === 'leadsTo' || e === 'alwaysEventually' || (e === 'eventually' && mode === 'sound');
}

function outcomes(r: ModelCheckResult<unknown, unknown>, p: RunPlan): Outcome[] {
  const partial = !r.complete || (p.targetMaxDepth !== undefined && r.maxDepth >= p.targetMaxDepth);
  const explored = partial ? ` in the ${r.unique.toLocaleString('en-US')} states explored (${stopReason(r, p)})` : '';
  return r.properties.map((property) => {
    const path = r.discovery(property.name);
    if (property.expectation === 'sometimes') {
      if (path) return { property, path, asExpected: true, unknown: false, words: 'example found' };
      return { property, path, asExpected: false, unknown: false, words: partial ? `NO EXAMPLE${explored}` : 'NEVER: no example in the whole state space' };
    }
    if (path) {
      const lasso = r.cycleStart(property.name) === undefined ? '' : ` (a cycle from step ${r.cycleStart(property.name)})`;
      return { property, path, asExpected: false, unknown: false, words: `FAILS: counterexample found${lasso}` };
    }
    if (onGraph(property, p.liveness) && r.verdict(property.name) === 'unknown') {
      return { property, path, asExpected: false, unknown: true, words: `UNKNOWN: no counterexample${explored}, but states were left unexpanded, so a cycle or dead end beyond them is not ruled out` };
    }
    return { property, path, asExpected: true, unknown: false, words: `holds${explored}` };
  });
}

function stopReason(r: ModelCheckResult<unknown, unknown>, p: RunPlan): string {
  if (r.timedOut) return 'timed out';
  if (p.strategy === 'simulation') return 'random simulation';
  if (r.complete) return `depth limited to ${p.targetMaxDepth}`;
  if (p.targetStateCount !== undefined && r.generated >= p.targetStateCount) return `reached --target-states ${p.targetStateCount}`;
  return 'stopped once every property had a discovery';
}

/** A module path as workers (with their own working directory handling) must see it. */
function absoluteModule(module: string): string {
  return moduleUrl({ module, export: '' });
}

/** Runs the command; resolves to the exit code. */
export async function runModel(args: ModelArguments, io: ModelIo): Promise<number> {
  const say = (text: string): void => void io.stdout.write(`${text}\n`);
  if (args.list) {
    say(await listing());
    return EXIT_AS_EXPECTED;
  }
  let p: RunPlan;
  try {
    p = await plan(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`stateright model: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const { checkable } = p;
  const on = args.nats !== undefined ? ` on ${args.shards ?? 1} shards through ${args.nats}` : p.workers > 1 ? ` on ${p.workers} worker threads` : '';
  if (!args.json) say(`Checking ${p.entry.name} (${checkable.configuration}) by ${p.strategy.toUpperCase()}${p.symmetry ? ' with symmetry reduction' : ''}${on}.`);
  const common = {
    strategy: p.strategy,
    targetMaxDepth: p.targetMaxDepth,
    targetStateCount: p.targetStateCount,
    timeoutMs: p.timeoutMs,
    seed: p.seed,
    liveness: p.liveness,
    onProgress: (progress: Parameters<typeof formatProgress>[0]) => void io.stderr.write(`${formatProgress(progress)}\n`),
  };
  const result =
    args.nats !== undefined
      ? // The cluster (and the NATS client) is loaded only for a run on it.
        await (await import('./model-cluster.js')).checkCatalogOnCluster({ name: p.entry.name, settings: p.settings, nats: args.nats, shards: args.shards ?? 1, replicas: args.replicas, targetMaxDepth: p.targetMaxDepth, targetStateCount: p.targetStateCount, timeoutMs: p.timeoutMs, liveness: p.liveness }, io.stderr)
      : p.workers > 1
        ? await checkInWorkers(
            p.spec === undefined
              ? { module: CATALOG_MODULE, export: 'catalogModel', args: [p.entry.name, p.settings] }
              : { module: CATALOG_MODULE, export: 'moduleCatalogModel', args: [{ ...p.spec, module: absoluteModule(p.spec.module) }, p.settings] },
            { ...common, workers: p.workers, symmetry: p.symmetry },
          )
      : check(checkable.model, { ...common, representative: p.symmetry ? checkable.representative : undefined });
  const found = outcomes(result, p);
  const ok = found.every((o) => o.asExpected);
  const unexpected = found.some((o) => !o.asExpected && !o.unknown);
  if (args.json) say(JSON.stringify(jsonReport(result, p, found)));
  else say(textReport(result, p, found));
  if (args.svg !== undefined && found.every((o) => o.path === undefined)) {
    io.stderr.write(`stateright model: no discovery, so no sequence chart to write to ${args.svg}\n`);
  }
  const written = await writeArtifacts(args, p, result, found);
  if (!args.json) for (const file of written) say(`wrote ${file}`);
  if (unexpected) return EXIT_UNEXPECTED;
  if (!ok || (args.nats !== undefined && result.timedOut)) return EXIT_UNKNOWN;
  return EXIT_AS_EXPECTED;
}

function textReport(r: ModelCheckResult<unknown, unknown>, p: RunPlan, found: readonly Outcome[]): string {
  const lines = [r.summary()];
  for (const o of found) lines.push(`Property "${o.property.name}" (${o.property.expectation}): ${o.words}`);
  for (const o of found) {
    if (o.path === undefined) continue;
    const kind = o.property.expectation === 'sometimes' ? 'example' : 'counterexample';
    lines.push(`Discovered "${o.property.name}" ${kind} Path[${o.path.actions.length}]:`);
    for (const a of o.path.actions) lines.push(`- ${p.checkable.describeAction(a)}`);
    lines.push(`Action index path: ${o.path.encode()}`);
  }
  const probability = r.collisionProbability;
  lines.push(`Fingerprint collision probability: ${probability === 0 ? '0 (no fingerprints kept)' : `≤ ${probability.toExponential(1)}`}`);
  return lines.join('\n');
}

function jsonReport(r: ModelCheckResult<unknown, unknown>, p: RunPlan, found: readonly Outcome[]) {
  return {
    model: p.entry.name,
    configuration: p.checkable.configuration,
    strategy: p.strategy,
    states: r.generated,
    unique: r.unique,
    depth: r.maxDepth,
    ms: r.elapsedMs,
    complete: r.complete,
    timedOut: r.timedOut,
    collisionProbability: r.collisionProbability,
    asExpected: found.every((o) => o.asExpected),
    unknown: found.some((o) => o.unknown),
    properties: found.map((o) => ({
      name: o.property.name,
      expectation: o.property.expectation,
      holds: o.asExpected,
      unknown: o.unknown,
      outcome: o.words,
      path: o.path ? o.path.actions.map((a) => p.checkable.describeAction(a)) : null,
      encodedPath: o.path ? o.path.encode() : null,
    })),
  };
}

/** `--svg`: the sequence chart of the first failing discovery (else the first one); `--report`: HTML. */
async function writeArtifacts(args: ModelArguments, p: RunPlan, r: ModelCheckResult<unknown, unknown>, found: readonly Outcome[]): Promise<readonly string[]> {
  if (args.svg === undefined && args.report === undefined) return [];
  // The renderer (Graphviz in WebAssembly, the history checker for the report) only when asked for.
  const { writeModelArtifacts } = await import('../src/render/index.js');
  const shown = found.find((o) => o.path && !o.asExpected) ?? found.find((o) => o.path);
  const c = p.checkable;
  if (shown === undefined || shown.path === undefined) {
    return writeModelArtifacts(
      { report: args.report },
      { title: `${p.entry.name}: ${c.configuration}`, summary: `${r.summary()}; no discovery to show`, violation: false, steps: [], finalState: '' },
    );
  }
  const path = shown.path;
  const violation = !shown.asExpected;
  const cycleStart = r.cycleStart(shown.property.name);
  const chart = c.chart ? c.chart(path, shown.property.name) : null;
  return writeModelArtifacts(
    { svg: args.svg, report: args.report },
    {
      title: `${p.entry.name}: ${c.configuration}`,
      summary: `${violation ? 'counterexample' : 'example'} for "${shown.property.name}" (${shown.property.expectation}); ${r.summary()}`,
      violation,
      steps: ['initial state', ...path.actions.map((a) => c.describeAction(a))],
      finalState: c.describeState(path.lastState),
      encodedPath: path.encode(),
      chart: chart && cycleStart !== undefined ? { ...chart, cycleStart } : chart,
      ...(cycleStart === undefined ? {} : { cycleStart }),
    },
  );
}

/** `stateright model --list`. */
export async function listing(): Promise<string> {
  const lines = ['Models (stateright model <name> [options]):', ''];
  for (const e of await catalogEntries()) {
    lines.push(`  ${e.name}`);
    lines.push(`      ${e.summary}`);
    if (e.flaw) lines.push(`      why it fails: ${e.flaw}`);
    const defaults = Object.entries(e.defaults).map(([k, v]) => (typeof v === 'boolean' ? (v ? `--${k}` : '') : `--${k} ${Array.isArray(v) ? v.join(',') : String(v)}`));
    const search = [`--strategy ${e.strategy}`, ...(e.maxDepth === undefined ? [] : [`--max-depth ${e.maxDepth}`])];
    lines.push(`      options (defaults): ${[...defaults.filter((d) => d !== ''), ...search].join(' ')}`);
  }
  lines.push('', 'Size options:');
  const width = Math.max(...Object.keys(SIZE_OPTIONS).map((o) => o.length));
  for (const [option, text] of Object.entries(SIZE_OPTIONS)) lines.push(`  --${option.padEnd(width)} ${text}`);
  lines.push('', 'Workload options:');
  for (const o of WORKLOAD_OPTIONS) lines.push(`  --${o.flag.padEnd(width)} ${o.describe}`);
  lines.push('', WORKLOAD_HELP);
  return lines.join('\n');
}

const typedModelCommand: CommandModule<object, ModelArguments> = {
  ...COMMAND_SUMMARIES.model,
  builder: (yargs: Argv) =>
    addWorkloadOptions(
      addModuleOptions(yargs)
        .positional('name', { describe: 'the model; see --list (or --module FILE --export NAME)', type: 'string' })
        .options(modelOwnOptions() as Record<string, Options>),
    )
      .example('$0 model paxos --clients 3', 'Paxos, 3 servers, 3 clients, BFS')
      .example('$0 model two-phase-commit --rms 9 --strategy bfs --workers 2', '10,340,352 states on 2 worker threads')
      .example('$0 model single-copy-register --servers 2', 'a counterexample: two copies are not one register')
      .example('$0 model abd-no-write-back --svg chart.svg', 'a broken protocol and its message sequence chart')
      .example('$0 model causal-register', 'causally consistent, and a counterexample to linearizability')
      .example('$0 model abd --servers 2 --consistency causal sequential', 'check other properties than linearizability')
      .example('$0 model --module dist/my-register.js --export myRegister --servers 2', 'check your own system module')
      .example('$0 model paxos --operations 3 --write-ratio 0.5', 'paxos with the random workload: 3 operations per client')
      .epilogue(
        'Exit codes: 0 every property as expected; 1 some property is not (a counterexample, or a missing example); 2 a usage error; ' +
          '3 nothing unexpected, but some verdict is unknown: a liveness property (eventually, leadsTo, alwaysEventually) ' +
          'when a bound (--max-depth, --target-states, --timeout) left states unexpanded, or (--nats) a cluster run that did not finish.',
      ) as unknown as Argv<ModelArguments>,
  handler: async (args) => {
    process.exitCode = await runModel(args, { stdout: process.stdout, stderr: process.stderr });
  },
};

/** The command for cli/main.ts's list (whose entries are untyped). */
export const modelCommand = typedModelCommand as unknown as CommandModule;
