/**
 * `npm run bench:peers`: the cases where Porcupine 1.3 and Stateright 0.31 are compared with this
 * project, side by side in one run, each figure the median of `--runs` runs (default 3), ours and
 * the peer's alternating so that a shared machine's drift slows both alike.
 *
 * The peers are used when the user has built them, named by environment variables:
 * - `PORCUPINE_DRIVER`: an executable run as `$PORCUPINE_DRIVER <model> <file>...` (`kv` for the
 *   Porcupine kv logs, `register` for a Jepsen JSON Lines register history starting at 0) that checks the files
 *   with Porcupine and prints, as its last line, the milliseconds spent checking (parsing
 *   excluded). The whole process is timed here.
 * - `STATERIGHT_EXAMPLES`: the folder of Stateright's example binaries
 *   (`cargo build --release --examples` puts them in `target/release/examples`), run as
 *   `single-copy-register check-dfs 4` and `2pc check-dfs 8`; their peak resident memory is read
 *   with `/usr/bin/time -f %M`.
 * Without them, a peer's column holds the figures measured on the development machine (Porcupine
 * 1.3 and Stateright 0.31 built from source, medians of 3), labelled as constants.
 *
 *   npm run bench:peers [-- --runs 5] [-- --skip-models]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkHistory } from '../consistency/engine/check.js';
import { loadHistoryFile } from '../histories/index.js';
import { CORPORA_ROOT } from './corpus-rows.js';
import { writeLongHistory } from './generate-long-history.js';
import { DEFAULT_LONG_HISTORY } from './long-history.js';
import { median } from './stats.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const CHECKER_BENCH = fileURLToPath(new URL('./checker.js', import.meta.url));
const KV = `${CORPORA_ROOT}porcupine/kv/`;
const KV_FILES = ['c01-bad', 'c01-ok', 'c10-bad', 'c10-ok', 'c50-bad', 'c50-ok'].map((name) => `${KV}${name}.txt`);

/** A figure with its unit: milliseconds or megabytes. */
interface Figure {
  readonly value: number;
  readonly unit: 'ms' | 'MB';
  /** For a whole process: its CPU milliseconds (user plus system, all threads), which a shared machine's load changes less than the wall time. */
  readonly cpuMs?: number;
}

interface Row {
  readonly name: string;
  /** The peer's name and its figure on the development machine. */
  readonly peer: 'Porcupine' | 'Stateright';
  readonly constant: Figure;
  readonly ours: () => Figure;
  /** The peer measured here, or null when it is not installed. */
  readonly measurePeer: (() => Figure) | null;
}

const porcupine = process.env.PORCUPINE_DRIVER;
const stateright = process.env.STATERIGHT_EXAMPLES;
const hasTime = existsSync('/usr/bin/time');

/** Wall milliseconds of a child process; throws with its output when it fails unexpectedly. */
function timed(command: string, argv: readonly string[], okCodes: readonly number[] = [0]): { ms: number; stdout: string; stderr: string } {
  const started = performance.now();
  const out = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = performance.now() - started;
  if (out.status === null || !okCodes.includes(out.status)) throw new Error(`${command} ${argv.join(' ')} exited with ${out.status}: ${out.stderr.slice(-500)}`);
  return { ms, stdout: out.stdout, stderr: out.stderr };
}

/** In-process checking time of one kv file (read once, checked `runs` times after a warm-up). */
function ourCheckMs(file: string): Figure {
  const history = loadHistoryFile(file, { model: 'kv' });
  checkHistory(history.operations, history.model, 'linearizable');
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    checkHistory(history.operations, history.model, 'linearizable');
    times.push(performance.now() - started);
  }
  return { value: median(times), unit: 'ms' };
}

/** The last line of the Porcupine driver's output: its checking milliseconds. */
function porcupineCheckMs(file: string): Figure {
  const { stdout } = timed(porcupine!, ['kv', file]);
  const value = Number(stdout.trim().split('\n').pop());
  if (!Number.isFinite(value)) throw new Error(`PORCUPINE_DRIVER kv ${file}: the last line of its output is not a number of milliseconds`);
  return { value, unit: 'ms' };
}

/** Peak resident memory of our checker on one catalog case, one thread (bench/checker.ts in a fresh process). */
function ourPeakMb(benchCase: string): Figure {
  const { stdout } = timed(process.execPath, ['--expose-gc', CHECKER_BENCH, benchCase, '--workers', '1', '--child']);
  return { value: (JSON.parse(stdout.trim().split('\n').pop()!) as { peakMb: number }).peakMb, unit: 'MB' };
}

/** Peak resident memory of a Stateright example binary, from `/usr/bin/time -f %M` (kilobytes). */
function staterightPeakMb(example: string, argv: readonly string[]): Figure {
  const { stderr } = timed('/usr/bin/time', ['-f', '%M', join(stateright!, example), ...argv]);
  return { value: Number(stderr.trim().split('\n').pop()) / 1024, unit: 'MB' };
}

