/**
 * The fast path of `stateright model` (cli/model-fast.ts) against yargs, the oracle: on random
 * command lines, whenever the fast path reads one, yargs reads it too, without error, into the
 * same arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelCommand } from '../../cli/model-command.js';
import { parseModelFast } from '../../cli/model-fast.js';
import { modelOptions } from '../../cli/model-options.js';
import { definedOnly, optionKeys, partArb, viaYargs } from './fast-args-oracle.js';

const KEYS = ['name', ...optionKeys(modelOptions())];
/** Names for the positional, given once; a second word now and then among the parts. */
const NAMES = ['paxos', 'two-phase-commit', '123', 'check', 'model', 'a b'];
const PLAIN = ['dfs', 'bfs', 'stateright', '8', '0.5', '3', 'linearizable', 'causal', 'a.js', '[3]', 'nats://127.0.0.1:4222', 'lossy'];

describe('model without yargs', () => {
  it('reads a command line only when yargs reads it the same way', async () => {
    const part = fc.oneof({ arbitrary: partArb(modelOptions(), [], PLAIN), weight: 20 }, { arbitrary: fc.constantFrom(['abd'], ['x.js']), weight: 1 });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 3 }), fc.option(fc.constantFrom(...NAMES)), fc.array(part, { maxLength: 3 }), async (before, name, after) => {
        const argv = ['model', ...before.flat(), ...(name === null ? [] : [name]), ...after.flat()];
        const fast = parseModelFast(argv);
        if (fast === undefined) return;
        accepted++;
        expect(await viaYargs(modelCommand, KEYS, argv), argv.join(' ')).toEqual(definedOnly(fast));
      }),
      {
        numRuns: 250,
        // Always tried: one of each kind of command line the fast path must leave to yargs.
        examples: [
          [[['--strategy']], 'paxos', []],
          [[], 'paxos', [['--rms', '0x10']]],
          [[['--json', 'false']], 'paxos', []],
          [[], 'paxos', [['--no-strategy']]],
          [[['--consistency', 'causal', 'sequential']], 'abd', []],
          [[['--write-ratio', '0.5']], 'paxos', []],
          [[['--json'], ['--json']], 'paxos', []],
          [[['paxos']], 'abd', []],
          [[['--help']], null, []],
          [[], 'paxos', [['--nats', 'nats://127.0.0.1:4222']]],
        ],
      },
    );
    // Not vacuous: a good share of the generated command lines take the fast path.
    expect(accepted).toBeGreaterThan(40);
  }, 60_000);

  it('takes the common command lines, and leaves help, version, cluster runs and mistakes to yargs', () => {
    expect(parseModelFast(['model', 'two-phase-commit', '--rms', '8', '--strategy', 'dfs', '--workers', '1'])).toEqual({ name: 'two-phase-commit', rms: 8, strategy: 'dfs', workers: 1 });
    expect(parseModelFast(['model', '--list'])).toEqual({ list: true });
    expect(parseModelFast(['model', 'single-copy-register', '--clients=4', '--no-symmetry', '--json'])).toEqual({ name: 'single-copy-register', clients: 4, symmetry: false, json: true });
    for (const argv of [
      ['model', 'paxos', '--help'],
      ['model', '-h'],
      ['model', 'paxos', '--version'],
      ['model', 'paxos', 'abd'],
      ['model', 'paxos', '--rms'],
      ['model', 'paxos', '--json', '--json'],
      ['model', 'paxos', '--nats', 'nats://127.0.0.1:4222'],
      ['model', 'abd', '--consistency', 'causal'],
      ['model', 'paxos', '--put-ratio', '0.5'],
      ['check', 'h.edn'],
    ]) {
      expect(parseModelFast(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
