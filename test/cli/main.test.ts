/**
 * The `stateright` command as a whole: listing the commands loads none of them (their summaries
 * suffice), and a named command, wherever it stands among the arguments, is loaded alone.
 */
import { describe, expect, it } from 'vitest';
import type { CommandModule } from 'yargs';
import { checkCommand } from '../../cli/check-command.js';
import { COMMAND_SUMMARIES } from '../../cli/command-summaries.js';
import { exploreCommand } from '../../cli/explore-command.js';
import { loadCommand } from '../../cli/load-command.js';
import { modelCommand } from '../../cli/model-command.js';
import { serveCommand } from '../../cli/serve-command.js';
import { runCliFromSource } from './cli-from-source.js';

const commandModules = (modules: readonly string[]): string[] =>
  modules.filter((url) => /\/cli\/[a-z-]+-command\.ts$/.test(url)).map((url) => url.slice(url.lastIndexOf('/') + 1));

describe('stateright', () => {
  it('--help lists every command with its usage and description, and loads none of them', () => {
    const run = runCliFromSource(['--help']);
    expect(run.status).toBe(0);
    const listing = run.stdout.replace(/\s+/g, ' ');
    for (const { command, describe } of Object.values(COMMAND_SUMMARIES)) expect(listing).toContain(`stateright ${command} ${describe}`);
    expect(commandModules(run.modules)).toEqual([]);
  }, 60_000);

  it('a typo gets a suggestion and exit code 2, still without loading a command', () => {
    const run = runCliFromSource(['chek', 'x.edn']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Did you mean check?');
    expect(commandModules(run.modules)).toEqual([]);
  }, 60_000);

  it('a command named after an option is the one loaded, and shows its own options', () => {
    const run = runCliFromSource(['--help', 'check']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--max-memory');
    expect(commandModules(run.modules)).toEqual(['check-command.ts']);
  }, 60_000);

  it('each command module takes its usage and description from the summaries', () => {
    const modules: Record<keyof typeof COMMAND_SUMMARIES, CommandModule> = {
      check: checkCommand,
      model: modelCommand,
      explore: exploreCommand,
      serve: serveCommand,
      load: loadCommand,
    };
    for (const [name, summary] of Object.entries(COMMAND_SUMMARIES)) {
      const module = modules[name as keyof typeof COMMAND_SUMMARIES];
      expect([name, module.command, module.describe]).toEqual([name, summary.command, summary.describe]);
    }
  });
});
