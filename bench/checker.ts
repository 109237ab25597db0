/**
 * Checker benchmark: one thread (`check()`) against worker threads (`checkInWorkers`), on the
 * bundled models below, each run in a fresh process so that its peak resident memory is its own.
 * Prints counts, wall and CPU seconds, unique states per second, peak RSS, the visited set's
 * bytes per state, the medians, the speed-up and the load average at the start and end.
 *
 *   npm run bench:checker                              # 2pc-9 and paxos-3, 1 and 2 workers, 3 runs
 *   npm run bench:checker -- 2pc-8-dfs scr-4 --runs 3  # named cases
 *   npm run bench:checker -- 2pc-10-dfs --runs 1 --workers 1   # the 2 GB run (minutes)
 *   npm run bench:checker -- paxos-3 --ceiling         # what two cores can give at most
 *
 * `--liveness` runs each case on one thread twice over, alternating: as it is (safety only), and
 * with its liveness property added (two-phase commit: all committed or all aborted; Paxos: every
 * client operation gets a reply), and prints the time ratio and the explored graph's bytes per
 * state (docs/liveness.md):
 *
 *   npm run bench:checker -- 2pc-8-bfs paxos-3 --liveness --runs 3
 *
 * `--ceiling` runs each case on one thread alone, then twice at once in two processes that share
 * nothing, alternating. However a parallel checker shares its work out, two of its workers can at
 * best do as well as those two processes, so 2 × (alone) / (side by side) bounds the speed-up
 * that 2 workers can reach on this machine.
 *
 * Cases: 2pc-N-bfs / 2pc-N-dfs (two-phase commit with N RMs), paxos-3 (Paxos, 3 servers,
 * 3 clients, BFS), scr-4 (single-copy register, 1 server, 4 clients, DFS).
 */
import { loadavg } from 'node:os';
import { CATALOG_MODULE, catalogModel } from '../cli/catalog-model.js';
import { findModel, type SizeSettings } from '../cli/model-catalog.js';
import { check, checkInWorkers, type Model, type Strategy } from '../src/checker/index.js';
import { measureCheck, median, runChildJson, runChildJsonAsync, type CheckRun } from './stats.js';

interface Case {
  readonly model: string;
  readonly sizes: Partial<SizeSettings>;
  readonly strategy: Strategy;
  /** Expected unique and generated states. */
  readonly expected?: readonly [number, number];
  /** Stateright 0.31's time on the development machine (docs/performance.md), for comparison. */
  readonly stateright?: string;
}

const TWO_PHASE: Record<number, readonly [number, number]> = {
  5: [8_832, 58_146],
  8: [1_745_408, 0],
  9: [10_340_352, 123_558_402],
  10: [61_515_776, 0],
};
const STATERIGHT: Record<string, string> = {
  '2pc-8-dfs': 'Stateright: 4.52 s 1 thread, 3.12 s 2 threads, 23 MB; target on 2 workers: ≤ 2.50 s (0.8×)',
  '2pc-9-bfs': 'target: 2 workers ≥ 1.7× one thread',
  '2pc-10-dfs': 'Stateright: ~441 s; target: within 2 GB',
  'paxos-3': 'Stateright: 11.7 s 1 thread, 8.2 s 2 threads, ~880 MB; target on 2 workers: ≤ 4.10 s (0.5×) and ≥ 1.7× one thread',
  'scr-4': 'Stateright: 13.4 s 1 thread, 10.0 s 2 threads; target on 2 workers: ≤ 5.00 s (0.5×)',
};

function caseOf(name: string): Case | undefined {
  const tpc = /^2pc-(\d+)-(bfs|dfs)$/.exec(name);
  if (tpc) {
    const rms = Number(tpc[1]);
    const e = TWO_PHASE[rms];
    return { model: 'two-phase-commit', sizes: { rms }, strategy: tpc[2] as Strategy, expected: e && e[1] > 0 ? e : undefined, stateright: STATERIGHT[name] };
  }
  if (name === 'paxos-3') return { model: 'paxos', sizes: { servers: 3, clients: 3 }, strategy: 'bfs', expected: [1_194_428, 0], stateright: STATERIGHT[name] };
  if (name === 'scr-4') return { model: 'single-copy-register', sizes: { servers: 1, clients: 4 }, strategy: 'dfs', expected: [400_233, 0], stateright: STATERIGHT[name] };
  return undefined;
}

interface RunResult extends CheckRun {
  readonly bytesPerState: number;
  /** Bytes per state of the graph kept for liveness properties (0 without them). */
  readonly livenessBytesPerState: number;
}

