/**
 * `npm run bench:long` (also the last part of `npm run bench`): long generated Jepsen-style
 * histories (long-history.ts), each checked from its file as `stateright check` does, in a fresh
 * process so that its peak memory is its own. Prints the median wall time of 3 runs (reading
 * included, explanation off), the verdict and the peak RSS, next to each case's target.
 *
 *   node --expose-gc dist/bench/long-histories.js [--runs 3] [--huge]
 *
 * `--huge` adds the 1,000,000-operation keyed history (1,000 keys, --independent), read as a
 * stream, checked on 1 worker (the main thread) and on every core, with the speed-up. Peak RSS
 * is the whole process's, workers included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkHistoryFile } from '../histories/index.js';
import { writeLongHistory } from './generate-long-history.js';
import { DEFAULT_LONG_HISTORY } from './long-history.js';
import type { LongHistoryOptions } from './long-history.js';
import { median } from './stats.js';

interface Case {
  readonly name: string;
  readonly history: Partial<LongHistoryOptions>;
  readonly target: string;
  /** Worker threads (default 1). */
  readonly workers?: number;
}

const CASES: readonly Case[] = [
  { name: 'register, 10,000 ops, 1% crashed, valid', history: { ops: 10_000 }, target: '≤ 0.4 s' },
  { name: 'register, 50,000 ops, 1% crashed, valid', history: { ops: 50_000 }, target: '≤ 2 s, ≤ 500 MB' },
  { name: 'register, 10,000 ops, one stale read', history: { ops: 10_000, staleRead: true }, target: 'NOT linearizable in ≤ 2 s' },
  { name: 'register, 2,000 ops, 3% crashed, valid', history: { ops: 2_000, crashed: 0.03 }, target: '(Porcupine: about 7 s)' },
  { name: 'cas-register, 10,000 ops, 1% crashed', history: { ops: 10_000, model: 'cas-register' }, target: '' },
  { name: 'cas-register, 10,000 ops, one stale read', history: { ops: 10_000, model: 'cas-register', staleRead: true }, target: '' },
];

const HUGE_HISTORY = { ops: 1_000_000, keys: 1_000 };
const HUGE: readonly Case[] = [
  { name: 'keyed, 1,000,000 ops, 1,000 keys, 1 worker', history: HUGE_HISTORY, target: '≤ 20 s, ≤ 2 GB', workers: 1 },
  { name: `keyed, 1,000,000 ops, 1,000 keys, ${availableParallelism()} workers`, history: HUGE_HISTORY, target: '≤ 20 s, ≤ 2 GB', workers: availableParallelism() },
];

/** In the child: check one file and print what the parent needs. */
function child(file: string, keyed: boolean, workers: number): void {
  const started = performance.now();
  const verdict = checkHistoryFile(file, { init: 0, independent: keyed, model: keyed ? 'register' : undefined, explain: false, workers });
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, valid: verdict.valid, op: verdict.op?.index ?? null, rssMb: process.resourceUsage().maxRSS / 1024 }));
}

function main(): void {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
  const cases = args.includes('--huge') ? [...CASES, ...HUGE] : CASES;
  const dir = mkdtempSync(join(tmpdir(), 'stateright-long-'));
  const self = fileURLToPath(import.meta.url);
  console.log(`long histories: 10 processes, values 0-4, --init 0; median of ${runs} runs in fresh processes (reading included, no explanation)`);
  let oneWorkerMs: number | undefined;
  try {
    for (const c of cases) {
      const options = { ...DEFAULT_LONG_HISTORY, ...c.history };
      const file = join(dir, `${options.model}-${options.ops}-${options.keys}-${options.staleRead ? 'stale' : 'ok'}-${options.crashed}.jsonl`);
      if (!existsSync(file)) writeLongHistory(file, options);
      const results: { ms: number; valid: boolean | 'unknown'; op: number | null; rssMb: number }[] = [];
      for (let run = 0; run < runs; run++) {
        const out = spawnSync(process.execPath, [self, '--child', file, String(options.keys > 0), String(c.workers ?? 1)], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (out.status !== 0) throw new Error(`the check of ${file} failed: ${out.stderr}`);
        results.push(JSON.parse(out.stdout) as (typeof results)[number]);
      }
      const verdict = results[0].valid === false ? `invalid at index ${results[0].op}` : `valid=${results[0].valid}`;
      const ms = median(results.map((r) => r.ms));
      console.log(
        `  ${c.name.padEnd(48)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${median(results.map((r) => r.rssMb)).toFixed(0).padStart(5)} MB  ${verdict}${c.target ? `  (target ${c.target})` : ''}`,
      );
      if (c.workers === 1) oneWorkerMs = ms;
      else if (c.workers !== undefined && oneWorkerMs !== undefined) console.log(`  speed-up of ${c.workers} workers over 1: ${(oneWorkerMs / ms).toFixed(2)}x`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`  load average: ${readLoad()}`);
}

function readLoad(): string {
  const out = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : 'unknown';
}

if (process.argv[2] === '--child') child(process.argv[3], process.argv[4] === 'true', Number(process.argv[5]));
else main();
