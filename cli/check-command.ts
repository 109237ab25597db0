/**
 * `stateright check <files..>`: is each recorded history linearizable (or sequentially
 * consistent) with respect to a model? Exit 0 when every file is valid, 1 when any is invalid,
 * 3 when none is invalid but some are unknown, 2 for usage or input errors (which win).
 */
import type { Argv, CommandModule, Options } from 'yargs';
import { expandArgument, expectedFromName, HISTORY_EXTENSIONS, parseSize } from './check-files.js';
import { formatBytes, jsonError, jsonVerdict, plainVerdict } from './check-output.js';
import { progressReporter } from './progress.js';
import { startShortRunTiering } from './short-run-tiering.js';
import type { ProgressSink } from './progress.js';
// Direct module imports, not the folder entry points: those load every tester, the causal checker
// and the renderer, which `stateright check` on a plain history never uses; on a directory of
// small files, loading them was a large part of the whole run.
import { CAUSAL_LEVELS, isCausalLevel } from '../consistency/causal/history.js';
import { defaultMaxMemoryBytes } from '../consistency/engine/budget.js';
import { MODEL_NAMES } from '../consistency/models/index.js';
import type { CausalLevel, Consistency, Value } from '../consistency/index.js';
import { checkHistoryFile, defaultWorkerCount, FORMAT_NAMES, HistoryError, MIN_OPS_FOR_WORKERS } from '../histories/index.js';
import type { CheckDetails, FormatName, HistoryModelName, Verdict } from '../histories/index.js';
import type { RemoteChecker } from '../histories/parallel-check.js';
import { basename } from 'node:path';
import { COMMAND_SUMMARIES } from './command-summaries.js';

export interface CheckArguments {
  readonly files: readonly string[];
  readonly model?: HistoryModelName;
  readonly init?: string;
  /** Linearizability and sequential consistency go to the engine; the causal levels to cli/causal-check.ts. */
  readonly consistency: Consistency | CausalLevel;
  /** Check the operations' recorded vector clocks (`vc`) against program order and reads-from. */
  readonly checkClocks?: boolean;
  readonly format: FormatName | 'auto';
  readonly independent: boolean;
  readonly timeout?: number;
  /** The memory bound, e.g. `512MB` (default: a quarter of the machine's memory, at most 4 GB). */
  readonly maxMemory?: string;
  readonly json: boolean;
  readonly expectFromNames: boolean;
  /** Worker threads for partitioned histories (default: the available cores); text as typed on the command line. */
  readonly workers?: number | string;
  /** Find and explain the minimal conflicting operations of invalid histories (default true). */
  readonly explain?: boolean;
  readonly svg?: string;
  readonly dot?: string;
  readonly report?: string;
  /** Check on a cluster: the history's partitions are jobs for `stateright worker` processes on this NATS server. */
  readonly nats?: string;
}

export interface CheckIo {
  readonly stdout: { readonly isTTY: boolean; write(text: string): unknown };
  readonly stderr: ProgressSink;
}

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_INPUT_ERROR = 2;
export const EXIT_UNKNOWN = 3;

const MODEL_CHOICES: readonly string[] = [...MODEL_NAMES, 'kv-nopartition'];
const MAX_WORKERS = 256;

/**
 * Runs the check, then writes the requested graphs and reports, and returns the exit code. With
 * several files, each file's artifacts are named after it (`out.svg` → `out.<file>.svg`).
 */
export async function runCheckAndRender(args: CheckArguments, io: CheckIo, remote?: RemoteChecker): Promise<number> {
  if (isCausalLevel(args.consistency) || args.checkClocks) return (await import('./causal-check.js')).runCausalCheck(args, io);
  const details: CheckDetails[] = [];
  const verdicts = new Map<string, Verdict>();
  let code = runCheck(args, io, details, remote, (v) => verdicts.set(v.file, v));
  if (details.length === 0) return code;
  const { writeHistoryArtifacts } = await import('../src/render/index.js');
  const runReport = args.report === undefined ? undefined : await import('./check-run-report.js');
  for (const detail of details) {
    const name = (path: string | undefined): string | undefined => (path === undefined || details.length === 1 ? path : perFile(path, detail.history.file));
    try {
      const file = detail.history.file;
      const report = name(args.report);
      const timed = runReport === undefined ? undefined : runReport.timedOps(file);
      const run = timed !== undefined && 'ops' in timed ? timed.ops : undefined;
      const { written: drawn } = await writeHistoryArtifacts(
        { svg: name(args.svg), dot: name(args.dot), report: run === undefined ? report : undefined },
        { ...detail, history: detail.history.operations, model: detail.history.model, title: file },
      );
      const written = [...drawn];
      if (runReport !== undefined && report !== undefined && run !== undefined) {
        runReport.writeRunReport(file, report, run, verdicts.get(file));
        written.push(report);
      } else if (runReport !== undefined && timed !== undefined && 'reason' in timed) {
        io.stderr.write(`${file}: no run report (${timed.reason}); ${runReport.UNTIMED_NOTE}\n`);
      }
      for (const file of written) io.stderr.write(`wrote ${file}\n`);
    } catch (error) {
      io.stderr.write(`stateright check: cannot write the graphs or report for ${detail.history.file}: ${error instanceof Error ? error.message : String(error)}\n`);
      code = EXIT_INPUT_ERROR;
    }
  }
  return code;
}