function rows(smallFile: string): Row[] {
  const wholeProcess = (files: readonly string[], model: string, codes: readonly number[], extra: readonly string[] = ['--no-explain']) => (): Figure => {
    const argv = [CLI, 'check', ...files, '--model', model, ...extra];
    if (!hasTime) return { value: timed(process.execPath, argv, codes).ms, unit: 'ms' };
    const { ms, stderr } = timed('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...argv], codes);
    const [, user, system] = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr) ?? [];
    return { value: ms, unit: 'ms', cpuMs: 1000 * (Number(user) + Number(system)) };
  };
  const peerWholeProcess = (files: readonly string[], model: string) => (): Figure => ({ value: timed(porcupine!, [model, ...files]).ms, unit: 'ms' });
  const withPorcupine = <T>(f: T): T | null => (porcupine ? f : null);
  const withStateright = <T>(f: T): T | null => (stateright && hasTime ? f : null);
  const models = !args.includes('--skip-models');
  return [
    { name: 'Porcupine kv c50-ok, checking time in process', peer: 'Porcupine', constant: { value: 201, unit: 'ms' }, ours: () => ourCheckMs(`${KV}c50-ok.txt`), measurePeer: withPorcupine(() => porcupineCheckMs(`${KV}c50-ok.txt`)) },
    { name: 'Porcupine kv c50-bad, checking time in process', peer: 'Porcupine', constant: { value: 28, unit: 'ms' }, ours: () => ourCheckMs(`${KV}c50-bad.txt`), measurePeer: withPorcupine(() => porcupineCheckMs(`${KV}c50-bad.txt`)) },
    { name: 'the 6 kv files, whole process', peer: 'Porcupine', constant: { value: 300, unit: 'ms' }, ours: wholeProcess(KV_FILES, 'kv', [1]), measurePeer: withPorcupine(peerWholeProcess(KV_FILES, 'kv')) },
    // As `stateright check` runs by default: each invalid file's minimal core is found and explained (Porcupine explains nothing).
    { name: 'the 6 kv files, whole process, explained', peer: 'Porcupine', constant: { value: 300, unit: 'ms' }, ours: wholeProcess(KV_FILES, 'kv', [1], []), measurePeer: withPorcupine(peerWholeProcess(KV_FILES, 'kv')) },
    { name: 'a 2,000-op register history, whole process', peer: 'Porcupine', constant: { value: 130, unit: 'ms' }, ours: wholeProcess([smallFile], 'register', [0], ['--no-explain', '--init', '0']), measurePeer: withPorcupine(peerWholeProcess([smallFile], 'register')) },
    ...(models
      ? ([
          { name: 'single-copy register, 4 clients, DFS: peak memory', peer: 'Stateright', constant: { value: 8, unit: 'MB' }, ours: () => ourPeakMb('scr-4'), measurePeer: withStateright(() => staterightPeakMb('single-copy-register', ['check-dfs', '4'])) },
          { name: '2PC, 8 RMs, DFS: peak memory', peer: 'Stateright', constant: { value: 23, unit: 'MB' }, ours: () => ourPeakMb('2pc-8-dfs'), measurePeer: withStateright(() => staterightPeakMb('2pc', ['check-dfs', '8'])) },
        ] satisfies Row[])
      : []),
  ];
}

const show = (f: Figure): string => (f.unit === 'ms' ? `${f.value.toFixed(0)} ms` : `${f.value.toFixed(0)} MB`);

function main(): void {
  if (!existsSync(KV)) {
    console.error(`the Porcupine kv corpus is missing at ${KV} (expected ../shared/corpora beside the checkout)`);
    process.exit(2);
  }
  if (!porcupine) console.log('PORCUPINE_DRIVER is not set: the Porcupine column holds constants (Porcupine 1.3 on the development machine), not figures measured now');
  if (!stateright) console.log('STATERIGHT_EXAMPLES is not set: the Stateright column holds constants (Stateright 0.31 on the development machine), not figures measured now');
  else if (!hasTime) console.log('/usr/bin/time is missing, so Stateright\'s peak memory cannot be read: its column holds constants');
  const dir = mkdtempSync(join(tmpdir(), 'stateright-peers-'));
  try {
    const smallFile = join(dir, 'register-2000.jsonl');
    writeLongHistory(smallFile, { ...DEFAULT_LONG_HISTORY, ops: 2_000 });
    console.log(`peers: medians of ${runs} runs, ours and the peer's alternating; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`  ${'case'.padEnd(52)} ${'peer'.padStart(22)} ${'ours'.padStart(9)}  ours/peer`);
    for (const row of rows(smallFile)) {
      const ours: number[] = [];
      const oursCpu: number[] = [];
      const theirs: number[] = [];
      // The in-process checks take their own median over `runs` checks of one loaded history.
      const repeat = row.name.includes('in process') ? 1 : runs;
      for (let run = 0; run < repeat; run++) {
        const figure = row.ours();
        ours.push(figure.value);
        if (figure.cpuMs !== undefined) oursCpu.push(figure.cpuMs);
        if (row.measurePeer) theirs.push(row.measurePeer().value);
      }
      const unit = row.constant.unit;
      const peer: Figure = row.measurePeer ? { value: median(theirs), unit } : row.constant;
      const mine: Figure = { value: median(ours), unit };
      const label = `${row.peer} ${show(peer)}${row.measurePeer ? '' : ' (constant)'}`;
      const cpu = oursCpu.length > 0 ? `  (ours: ${median(oursCpu).toFixed(0)} ms CPU)` : '';
      console.log(`  ${row.name.padEnd(52)} ${label.padStart(22)} ${show(mine).padStart(9)}  ${(mine.value / peer.value).toFixed(2)}×${cpu}`);
    }
    console.log(`  load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
