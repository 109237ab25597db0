/**
 * `stateright check <files..>`: is each recorded history linearizable (or sequentially
 * consistent) with respect to a model? Exit 0 when every file is valid, 1 when any is invalid,
 * 3 when none is invalid but some are unknown, 2 for usage or input errors (which win).
 */
import type { Argv, CommandModule } from 'yargs';
import { expandArgument, expectedFromName, HISTORY_EXTENSIONS } from './check-files.js';
import { jsonError, jsonVerdict, plainVerdict } from './check-output.js';
import { progressReporter } from './progress.js';
import type { ProgressSink } from './progress.js';
import { MODEL_NAMES } from '../consistency/index.js';
import type { Consistency, Value } from '../consistency/index.js';
import { checkHistoryFile, FORMAT_NAMES, HistoryError } from '../histories/index.js';
import type { FormatName, HistoryModelName, Verdict } from '../histories/index.js';

export interface CheckArguments {
  readonly files: readonly string[];
  readonly model?: HistoryModelName;
  readonly init?: string;
  readonly consistency: Consistency;
  readonly format: FormatName | 'auto';
  readonly independent: boolean;
  readonly timeout?: number;
  readonly json: boolean;
  readonly expectFromNames: boolean;
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

/** Runs the check and returns the exit code; every file is reported, whatever the others do. */
export function runCheck(args: CheckArguments, io: CheckIo): number {
  const say = (text: string): void => void io.stdout.write(`${text}\n`);
  const complain = (text: string): void => void io.stderr.write(`${text}\n`);
  let init: Value | undefined;
  if (args.init !== undefined) {
    try {
      init = JSON.parse(args.init) as Value;
    } catch (error) {
      complain(`stateright check: --init must be JSON (e.g. 0, null, '{"x": 0}'): ${error instanceof Error ? error.message : String(error)}`);
      return EXIT_INPUT_ERROR;
    }
  }
  if (args.timeout !== undefined && !(args.timeout > 0)) {
    complain('stateright check: --timeout must be a positive number of seconds');
    return EXIT_INPUT_ERROR;
  }
  const progress = progressReporter(io.stderr, { json: args.json, stdoutIsTTY: io.stdout.isTTY });
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
      let verdict: Verdict;
      try {
        verdict = checkHistoryFile(file, {
          format: args.format,
          model: args.model,
          init,
          independent: args.independent,
          consistency: args.consistency,
          timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
          onProgress: progress.forFile(file),
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
  if (inputErrors > 0) return EXIT_INPUT_ERROR;
  if (args.expectFromNames) {
    if (!args.json) say(mismatches === 0 ? 'every verdict is as the file names say' : `${mismatches} verdict(s) differ from what the file names say`);
    return mismatches === 0 ? EXIT_VALID : EXIT_INVALID;
  }
  if (invalid > 0) return EXIT_INVALID;
  return unknown > 0 ? EXIT_UNKNOWN : EXIT_VALID;
}

const typedCheckCommand: CommandModule<object, CheckArguments> = {
  command: 'check <files..>',
  describe: 'check recorded histories (Jepsen EDN, JSON, JSON Lines, Porcupine logs) for linearizability',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', {
        describe: `history files, or directories (their ${HISTORY_EXTENSIONS.map((e) => `*${e}`).join(' ')} files, not recursive)`,
        type: 'string',
        array: true,
        demandOption: true,
      })
      .option('model', {
        describe: 'the object the history should behave like. Default: cas-register for Porcupine etcd logs, kv for Porcupine kv logs, otherwise inferred from the :f names when they fit exactly one model',
        choices: MODEL_CHOICES,
        type: 'string',
      })
      .option('init', {
        describe: "the model's initial state, as JSON (e.g. 0, null, '{\"x\":0,\"y\":0}'). Default: the model's own (null for registers, [] for collections, false for mutex)",
        type: 'string',
      })
      .option('consistency', { describe: 'what to check', choices: ['linearizable', 'sequential'] as const, default: 'linearizable' as const })
      .option('format', {
        describe: 'the file format; auto detects it from the content',
        choices: ['auto', ...FORMAT_NAMES] as const,
        default: 'auto' as const,
      })
      .option('independent', { describe: 'values are [key value] tuples (jepsen.independent): check each key on its own and report each', type: 'boolean', default: false })
      .option('timeout', { describe: 'give up on a file after this many seconds (reading included); its verdict is then unknown (exit 3)', type: 'number' })
      .option('json', { describe: 'print one JSON object per file on stdout instead of text', type: 'boolean', default: false })
      .option('expect-from-names', {
        describe: 'file names containing -valid or -invalid state the expected verdict; exit 0 iff every verdict matches (npm start uses it)',
        type: 'boolean',
        default: false,
      })
      .example('$0 check store/latest/history.edn --model cas-register --init 0', 'a Jepsen history, Knossos style')
      .example('$0 check trace.jsonl --model kv', 'a JSON Lines production trace')
      .example('$0 check etcd_002.log', 'a Porcupine etcd log (cas-register, initially null)')
      .example('$0 check histories/ --json --timeout 10', 'every history in a folder, as JSON, 10 s per file')
      .example('$0 check history.edn --independent --model register', 'a jepsen.independent history, key by key')
      .epilogue(
        'Exit codes: 0 every file valid; 1 some file invalid; 3 none invalid but some unknown (timeout or memory); 2 a usage or input error (reported as file:line: what is wrong; the other files are still checked).',
      ) as unknown as Argv<CheckArguments>,
  handler: (args) => {
    process.exitCode = runCheck(args, { stdout: process.stdout, stderr: process.stderr });
  },
};

/** The command for cli/main.ts's list (whose entries are untyped). */
export const checkCommand = typedCheckCommand as unknown as CommandModule;