export function perFile(path: string, file: string): string {
  const stem = basename(file).replace(/\.[^.]*$/, '');
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? `${path.slice(0, dot)}.${stem}${path.slice(dot)}` : `${path}.${stem}`;
}

/**
 * Runs the check and returns the exit code; every file is reported, whatever the others do.
 * When `details` is given and graphs or a report were asked for, each checked file's details are
 * collected there for `runCheckAndRender`. `remote` searches the partitions elsewhere (`--nats`).
 */
export function runCheck(args: CheckArguments, io: CheckIo, details?: CheckDetails[], remote?: RemoteChecker, onVerdict?: (verdict: Verdict) => void): number {
  const wantsArtifacts = args.svg !== undefined || args.dot !== undefined || args.report !== undefined;
  const say = (text: string): void => void io.stdout.write(`${text}\n`);
  const complain = (text: string): void => void io.stderr.write(`${text}\n`);
  const parsed = parseInitAndTimeout(args, complain);
  if (parsed === null) return EXIT_INPUT_ERROR;
  const { init } = parsed;
  const maxMemoryBytes = args.maxMemory === undefined ? defaultMaxMemoryBytes() : parseSize(args.maxMemory);
  if (typeof maxMemoryBytes !== 'number') {
    complain(`stateright check: --max-memory: ${maxMemoryBytes.error}`);
    return EXIT_INPUT_ERROR;
  }
  const workers = args.workers === undefined ? defaultWorkerCount() : /^\s*\d+\s*$/.test(String(args.workers)) ? Number(args.workers) : NaN;
  if (!(workers >= 1 && workers <= MAX_WORKERS)) {
    complain(`stateright check: --workers must be a whole number from 1 to ${MAX_WORKERS}, got '${String(args.workers)}'`);
    return EXIT_INPUT_ERROR;
  }
  const progress = progressReporter(io.stderr, { json: args.json, stdoutIsTTY: io.stdout.isTTY });
  const tiering = startShortRunTiering();
  let inputErrors = 0;
  let invalid = 0;
  let unknown = 0;
  let mismatches = 0;
  const reportError = (error: HistoryError): void => {
    inputErrors++;
    complain(error.message);
    if (args.json) say(jsonError(error));
  };
  for (const argument of args.files) {
    const expanded = expandArgument(argument);
    if ('error' in expanded) {
      reportError(expanded.error);
      continue;
    }
    for (const file of expanded.files) {
      tiering.beforeFile(file);
      const reportProgress = progress.forFile(file);
      let verdict: Verdict;
      try {
        verdict = checkHistoryFile(file, {
          format: args.format,
          model: args.model,
          init,
          independent: args.independent,
          consistency: args.consistency as Consistency,
          timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
          maxMemoryBytes,
          workers,
          remote,
          onProgress: (p) => {
            tiering.settle();
            reportProgress(p);
          },
          explain: args.explain ?? true,
          onDetails: details && wantsArtifacts ? (d) => details.push(d) : undefined,
        });
      } catch (error) {
        progress.finish();
        if (error instanceof HistoryError) {
          reportError(error);
          continue;
        }
        throw error;
      }
      progress.finish();
      onVerdict?.(verdict);
      if (verdict.valid === false) invalid++;
      if (verdict.valid === 'unknown') unknown++;
      const expected = args.expectFromNames ? expectedFromName(file) : undefined;
      let expectation = '';
      if (expected !== undefined) {
        const matches = expected !== null && verdict.valid === expected;
        if (!matches) mismatches++;
        expectation =
          expected === null
            ? ' — UNEXPECTED: the name says neither -valid nor -invalid'
            : matches
              ? ` — as expected`
              : ` — UNEXPECTED: the name says ${expected ? 'valid' : 'invalid'}`;
      }
      say(args.json ? jsonVerdict(verdict, expected) : plainVerdict(verdict, expectation));
    }
  }
  tiering.end();
  if (inputErrors > 0) return EXIT_INPUT_ERROR;
  if (args.expectFromNames) {
    if (!args.json) say(mismatches === 0 ? 'every verdict is as the file names say' : `${mismatches} verdict(s) differ from what the file names say`);
    return mismatches === 0 ? EXIT_VALID : EXIT_INVALID;
  }
  if (invalid > 0) return EXIT_INVALID;
  return unknown > 0 ? EXIT_UNKNOWN : EXIT_VALID;
}

