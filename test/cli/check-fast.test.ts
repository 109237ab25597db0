/**
 * The fast path of `stateright check` (cli/check-fast.ts) against yargs, the oracle: on random
 * command lines, whenever the fast path reads one, yargs reads it too, without error, into the
 * same arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCommand, checkOptions } from '../../cli/check-command.js';
import { parseCheckFast } from '../../cli/check-fast.js';
import { definedOnly, optionKeys, partArb, viaYargs } from './fast-args-oracle.js';

const KEYS = ['files', ...optionKeys(checkOptions())];
const WORDS = ['a.edn', 'dir/', '123', 'x y.jsonl', 'check', 'model'];
const PLAIN = ['register', 'kv', 'linearizable', 'causal', 'edn', 'jsonl', 'auto', '10', '0.5', '512MB', '{"x":0}', 'null', 'a.edn'];

describe('check without yargs', () => {
  it('reads a command line only when yargs reads it the same way', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(partArb(checkOptions(), WORDS, PLAIN), { maxLength: 3 }), fc.array(partArb(checkOptions(), WORDS, PLAIN), { maxLength: 3 }), async (before, after) => {
        const argv = ['check', ...before.flat(), 'h.edn', ...after.flat()];
        const fast = parseCheckFast(argv);
        if (fast === undefined) return;
        accepted++;
        expect(await viaYargs(checkCommand, KEYS, argv), argv.join(' ')).toEqual(definedOnly(fast));
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
