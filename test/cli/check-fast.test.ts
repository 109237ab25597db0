/**
 * The fast path of `stateright check` (cli/check-fast.ts) against yargs, the oracle: on random
 * command lines, whenever the fast path reads one, yargs reads it too, without error, into the
 * same arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import yargs, { type CommandModule } from 'yargs';
import { checkCommand, checkOptions } from '../../cli/check-command.js';
import { parseCheckFast } from '../../cli/check-fast.js';

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const KEYS = ['files', ...Object.keys(checkOptions()).map(camel)];

/** The arguments yargs hands the check command, restricted to the check's own, or its failure message. */
async function viaYargs(argv: readonly string[]): Promise<Record<string, unknown> | string> {
  let parsed: Record<string, unknown> | undefined;
  let failure: string | undefined;
  const command: CommandModule = { ...checkCommand, handler: (args) => void (parsed = args as Record<string, unknown>) };
  await yargs([...argv])
    .command(command)
    .strict()
    .help()
    .version('0')
    .exitProcess(false)
    .fail((message) => void (failure = message))
    .parseAsync();
  if (failure !== undefined) return failure;
  if (parsed === undefined) return 'no handler ran';
  return Object.fromEntries(KEYS.filter((k) => parsed![k] !== undefined).map((k) => [k, parsed![k]]));
}

const definedOnly = (o: object): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Parts a command line is made of: mostly what the fast path takes (files, flags, options with
 * plain values), and now and then what it must leave to yargs (other forms of the same options,
 * bad values, help, version, unknown options).
 */
function partArb(): fc.Arbitrary<string[]> {
  const options = checkOptions();
  const plain = ['register', 'kv', 'linearizable', 'causal', 'edn', 'jsonl', 'auto', '10', '0.5', '512MB', '{"x":0}', 'null', 'a.edn'];
  const odd = ['nope', '1e3', '0x10', '', '-1', '-x', 'true', 'false', ' 7'];
  const good: fc.Arbitrary<string[]>[] = [fc.constantFrom(['a.edn'], ['dir/'], ['123'], ['x y.jsonl'], ['check'], ['model'])];
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
  }
  return fc.oneof({ arbitrary: fc.oneof(...good), weight: 8 }, { arbitrary: fc.oneof(...bad), weight: 1 });
}

describe('check without yargs', () => {
  it('reads a command line only when yargs reads it the same way', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(partArb(), { maxLength: 3 }), fc.array(partArb(), { maxLength: 3 }), async (before, after) => {
        const argv = ['check', ...before.flat(), 'h.edn', ...after.flat()];
        const fast = parseCheckFast(argv);
        if (fast === undefined) return;
        accepted++;
        expect(await viaYargs(argv), argv.join(' ')).toEqual(definedOnly(fast));
      }),
      {
        numRuns: 120,
        // Always tried: one of each kind of command line the fast path must leave to yargs.
        examples: [
          [[['--model', 'nope']], []],
          [[], [['--format=nope']]],
          [[['--json', 'false']], []],
          [[], [['--no-model']]],
          [[['--timeout']], []],
          [[], [['--init', '-1']]],
          [[['--json'], ['--json']], []],
          [[['--help']], []],
          [[], [['-h']]],
          [[['--explain=false']], []],
        ],
      },
    );
    // Not vacuous: a good share of the generated command lines take the fast path.
    expect(accepted).toBeGreaterThan(40);
  }, 60_000);

  it('takes the common command lines, and leaves help, version and mistakes to yargs', () => {
    expect(parseCheckFast(['check', 'h.edn'])).toBeDefined();
    expect(parseCheckFast(['check', 'a.edn', 'b/', '--model', 'cas-register', '--init', '0', '--json', '--timeout', '10', '--no-explain', '--workers=2'])).toBeDefined();
    for (const argv of [['check'], ['check', 'h.edn', '--help'], ['check', '-h', 'h.edn'], ['check', 'h.edn', '--version'], ['check', 'h.edn', '--model', 'nope'], ['check', 'h.edn', '--timeout'], ['check', 'h.edn', '--json', '--json'], ['model', 'paxos']]) {
      expect(parseCheckFast(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
