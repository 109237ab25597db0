/**
 * `stateright check` without yargs, for the command lines it is run with nearly always: files and
 * long options with plain values (fast-args.ts says which, and why the result is yargs's). Loading
 * yargs was most of the command's start-up, which is most of checking a small file. Anything else
 * (`--help`, `--version`, a mistake ...) is left to yargs, and so is a cluster run (`--nats`): it
 * starts threads from files beside src/cluster/, which the bundled fast path
 * (scripts/bundle-check.mjs) is not, and it is long anyway, so yargs's start-up does not count.
 * `test/cli/check-fast.test.ts` compares the two on random command lines (fast-check).
 */
import { checkOptions, runCheckHandler, type CheckArguments } from './check-command.js';
import { readLongOptions } from './fast-args.js';

/** The arguments yargs would give the check command's handler for `args` (`check …`), or undefined to leave them to yargs. */
export function parseCheckFast(args: readonly string[]): CheckArguments | undefined {
  if (args[0] !== 'check') return undefined;
  const line = readLongOptions(args.slice(1), checkOptions(), ['nats']);
  if (line === undefined || line.positionals.length === 0) return undefined;
  return { files: [...line.positionals], ...line.options } as unknown as CheckArguments;
}

/** Runs `stateright check` when the fast path reads its command line; false leaves it to yargs. */
export async function runCheckFast(args: readonly string[]): Promise<boolean> {
  const parsed = parseCheckFast(args);
  if (parsed === undefined) return false;
  await runCheckHandler(parsed);
  return true;
}
