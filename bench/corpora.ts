/**
 * Checks every corpus file (../shared/corpora) in one process, through the same path as
 * `stateright check`, and prints per set (etcd, kv, knossos) the total time and the slowest
 * file (median of 5 runs, parsing included) and the peak memory.
 * Targets: 102 etcd files ≤ 0.6 s, etcd_002 ≤ 200 ms, six kv files ≤ 0.25 s, memory < 500 MB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkHistoryFile } from '../histories/index.js';
import type { CheckFileOptions } from '../histories/index.js';

const ROOT = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));
const RUNS = 5;

interface Job {
  readonly set: string;
  readonly name: string;
  readonly path: string;
  readonly options: CheckFileOptions;
  readonly expected: boolean;
}

function jobs(): Job[] {
  const rows = (set: string) =>
    readFileSync(`${ROOT}${set}/EXPECTED.tsv`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
  const out: Job[] = [];
  for (const [file, model, expected] of rows('porcupine')) {
    const set = model === 'etcd' ? 'etcd' : model;
    out.push({ set, name: file, path: `${ROOT}porcupine/${file}`, options: model === 'etcd' ? {} : { model: model as 'kv' }, expected: expected === 'ok' });
  }
  for (const [file, model, expected] of rows('knossos')) {
    const options: CheckFileOptions = model.startsWith('cas-register')
      ? { model: 'cas-register', init: 0 }
      : model.startsWith('multi')
        ? { model: 'multi-register', init: { x: 0, y: 0 } }
        : { model: 'mutex' };
    out.push({ set: 'knossos', name: file, path: `${ROOT}knossos/${file}`, options, expected: expected === 'valid' });
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  if (!existsSync(ROOT)) {
    process.stderr.write(`bench/corpora: the corpora are missing at ${ROOT}\n`);
    process.exit(2);
  }
  const all = jobs();
  const times = new Map<Job, number[]>();
  let peakRss = process.memoryUsage().rss;
  let disagreements = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const job of all) {
      const started = performance.now();
      const verdict = checkHistoryFile(job.path, job.options);
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
