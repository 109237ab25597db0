/**
 * Register-model benchmarks, single-threaded:
 *
 * - Paxos, 3 servers, 3 clients, BFS (Stateright, 2 threads: about 11 s and 870 MB);
 * - single-copy register, 1 server, 4 clients, DFS (Stateright, 2 threads: about 12 s).
 *
 *   npm run bench:models                       # both, 3 runs each, medians
 *   npm run bench:models -- paxos --runs 5     # one of them
 *   npm run bench:models -- paxos --clients 2  # a smaller configuration
 *
 * Every run is a fresh process (so its peak resident memory is its own), started with this
 * process's Node flags (the npm script passes --expose-gc). Each prints counts, wall and CPU
 * seconds, unique states per second and peak resident memory; then the medians.
 */
import { check, type Strategy } from '../src/checker/index.js';
import { abdRegister, paxosRegister, registerSystem, singleCopyRegister, type RegisterProtocol } from '../register-models/index.js';
import type { InternalMsg } from '../register-models/messages.js';
import { measureCheck, median, runChildJson, type CheckRun } from './stats.js';

interface Bench {
  readonly name: string;
  readonly protocol: RegisterProtocol<unknown, InternalMsg>;
  readonly servers: number;
  readonly clients: number;
  readonly strategy: Strategy;
  /** Stateright 0.31 with two threads, for comparison. */
  readonly target: string;
}

const erase = <S, I extends InternalMsg>(p: RegisterProtocol<S, I>) => p as unknown as RegisterProtocol<unknown, InternalMsg>;
const BENCHES: readonly Bench[] = [
  { name: 'paxos', protocol: erase(paxosRegister), servers: 3, clients: 3, strategy: 'bfs', target: 'Stateright (2 threads): ~11 s, 870 MB' },
  { name: 'single-copy-register', protocol: erase(singleCopyRegister), servers: 1, clients: 4, strategy: 'dfs', target: 'Stateright (2 threads): ~12 s' },
  { name: 'abd', protocol: erase(abdRegister), servers: 2, clients: 2, strategy: 'bfs', target: '' },
];

interface RunResult extends CheckRun {
  readonly discovered: readonly string[];
}

const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : undefined;
};
const named = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const selected = named.length > 0 ? BENCHES.filter((b) => named.includes(b.name)) : BENCHES.slice(0, 2);
if (selected.length === 0) {
  console.error(`unknown benchmark; choose from: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const sizeOf = (bench: Bench) => ({ servers: option('servers') ?? bench.servers, clients: option('clients') ?? bench.clients });

/** One run, in this process: prints its result as one JSON line. */
async function runOnce(bench: Bench): Promise<void> {
  const model = registerSystem(bench.protocol, sizeOf(bench));
  const { result, measured } = await measureCheck(() =>
    check(model, {
      strategy: bench.strategy,
      onProgress: (p) =>
        process.stderr.write(`  ${(p.elapsedMs / 1000).toFixed(0)} s: unique=${p.unique} generated=${p.generated} depth=${p.maxDepth} pending=${p.pending} rss=${Math.round(p.rssBytes / 2 ** 20)} MB\n`),
    }),
  );
  const run: RunResult = { ...measured, discovered: result.discoveredNames };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}


if (args.includes('--child')) {
  await runOnce(selected[0]);
} else {
  const runs = option('runs') ?? 3;
  const passed = args.filter((a) => !named.includes(a));
  for (const bench of selected) {
    const { servers, clients } = sizeOf(bench);
    const label = `${bench.name}, ${servers} server${servers === 1 ? '' : 's'}, ${clients} clients, ${bench.strategy.toUpperCase()}`;
    const results: RunResult[] = [];
    for (let run = 1; run <= runs; run++) {
      const r = runChildJson<RunResult>([bench.name, ...passed, '--child'], `${label}, run ${run}`);
      results.push(r);
      console.log(
        `${label}, run ${run}/${runs}: states=${r.generated} unique=${r.unique} depth=${r.depth} complete=${r.complete} ` +
          `sec=${r.sec.toFixed(2)} cpu sec=${r.cpuSec.toFixed(2)} unique/s=${Math.round(r.unique / r.sec)} peak rss=${r.peakMb} MB`,
      );
    }
    const sec = median(results.map((r) => r.sec));
    const last = results[results.length - 1];
    console.log(
      `${label}: median sec=${sec.toFixed(2)} cpu sec=${median(results.map((r) => r.cpuSec)).toFixed(2)} ` +
        `unique/s=${Math.round(last.unique / sec)} peak rss=${median(results.map((r) => r.peakMb))} MB over ${runs} run${runs === 1 ? '' : 's'}` +
        `${bench.target ? ` (${bench.target})` : ''}; discovered: ${last.discovered.join(', ') || 'nothing'}`,
    );
  }
}
