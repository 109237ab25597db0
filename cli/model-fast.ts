/**
 * `stateright model` without yargs, for the command lines it is run with nearly always: a model's
 * name and long options with plain values (fast-args.ts says which, and why the result is
 * yargs's). Loading yargs holds about 15 MB of resident memory for the whole run, a sixth of a
 * two-phase-commit check's peak, besides its start-up. Anything else (`--help`, `--version`, a
 * mistake, `--consistency a b`, `--write-ratio` with its other name `--put-ratio` ...) is left to
 * yargs, and so is a cluster run (`--nats`), which is long, so that yargs's start-up does not
 * count. `test/cli/model-fast.test.ts` compares the two on random command lines (fast-check).
 */
import { readLongOptions } from './fast-args.js';
import { runModel, type ModelArguments } from './model-command.js';
import { modelOptions } from './model-options.js';

/** The arguments yargs would give the model command's handler for `args` (`model …`), or undefined to leave them to yargs. */
export function parseModelFast(args: readonly string[]): ModelArguments | undefined {
  if (args[0] !== 'model') return undefined;
  const line = readLongOptions(args.slice(1), modelOptions(), ['nats']);
  // `model [name]`: a second word is an error yargs reports.
  if (line === undefined || line.positionals.length > 1) return undefined;
  const [name] = line.positionals;
  return { ...(name === undefined ? {} : { name }), ...line.options } as ModelArguments;
}

/** Runs `stateright model` when the fast path reads its command line; false leaves it to yargs. */
export async function runModelFast(args: readonly string[]): Promise<boolean> {
  const parsed = parseModelFast(args);
  if (parsed === undefined) return false;
  process.exitCode = await runModel(parsed, { stdout: process.stdout, stderr: process.stderr });
  return true;
}
