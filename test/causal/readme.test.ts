/** The README's causal section: its command-line examples print what the README shows (timings aside). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheckAndRender } from '../../cli/check-command.js';
import type { CheckArguments } from '../../cli/check-command.js';
import { isCausalLevel } from '../../consistency/index.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('<!-- section: causal -->'), readme.indexOf('<!-- end section: causal -->'));
const block = section.slice(section.indexOf('```\n$ stateright check') + 4, section.indexOf('\n```\n', section.indexOf('```\n$ stateright check') + 4));

/** Each `$ stateright check …` line with the lines it printed. */
const examples = block.split(/^\$ /m).filter((chunk) => chunk.trim() !== '').map((chunk) => {
  const [command, ...output] = chunk.trimEnd().split('\n');
  return { command, output: output.join('\n') };
});

const withoutTimes = (text: string): string => text.replace(/\d+(\.\d+)? m?s\)/g, 'T)');

describe('README: causal section', () => {
  it('has its examples', () => expect(examples.length).toBe(3));
  it.each(examples)('$command', async ({ command, output }) => {
    const words = command.split(' ').slice(2);
    const consistency = words[words.indexOf('--consistency') + 1];
    if (!isCausalLevel(consistency)) throw new Error(`not a causal level: ${consistency}`);
    const args: CheckArguments = { files: [words[0]], consistency, checkClocks: words.includes('--check-clocks'), format: 'auto', independent: false, json: false, expectFromNames: false };
    let stdout = '';
    await runCheckAndRender(args, { stdout: { isTTY: false, write: (t: string) => (stdout += t) }, stderr: { isTTY: false, write: () => true } });
    expect(withoutTimes(stdout.trimEnd())).toBe(withoutTimes(output));
  });
});
