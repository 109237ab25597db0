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
 * Each run prints counts, seconds, unique states per second and peak resident memory (sampled).
 * Run with --expose-gc (the npm script does) so runs start from a collected heap.
 */
import { check, type ModelCheckResult, type Strategy } from '../src/checker/index.js';
import { abdRegister, paxosRegister, registerSystem, singleCopyRegister, type RegisterProtocol } from '../register-models/index.js';
import type { InternalMsg } from '../register-models/messages.js';

interface Bench {
  readonly name: string;
  readonly protocol: RegisterProtocol<unknown, InternalMsg>;
  readonly servers: number;
  readonly clients: number;
  readonly strategy: Strategy;
  /** Stateright 0.31 with two threads, for comparison. */
  readonly target: string;
}

const BENCHES: readonly Bench[] = [
  { name: 'paxos', protocol: paxosRegister as RegisterProtocol<unknown, InternalMsg>, servers: 3, clients: 3, strategy: 'bfs', target: 'Stateright (2 threads): ~11 s, 870 MB' },
  { name: 'single-copy-register', protocol: singleCopyRegister as RegisterProtocol<unknown, InternalMsg>, servers: 1, clients: 4, strategy: 'dfs', target: 'Stateright (2 threads): ~12 s' },
  { name: 'abd', protocol: abdRegister as RegisterProtocol<unknown, InternalMsg>, servers: 2, clients: 2, strategy: 'bfs', target: '' },
];

const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : undefined;
};
const runs = option('runs') ?? 3;
const named = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const selected = named.length > 0 ? BENCHES.filter((b) => named.includes(b.name)) : BENCHES.slice(0, 2);
if (selected.length === 0) {
  console.error(`unknown benchmark; choose from: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

for (const bench of selected) {
  const clients = option('clients') ?? bench.clients;
  const servers = option('servers') ?? bench.servers;
  const label = `${bench.name}, ${servers} server${servers === 1 ? '' : 's'}, ${clients} clients, ${bench.strategy.toUpperCase()}`;
  const seconds: number[] = [];
  const peaks: number[] = [];
  let last: ModelCheckResult<unknown, unknown> | undefined;
  for (let run = 1; run <= runs; run++) {
    gc?.();
    const model = registerSystem(bench.protocol, { servers, clients });
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
    sampler.unref();
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const result = check(model, {
      strategy: bench.strategy,
      onProgress: (p) => {
        peak = Math.max(peak, p.rssBytes);
        process.stderr.write(`  ${(p.elapsedMs / 1000).toFixed(0)} s: unique=${p.unique} generated=${p.generated} depth=${p.maxDepth} pending=${p.pending} rss=${mb(p.rssBytes)} MB\n`);
      },
    });
    const sec = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    seconds.push(sec);
    peaks.push(peak);
    last = result as ModelCheckResult<unknown, unknown>;
    console.log(
      `${label}, run ${run}/${runs}: states=${result.generated} unique=${result.unique} depth=${result.maxDepth} ` +
        `complete=${result.complete} sec=${sec.toFixed(2)} cpu sec=${((cpu.user + cpu.system) / 1e6).toFixed(2)} unique/s=${Math.round(result.unique / sec)} peak rss=${mb(peak)} MB`,
    );
  }
  const sec = median(seconds);
  console.log(
    `${label}: median sec=${sec.toFixed(2)} unique/s=${Math.round(last!.unique / sec)} peak rss=${mb(median(peaks))} MB ` +
      `over ${runs} run${runs === 1 ? '' : 's'}${bench.target ? ` (${bench.target})` : ''}; ` +
      `properties: ${last!.properties.map((p) => `${p.name}=${last!.discoveredNames.includes(p.name) ? 'discovered' : 'none'}`).join(', ')}`,
  );
}
