/**
 * Checks every corpus file (../shared/corpora) in one process, through the same path as
 * `stateright check --no-explain`, and prints per set (etcd, kv, knossos) the total time and the
 * slowest file (median of 5 runs, parsing included) and the peak memory. Explanations of the
 * invalid ones are timed by bench/explain.ts (they are bounded at 2 s each and would otherwise
 * dominate the checking figures that Porcupine's are compared with).
 * Targets: 102 etcd files ≤ 0.6 s, etcd_002 ≤ 200 ms, six kv files ≤ 0.25 s, memory < 500 MB.
 */
import { checkHistoryFile } from '../histories/index.js';
import { corpusRows } from './corpus-rows.js';
import type { CorpusRow } from './corpus-rows.js';

const RUNS = 5;
type Job = CorpusRow;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const all = corpusRows();
  const times = new Map<Job, number[]>();
  let peakRss = process.memoryUsage().rss;
  let disagreements = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const job of all) {
      const started = performance.now();
      const verdict = checkHistoryFile(job.path, { ...job.options, explain: false });
      const ms = performance.now() - started;
      if (verdict.valid !== job.expected) disagreements++;
      if (!times.has(job)) times.set(job, []);
      times.get(job)!.push(ms);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
  }
  process.stdout.write(`corpora: ${all.length} rows, median of ${RUNS} runs (parsing included), node ${process.version}\n`);
  for (const set of ['etcd', 'kv', 'kv-nopartition', 'knossos']) {
    const members = all.filter((j) => j.set === set);
    const totals = Array.from({ length: RUNS }, (_, run) => members.reduce((sum, j) => sum + times.get(j)![run], 0));
    const slowest = members.map((j) => ({ name: j.name, ms: median(times.get(j)!) })).sort((a, b) => b.ms - a.ms)[0];
    const extra = set === 'etcd' ? `, etcd_002 ${median(times.get(members.find((j) => j.name.endsWith('etcd_002.log'))!)!).toFixed(1)} ms` : '';
    process.stdout.write(
      `  ${set.padEnd(15)} ${String(members.length).padStart(3)} files  total ${median(totals).toFixed(1).padStart(8)} ms  slowest ${slowest.name} ${slowest.ms.toFixed(1)} ms${extra}\n`,
    );
  }
  process.stdout.write(`  peak memory (rss) ${(peakRss / 1024 / 1024).toFixed(0)} MB; verdicts disagreeing with EXPECTED.tsv: ${disagreements}\n`);
}

main();
