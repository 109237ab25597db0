/**
 * The oracle for the commands' yargs-free paths (cli/fast-args.ts): yargs itself, given the same
 * command module, and random command lines built from the command's option table.
 */
import fc from 'fast-check';
import yargs, { type CommandModule } from 'yargs';
import { camel, type FastOption } from '../../cli/fast-args.js';

/** The arguments yargs hands `command`, restricted to `keys`, or its failure message. */
export async function viaYargs(command: CommandModule, keys: readonly string[], argv: readonly string[]): Promise<Record<string, unknown> | string> {
  let parsed: Record<string, unknown> | undefined;
  let failure: string | undefined;
  await yargs([...argv])
    .command({ ...command, handler: (args) => void (parsed = args as Record<string, unknown>) })
    .strict()
    .help()
    .version('0')
    .exitProcess(false)
    .fail((message) => void (failure = message))
    .parseAsync();
  if (failure !== undefined) return failure;
  if (parsed === undefined) return 'no handler ran';
  return Object.fromEntries(keys.filter((k) => parsed![k] !== undefined).map((k) => [k, parsed![k]]));
}

export const optionKeys = (options: Readonly<Record<string, FastOption>>): string[] => Object.keys(options).map(camel);

export const definedOnly = (o: object): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Parts a command line is made of: mostly what the fast path takes (`words`, if any, flags, options with
 * plain values), and now and then what it must leave to yargs (other forms of the same options,
 * bad values, help, version, unknown options).
 */
export function partArb(options: Readonly<Record<string, FastOption>>, words: readonly string[], plain: readonly string[]): fc.Arbitrary<string[]> {
  const odd = ['nope', '1e3', '0x10', '', '-1', '-x', 'true', 'false', ' 7'];
  const good: fc.Arbitrary<string[]>[] = words.length === 0 ? [] : [fc.constantFrom(...words.map((w) => [w]))];
  const bad: fc.Arbitrary<string[]>[] = [fc.constantFrom(['--help'], ['-h'], ['--version'], ['--'], ['-'], ['--bogus'], ['--Model', 'register'], ['--maxMemory', '1GB'])];
  for (const [name, option] of Object.entries(options)) {
    if (option.type === 'boolean') {
      good.push(fc.constantFrom([`--${name}`], [`--no-${name}`]));
      bad.push(fc.constantFrom([`--${name}=true`], [`--${name}`, 'false'], [`--${name}=no`]));
      continue;
    }
    const fitting = option.choices ?? plain;
    good.push(fc.constantFrom(...fitting).map((v) => [`--${name}`, v]));
    good.push(fc.constantFrom(...fitting).map((v) => [`--${name}=${v}`]));
    const any = fc.constantFrom(...plain, ...odd);
    bad.push(any.map((v) => [`--${name}`, v]), any.map((v) => [`--${name}=${v}`]), fc.constant([`--${name}`]), fc.constant([`--no-${name}`]));
    if (option.array) bad.push(fc.constant([`--${name}`, plain[0], plain[1]]));
  }
  return fc.oneof({ arbitrary: fc.oneof(...good), weight: 8 }, { arbitrary: fc.oneof(...bad), weight: 1 });
}
