/**
 * Checker benchmark: two-phase commit with N resource managers (default 9) by BFS, single-threaded.
 * Expected for N = 9: 10,340,352 unique and 123,558,402 generated states (Stateright's counts).
 *
 *   npm run bench:checker               # N = 9
 *   npm run bench:checker -- 7 --runs 3 # N = 7, three runs, median reported
 */
import { check } from '../src/checker/index.js';
import { TwoPhaseCommit } from '../src/examples/two-phase-commit.js';

const EXPECTED: Record<number, [unique: number, generated: number]> = {
  3: [288, 1_146],
  5: [8_832, 58_146],
  9: [10_340_352, 123_558_402],
};

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
const positional = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
const rmCount = positional.length > 0 ? Number(positional[0]) : 9;

const gc = (globalThis as { gc?: () => void }).gc;
const times: number[] = [];
let ok = true;
for (let run = 1; run <= runs; run++) {
  gc?.();
  let peakRss = process.memoryUsage.rss();
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 200);
  sample.unref();
  const started = process.hrtime.bigint();
  const result = check(new TwoPhaseCommit(rmCount), {
    strategy: 'bfs',
    progressIntervalMs: 1000,
    onProgress: (p) => {
      peakRss = Math.max(peakRss, p.rssBytes);
      process.stderr.write(`  ${(p.elapsedMs / 1000).toFixed(0)} s: unique=${p.unique} generated=${p.generated} depth=${p.maxDepth} rss=${Math.round(p.rssBytes / 2 ** 20)} MB\n`);
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  times.push(seconds);
  const expected = EXPECTED[rmCount];
  const matches = expected === undefined || (result.unique === expected[0] && result.generated === expected[1]);
  ok &&= matches;
  console.log(
    `2PC ${rmCount} RMs, BFS, run ${run}/${runs}: generated=${result.generated} unique=${result.unique} ` +
      `depth=${result.maxDepth} sec=${seconds.toFixed(2)} unique/s=${Math.round(result.unique / seconds)} ` +
      `peak rss=${Math.round(peakRss / 2 ** 20)} MB collision probability<=${result.collisionProbability.toExponential(2)}` +
      (matches ? '' : ` MISMATCH (expected unique=${expected![0]} generated=${expected![1]})`),
  );
}
if (runs > 1) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`median sec=${sorted[Math.floor(sorted.length / 2)].toFixed(2)} over ${runs} runs`);
}
if (!ok) process.exitCode = 1;