/** `--init` as JSON and a positive `--timeout`, or null after complaining. Shared with cli/causal-check.ts. */
export function parseInitAndTimeout(args: CheckArguments, complain: (text: string) => void): { readonly init: Value | undefined } | null {
  let init: Value | undefined;
  if (args.init !== undefined) {
    try {
      init = JSON.parse(args.init) as Value;
    } catch (error) {
      complain(`stateright check: --init must be JSON (e.g. 0, null, '{"x": 0}'): ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
  if (args.timeout !== undefined && !(args.timeout > 0)) {
    complain('stateright check: --timeout must be a positive number of seconds');
    return null;
  }
  return { init };
}

/** An option of `stateright check` (besides the files), as yargs takes it. */
export interface CheckOption {
  readonly describe: string;
  readonly type?: 'string' | 'boolean' | 'number';
  readonly choices?: readonly string[];
  readonly default?: string | boolean;
}

/** The options of `stateright check`: yargs builds the command from them, and check-fast.ts reads the same table. */
/**
 * `20000` → `20,000`, as `toLocaleString('en')` writes an integer; without it, because the first
 * `toLocaleString` of a process loads the ICU locale data, 0.03 s of CPU in every `check` (the
 * options are built on each run, not only for `--help`).
 */
const withCommas = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export function checkOptions(): Readonly<Record<string, CheckOption>> {
  return {
    model: {
      describe: 'the object the history should behave like. Default: cas-register for Porcupine etcd logs, kv for Porcupine kv logs, otherwise inferred from the :f names when they fit exactly one model',
      choices: MODEL_CHOICES,
      type: 'string',
    },
    init: {
      describe: "the model's initial state, as JSON (e.g. 0, null, '{\"x\":0,\"y\":0}'). Default: the model's own (null for registers, [] for collections, false for mutex)",
      type: 'string',
    },
    consistency: {
      describe:
        'what to check: linearizable, sequential, or (read/write registers and kv stores) a causal level — causal (CC), causal-convergence (CCv), causal-memory (CM) — or a session guarantee: read-your-writes, monotonic-reads, monotonic-writes, writes-follow-reads',
      choices: ['linearizable', 'sequential', ...CAUSAL_LEVELS],
      default: 'linearizable',
    },
    'check-clocks': {
      describe: 'with a causal level: check the vector clocks the ops carry in a vc field ({"a": 2, "b": 1}) against program order and reads-from, and report the first op whose clock contradicts them',
      type: 'boolean',
      default: false,
    },
    format: {
      describe: 'the file format; auto detects it from the content',
      choices: ['auto', ...FORMAT_NAMES],
      default: 'auto',
    },
    independent: {
      describe:
        'values are [key value] tuples (jepsen.independent): you state that the keys are independent objects, so each key is checked on its own and reported, under linearizable and sequential alike. ' +
        '(Without it, a keyed model such as kv is split by key only under linearizability, which is local; sequential consistency searches all keys as one object, since it is not.)',
      type: 'boolean',
      default: false,
    },
    timeout: { describe: 'give up on a file after this many seconds (reading included); its verdict is then unknown (exit 3)', type: 'number' },
    'max-memory': {
      describe: `give up on a file when the search holds this much memory (e.g. 512MB, 2GB; 1 MB = 2^20 bytes); its verdict is then unknown (exit 3), never a crash. Default: a quarter of this machine's memory, at most 4 GB (here ${formatBytes(defaultMaxMemoryBytes())})`,
      type: 'string',
    },
    workers: {
      describe:
        `threads (the main one and N-1 workers) for histories checked key by key (--independent, or a keyed model such as kv under linearizability); ` +
        `verdicts, failing ops and explanations are the same on any number. A history of fewer than ${withCommas(MIN_OPS_FOR_WORKERS)} ops, or of one key, ` +
        `is checked on the main thread, where starting workers would cost more than it saves. --max-memory is split between the threads. Default: the available cores (here ${defaultWorkerCount()})`,
      type: 'string',
    },
    json: {
      describe: 'print one JSON object per file on stdout instead of text (invalid files add "core": the indices of the minimal conflicting operations)',
      type: 'boolean',
      default: false,
    },
    explain: {
      describe: 'for invalid histories, find the few operations that really conflict and say why (--no-explain skips it)',
      type: 'boolean',
      default: true,
    },
    svg: { describe: 'write the conflicting operations as a graph (SVG) to this file', type: 'string' },
    dot: { describe: 'write that graph as Graphviz DOT text to this file', type: 'string' },
    report: {
      describe:
        'write a self-contained HTML report (timeline, longest partial order, conflict graph, explanation) to this file; a JSON Lines history whose operations all carry a time (as load writes them, nemesis lines included) gets the run report instead: throughput and latency per second, ok/fail/info, nemesis intervals shaded, the verdict and explanation',
      type: 'string',
    },
    nats: {
      describe:
        'check on a cluster: the partitions of the history (its keys, for a keyed model or --independent) become jobs for `stateright worker --nats` processes sharing this NATS server (JetStream), e.g. nats://10.0.0.1:4222; verdicts, failing ops, explanations and exit codes are those of a local check (linearizable and sequential only)',
      type: 'string',
    },
    'expect-from-names': {
      describe: 'file names containing -valid or -invalid state the expected verdict; exit 0 iff every verdict matches (npm start uses it)',
      type: 'boolean',
      default: false,
    },
  };
}

const typedCheckCommand: CommandModule<object, CheckArguments> = {
  ...COMMAND_SUMMARIES.check,
  builder: (yargs: Argv) =>
    yargs
      .positional('files', {
        describe: `history files, or directories (their ${HISTORY_EXTENSIONS.map((e) => `*${e}`).join(' ')} files, not recursive)`,
        type: 'string',
        array: true,
        demandOption: true,
      })
      .options(checkOptions() as Record<string, Options>)
      .example('$0 check store/latest/history.edn --model cas-register --init 0', 'a Jepsen history, Knossos style')
      .example('$0 check trace.jsonl --model kv', 'a JSON Lines production trace')
      .example('$0 check etcd_002.log', 'a Porcupine etcd log (cas-register, initially null)')
      .example('$0 check histories/ --json --timeout 10', 'every history in a folder, as JSON, 10 s per file')
      .example('$0 check history.edn --independent --model register', 'a jepsen.independent history, key by key')
      .example('$0 check history.edn --model cas-register --svg conflict.svg --report report.html', 'draw the conflict and write a report')
      .example('$0 check trace.jsonl --model kv --consistency causal --check-clocks --svg chain.svg', 'causal consistency of a kv trace, its recorded clocks, and the bad pattern drawn')
      .epilogue(
        'Exit codes: 0 every file valid; 1 some file invalid; 3 none invalid but some unknown (timeout or memory); 2 a usage or input error (reported as file:line: what is wrong; the other files are still checked).',
      ) as unknown as Argv<CheckArguments>,
  handler: (args) => runCheckHandler(args),
};

/**
 * What `stateright check` does with its parsed arguments (from yargs, or from check-fast.ts).
 * Verdicts only: the check is synchronous, and once its output is written the process ends at
 * once. After a handler returns, yargs renders and caches the command's whole help text, which
 * took 0.1-0.2 s here (a third of checking the 102 etcd files).
 */
export function runCheckHandler(args: CheckArguments): Promise<void> | void {
  const io = { stdout: process.stdout, stderr: process.stderr };
  if (args.nats !== undefined) return import('./check-cluster.js').then(async ({ runClusterCheck }) => void (process.exitCode = await runClusterCheck(args, io)));
  const wantsArtifacts = args.svg !== undefined || args.dot !== undefined || args.report !== undefined;
  if (isCausalLevel(args.consistency) || args.checkClocks || wantsArtifacts) {
    return runCheckAndRender(args, io).then((code) => void (process.exitCode = code));
  }
  const code = runCheck(args, io);
  process.exitCode = code;
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
}

/** The command for cli/main.ts's list (whose entries are untyped). */
export const checkCommand = typedCheckCommand as unknown as CommandModule;
