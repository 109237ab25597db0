/**
 * The workload options of `model`, `explore` and `load` (`--operations`, `--write-ratio`,
 * `--keys`, `--values`, `--seed`), built from the one definition in src/system/workload.ts: the
 * same flags, help and errors on every command.
 */
import type { Argv } from 'yargs';
import { WORKLOAD_OPTIONS, type WorkloadOption, type WorkloadSettings } from '../src/system/workload.js';

export interface WorkloadArguments {
  readonly operations?: number;
  readonly writeRatio?: number;
  /** Another name for `writeRatio` (`--put-ratio`, as `load` calls it). */
  readonly putRatio?: number;
  readonly keys?: number;
  readonly values?: number;
  readonly seed?: number;
}

/** `--put-ratio` is `load`'s name for the write ratio (its operations are Puts and Gets). */
const ALIASES: Readonly<Partial<Record<string, string>>> = { 'write-ratio': 'put-ratio' };

export const WORKLOAD_HELP =
  'Workload (system modules: the register models and --module): each client issues --operations operations, one at a time; ' +
  'each is a write with probability --write-ratio, else a read, on a key drawn from --keys; a write writes a value no other ' +
  'write uses, or with --values N one of N values. The choices are a function of --seed, so a run can be repeated. In model ' +
  "and explore, any of --operations, --write-ratio, --keys and --values replaces a system's own workload (the register models': " +
  "Stateright's, each client writes once, then reads) by this one.";

export class WorkloadOptionError extends Error {}

/** The options, as a table that yargs and the model command's fast path (model-fast.ts) both read. */
export function workloadOptionTable(): Record<string, { readonly describe: string; readonly type: 'number'; readonly alias?: string }> {
  const table: Record<string, { readonly describe: string; readonly type: 'number'; readonly alias?: string }> = {};
  for (const o of WORKLOAD_OPTIONS) {
    const alias = ALIASES[o.flag];
    table[o.flag] = { describe: o.describe, type: 'number', ...(alias === undefined ? {} : { alias }) };
  }
  return table;
}

export function addWorkloadOptions<T>(yargs: Argv<T>): Argv<T> {
  return yargs.options(workloadOptionTable()).epilogue(WORKLOAD_HELP) as unknown as Argv<T>;
}

function given(args: WorkloadArguments, o: WorkloadOption): number | undefined {
  return o.setting === 'writeRatio' ? (args.writeRatio ?? args.putRatio) : args[o.setting];
}

/** The flags given that ask for the random workload (`--operations`, ... but not `--seed`). */
export function shapingFlags(args: WorkloadArguments): string[] {
  return WORKLOAD_OPTIONS.filter((o) => o.shapesWorkload && given(args, o) !== undefined).map((o) => `--${o.flag}`);
}

/** The workload settings the options give; a WorkloadOptionError (`--keys must be ...`) for a bad value. */
export function workloadArguments(args: WorkloadArguments): Partial<WorkloadSettings> {
  const settings: { -readonly [K in keyof WorkloadSettings]?: WorkloadSettings[K] } = {};
  for (const o of WORKLOAD_OPTIONS) {
    const value = given(args, o);
    if (value === undefined) continue;
    const problem = o.problem(value);
    if (problem !== undefined) throw new WorkloadOptionError(`--${o.flag} ${problem}`);
    settings[o.setting] = value;
  }
  return settings;
}
