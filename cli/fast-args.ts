/**
 * Reading a command line without yargs, for the forms a command is run with nearly always:
 * positional words and long options with plain values. Loading yargs (and its helpers, 45
 * modules) costs start-up time and about 15 MB of resident memory, so `check` (check-fast.ts) and
 * `model` (model-fast.ts) read their common command lines here and leave the rest to yargs.
 *
 * Why the result is yargs's: the reader takes the same option table yargs is built from and
 * accepts a command line only when every token is one it reads exactly as yargs does: a word not
 * starting with '-', `--name value` or `--name=value` for a string or number option (the value not
 * starting with '-', within the choices, a plain decimal where a number is wanted), `--flag` or
 * `--no-flag` for a boolean one, each option at most once. Anything else (`--help`, `-h`,
 * `--version`, an unknown or repeated option, a bad choice, a missing value, `--`, an option that
 * takes several values or has another name ...) is left to yargs, which then reports it as it
 * always has. test/cli/check-fast.test.ts and test/cli/model-fast.test.ts compare the two on
 * random command lines (fast-check).
 */

/** An option as yargs is given it; the fields the reader looks at. */
export interface FastOption {
  readonly type?: 'string' | 'boolean' | 'number';
  readonly choices?: readonly string[];
  readonly default?: string | boolean | number;
  /** Several values after one flag: yargs's reading is left to yargs. */
  readonly array?: boolean;
  /** Another name: yargs sets both keys; left to yargs. */
  readonly alias?: string | readonly string[];
}

export type FastArguments = Record<string, string | number | boolean | string[]>;

/** `max-memory` → `maxMemory`, as yargs names the handler's arguments. */
export const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export interface FastLine {
  /** The words that are not options, in order. */
  readonly positionals: readonly string[];
  /** The options by their camel-case names: those given, and the defaults of the others. */
  readonly options: FastArguments;
}

/**
 * The command line `tokens` (after the command's name) read as yargs would read it with these
 * options, or undefined to leave it to yargs. Options named in `leftToYargs` are read by yargs
 * only (a command's rarely used, slow paths whose modules the fast path does not carry).
 */
export function readLongOptions(tokens: readonly string[], options: Readonly<Record<string, FastOption>>, leftToYargs: readonly string[] = []): FastLine | undefined {
  const positionals: string[] = [];
  const given: FastArguments = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token.startsWith('-')) {
      positionals.push(token);
      continue;
    }
    if (!token.startsWith('--')) return undefined;
    let name = token.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) [name, value] = [name.slice(0, eq), name.slice(eq + 1)];
    let negated = false;
    if (!Object.hasOwn(options, name) && name.startsWith('no-') && options[name.slice(3)]?.type === 'boolean') [name, negated] = [name.slice(3), true];
    const option = Object.hasOwn(options, name) ? options[name] : undefined;
    if (option === undefined || Object.hasOwn(given, camel(name)) || leftToYargs.includes(name)) return undefined;
    if (option.array || option.alias !== undefined) return undefined;
    if (option.type === 'boolean') {
      // `--json=false`, `--json false`: yargs reads the value; leave it to yargs.
      if (value !== undefined || tokens[i + 1] === 'true' || tokens[i + 1] === 'false') return undefined;
      given[camel(name)] = !negated;
      continue;
    }
    if (value === undefined) {
      value = tokens[++i];
      if (value === undefined || value.startsWith('-')) return undefined;
    }
    if (option.choices !== undefined && !option.choices.includes(value)) return undefined;
    if (option.type === 'number') {
      // Plain decimals only: yargs reads hexadecimal, exponents and the like its own way.
      if (!/^\d+(\.\d+)?$/.test(value)) return undefined;
      given[camel(name)] = Number(value);
    } else given[camel(name)] = value;
  }
  const parsed: FastArguments = {};
  for (const [name, option] of Object.entries(options)) {
    const key = camel(name);
    if (Object.hasOwn(given, key)) parsed[key] = given[key];
    else if (option.default !== undefined) parsed[key] = option.default;
  }
  return { positionals, options: parsed };
}
