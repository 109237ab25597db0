/**
 * `stateright check` without yargs, for the command lines it is run with nearly always: files and
 * long options with plain values. Loading yargs (and its helpers, 45 modules) was most of the
 * command's start-up, which is most of checking a small file.
 *
 * Why the result is yargs's: the fast path reads the options yargs is built from (check-command.ts)
 * and accepts a command line only when every token is one it reads exactly as yargs does: a file
 * name not starting with '-', `--name value` or `--name=value` for a string or number option (the
 * value not starting with '-', within the choices, a number where one is wanted), `--flag` or
 * `--no-flag` for a boolean one, each option at most once. Anything else (`--help`, `-h`,
 * `--version`, an unknown or repeated option, a bad choice, a missing value, `--` ...) is left to
 * yargs, which then reports it as it always has, and so is a cluster run (`--nats`). `test/cli/check-fast.test.ts` compares the two on
 * random command lines (fast-check).
 */
import { checkOptions, runCheckHandler, type CheckArguments } from './check-command.js';

type Parsed = Record<string, string | number | boolean | string[]>;

/** `max-memory` → `maxMemory`, as yargs names the handler's arguments. */
const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The arguments yargs would give the check command's handler for `args` (`check …`), or undefined to leave them to yargs. */
export function parseCheckFast(args: readonly string[]): CheckArguments | undefined {
  if (args[0] !== 'check') return undefined;
  const options = checkOptions();
  const files: string[] = [];
  const given: Parsed = {};
  for (let i = 1; i < args.length; i++) {
    const token = args[i];
    if (!token.startsWith('-')) {
      files.push(token);
      continue;
    }
    if (!token.startsWith('--')) return undefined;
    let name = token.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) [name, value] = [name.slice(0, eq), name.slice(eq + 1)];
    let negated = false;
    if (options[name] === undefined && name.startsWith('no-') && options[name.slice(3)]?.type === 'boolean') [name, negated] = [name.slice(3), true];
    const option = Object.hasOwn(options, name) ? options[name] : undefined;
    if (option === undefined || Object.hasOwn(given, camel(name))) return undefined;
    // A cluster run starts threads from files beside src/cluster/, which the bundled fast path
    // (scripts/bundle-check.mjs) is not; it is long anyway, so yargs's start-up does not count.
    if (name === 'nats') return undefined;
    if (option.type === 'boolean') {
      // `--json=false`, `--json false`: yargs reads the value; leave it to yargs.
      if (value !== undefined || args[i + 1] === 'true' || args[i + 1] === 'false') return undefined;
      given[camel(name)] = !negated;
      continue;
    }
    if (value === undefined) {
      value = args[++i];
      if (value === undefined || value.startsWith('-')) return undefined;
    }
    if (option.choices !== undefined && !option.choices.includes(value)) return undefined;
    if (option.type === 'number') {
      // Plain decimals only: yargs reads hexadecimal, exponents and the like its own way.
      if (!/^\d+(\.\d+)?$/.test(value)) return undefined;
      given[camel(name)] = Number(value);
    } else given[camel(name)] = value;
  }
  if (files.length === 0) return undefined;
  const parsed: Parsed = { files };
  for (const [name, option] of Object.entries(options)) {
    const key = camel(name);
    if (Object.hasOwn(given, key)) parsed[key] = given[key];
    else if (option.default !== undefined) parsed[key] = option.default;
  }
  return parsed as unknown as CheckArguments;
}

/** Runs `stateright check` when the fast path reads its command line; false leaves it to yargs. */
export async function runCheckFast(args: readonly string[]): Promise<boolean> {
  const parsed = parseCheckFast(args);
  if (parsed === undefined) return false;
  await runCheckHandler(parsed);
  return true;
}