/**
 * The case's model with its liveness property added. Its modules are imported here, when asked
 * for, so that a child process's peak memory holds only the modules its own run loads, as the
 * command's does.
 */
async function withLiveness(c: Case, settings: SizeSettings): Promise<Model<unknown, unknown>> {
  if (c.model === 'two-phase-commit') {
    const { TwoPhaseCommit } = await import('../src/examples/two-phase-commit.js');
    return new TwoPhaseCommit(settings.rms, true) as Model<unknown, unknown>;
  }
  if (c.model === 'paxos') {
    const [{ registerSystem }, { paxosRegister }] = await Promise.all([import('../register-models/register-system.js'), import('../register-models/paxos.js')]);
    return registerSystem(paxosRegister, { servers: settings.servers, clients: settings.clients, liveness: true }) as unknown as Model<unknown, unknown>;
  }
  throw new Error(`no liveness property for ${c.model}`);
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const named = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));

async function runOnce(name: string, workers: number): Promise<void> {
  const c = caseOf(name)!;
  const entry = (await findModel(c.model))!;
  const settings = { ...entry.defaults, ...c.sizes } as SizeSettings;
  const onProgress = (p: { elapsedMs: number; unique: number; generated: number; maxDepth: number; rssBytes: number }) =>
    process.stderr.write(`  ${(p.elapsedMs / 1000).toFixed(0)} s: unique=${p.unique} generated=${p.generated} depth=${p.maxDepth} rss=${Math.round(p.rssBytes / 2 ** 20)} MB\n`);
  const model = workers === 1 ? await (args.includes('--with-liveness') ? withLiveness(c, settings) : catalogModel(c.model, settings)) : undefined;
  const { result, measured } = await measureCheck(() =>
    model !== undefined
      ? check(model, { strategy: c.strategy, onProgress })
      : checkInWorkers({ module: CATALOG_MODULE, export: 'catalogModel', args: [c.model, settings] }, { strategy: c.strategy, workers, onProgress }),
  );
  const run: RunResult = { ...measured, bytesPerState: result.visitedBytes / result.unique, livenessBytesPerState: result.livenessBytes / result.unique };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** One thread alone, then two independent one-thread processes at once, `runs` times over. */
async function ceiling(name: string, runs: number): Promise<void> {
  const alone: number[] = [];
  const together: number[] = [];
  const child = [name, '--workers', '1', '--child'];
  for (let run = 1; run <= runs; run++) {
    alone.push((await runChildJsonAsync<RunResult>(child, `${name} alone, run ${run}`)).sec);
    const pair = await Promise.all([runChildJsonAsync<RunResult>(child, `${name} side by side, run ${run}`), runChildJsonAsync<RunResult>(child, `${name} side by side, run ${run}`)]);
    together.push(...pair.map((r) => r.sec));
    console.log(`${name}, run ${run}/${runs}: alone ${alone[run - 1].toFixed(2)} s, side by side ${pair.map((r) => r.sec.toFixed(2)).join(' s and ')} s [load ${load()}]`);
  }
  const slowdown = median(together) / median(alone);
  console.log(
    `${name}: one thread alone median ${median(alone).toFixed(2)} s, side by side median ${median(together).toFixed(2)} s: ` +
      `each ${slowdown.toFixed(2)}× slower, so 2 workers can gain at most ${(2 / slowdown).toFixed(2)}× here`,
  );
}

if (args.includes('--child')) {
  await runOnce(named[0], Number(option('workers')));
} else {
  const cases = named.length > 0 ? named : ['2pc-9-bfs', 'paxos-3'];
  const unknown = cases.filter((n) => caseOf(n) === undefined);
  if (unknown.length > 0) {
    console.error(`unknown case ${unknown.join(', ')}; cases: 2pc-N-bfs, 2pc-N-dfs, paxos-3, scr-4`);
    process.exit(2);
  }
  if (args.includes('--liveness')) compareLiveness(cases);
  else if (args.includes('--ceiling')) {
    console.log(`load average at start: ${load()}`);
    for (const name of cases) await ceiling(name, Number(option('runs') ?? 3));
    console.log(`load average at end: ${load()}`);
  } else compareWorkers(cases);
}

/** One thread against workers, alternating run by run. */
function compareWorkers(cases: readonly string[]): void {
  const runs = Number(option('runs') ?? 3);
  const workerCounts = option('workers') === undefined ? [1, 2] : [Number(option('workers'))];
  console.log(`load average at start: ${load()}`);
  for (const name of cases) {
    const c = caseOf(name)!;
    const label = (workers: number) => `${name} (${c.strategy.toUpperCase()}), ${workers} ${workers === 1 ? 'thread' : 'workers'}`;
    const results = new Map<number, RunResult[]>(workerCounts.map((w) => [w, []]));
    // Runs alternate between the worker counts (1, 2, 1, 2, ...) so that a host whose speed drifts
    // over minutes, as a shared one does, slows both sides alike.
    for (let run = 1; run <= runs; run++) {
      for (const workers of workerCounts) {
        const r = runChildJson<RunResult>([name, '--workers', String(workers), '--child'], `${label(workers)}, run ${run}`);
        const mismatch = c.expected !== undefined && (r.unique !== c.expected[0] || (c.expected[1] > 0 && r.generated !== c.expected[1]));
        results.get(workers)!.push(r);
        console.log(
          `${label(workers)}, run ${run}/${runs}: states=${r.generated} unique=${r.unique} depth=${r.depth} complete=${r.complete} sec=${r.sec.toFixed(2)} ` +
            `cpu sec=${r.cpuSec.toFixed(2)} unique/s=${Math.round(r.unique / r.sec)} peak rss=${r.peakMb} MB visited set=${r.bytesPerState.toFixed(1)} B/state` +
            (mismatch ? ` MISMATCH (expected unique=${c.expected![0]})` : '') +
            ` [load ${load()}]`,
        );
        if (mismatch) process.exitCode = 1;
      }
    }
    const medians = new Map<number, number>();
    for (const [workers, rs] of results) {
      const sec = median(rs.map((r) => r.sec));
      medians.set(workers, sec);
      const last = rs[rs.length - 1];
      console.log(
        `${label(workers)}: median sec=${sec.toFixed(2)} unique/s=${Math.round(last.unique / sec)} peak rss=${median(rs.map((r) => r.peakMb))} MB ` +
          `visited set=${last.bytesPerState.toFixed(1)} B/state over ${runs} run${runs === 1 ? '' : 's'}${c.stateright ? ` (${c.stateright})` : ''}`,
      );
    }
    if (medians.has(1) && medians.has(2)) console.log(`${name}: speed-up with 2 workers: ${(medians.get(1)! / medians.get(2)!).toFixed(2)}×`);
  }
  console.log(`load average at end: ${load()}`);
}

/** Safety only against safety plus liveness, one thread, alternating run by run. */
function compareLiveness(cases: readonly string[]): void {
  const runs = Number(option('runs') ?? 3);
  console.log(`load average at start: ${load()}`);
  for (const name of cases) {
    const sides = [
      { label: 'safety only', flags: [] as string[], results: [] as RunResult[] },
      { label: 'with liveness', flags: ['--with-liveness'], results: [] as RunResult[] },
    ];
    for (let run = 1; run <= runs; run++) {
      for (const side of sides) {
        const r = runChildJson<RunResult>([name, '--workers', '1', '--child', ...side.flags], `${name} ${side.label}, run ${run}`);
        side.results.push(r);
        console.log(
          `${name} ${side.label}, run ${run}/${runs}: states=${r.generated} unique=${r.unique} sec=${r.sec.toFixed(2)} cpu sec=${r.cpuSec.toFixed(2)} peak rss=${r.peakMb} MB ` +
            `visited set=${r.bytesPerState.toFixed(1)} B/state liveness graph=${r.livenessBytesPerState.toFixed(1)} B/state [load ${load()}]`,
        );
      }
    }
    const [safety, live] = sides.map((s) => median(s.results.map((r) => r.sec)));
    // CPU time as well: on a shared machine a run's wall time depends on what else runs.
    const [safetyCpu, liveCpu] = sides.map((s) => median(s.results.map((r) => r.cpuSec)));
    const last = sides[1].results[runs - 1];
    console.log(
      `${name}: median safety only ${safety.toFixed(2)} s, with liveness ${live.toFixed(2)} s: ${(live / safety).toFixed(2)}×; ` +
        `CPU ${safetyCpu.toFixed(2)} s and ${liveCpu.toFixed(2)} s: ${(liveCpu / safetyCpu).toFixed(2)}×; ` +
        `liveness graph ${last.livenessBytesPerState.toFixed(1)} B/state, peak rss ${median(sides[0].results.map((r) => r.peakMb))} → ${median(sides[1].results.map((r) => r.peakMb))} MB`,
    );
  }
  console.log(`load average at end: ${load()}`);
}
