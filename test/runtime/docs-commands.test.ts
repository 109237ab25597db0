/**
 * Every `stateright serve` and `stateright load` command line in the README and the book parses
 * with the commands' real options (strict: an unknown or misspelt flag fails), whether or not the
 * examples test runs its block.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yargs, { type CommandModule } from 'yargs';
import { serveCommand } from '../../cli/serve-command.js';
import { loadCommand } from '../../cli/load-command.js';
import { ROOT, documentationFiles } from '../docs/doc-blocks.js';

const allDocumentation = (): string => documentationFiles().map((file) => readFileSync(join(ROOT, file), 'utf8')).join('\n');

/** `$ npx stateright …` and `$ stateright …` lines, with `\` continuations joined and a trailing `&` dropped. */
function commandLines(section: string): string[][] {
  const joined = section.replace(/\\\n\s*/g, ' ');
  return [...joined.matchAll(/^\$ (?:npx )?stateright (serve|load) (.*)$/gm)].map((m) => [m[1], ...m[2].replace(/\s*&\s*$/, '').trim().split(/\s+/)]);
}

describe('serve and load in the documentation', () => {
  it('has serve and load commands that parse with the real options', async () => {
    const lines = commandLines(allDocumentation());
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
