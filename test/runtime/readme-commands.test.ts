/**
 * The README's runtime walkthrough: every `stateright serve` and `stateright load` command line in
 * it parses with the commands' real options (strict: an unknown or misspelt flag fails).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import yargs, { type CommandModule } from 'yargs';
import { serveCommand } from '../../cli/serve-command.js';
import { loadCommand } from '../../cli/load-command.js';

function runtimeSection(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('<!-- section: runtime -->');
  const end = readme.indexOf('<!-- end section: runtime -->');
  expect(start).toBeGreaterThanOrEqual(0);
  return readme.slice(start, end);
}

/** `$ npx stateright …` lines, with `\` continuations joined and a trailing `&` dropped. */
function commandLines(section: string): string[][] {
  const joined = section.replace(/\\\n\s*/g, ' ');
  return [...joined.matchAll(/^\$ npx stateright (serve|load) (.*)$/gm)].map((m) => [m[1], ...m[2].replace(/\s*&\s*$/, '').trim().split(/\s+/)]);
}

describe('README runtime walkthrough', () => {
  it('has serve and load commands that parse with the real options', async () => {
    const lines = commandLines(runtimeSection());
    expect(lines.filter((l) => l[0] === 'serve').length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => l[0] === 'load').length).toBeGreaterThanOrEqual(2);
    for (const argv of lines) {
      let parsed: Record<string, unknown> | undefined;
      const noop = (command: CommandModule): CommandModule => ({ ...command, handler: (args) => void (parsed = args as Record<string, unknown>) });
      let failure: string | undefined;
      await yargs(argv)
        .command(noop(serveCommand))
        .command(noop(loadCommand))
        .strict()
        .fail((message) => {
          failure = message;
        })
        .parseAsync();
      expect(failure, argv.join(' ')).toBeUndefined();
      expect(parsed, argv.join(' ')).toBeDefined();
    }
  });
});
