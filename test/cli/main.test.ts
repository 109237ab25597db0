/**
 * The `stateright` command as a whole: listing the commands loads none of them (their summaries
 * suffice), and a named command, wherever it stands among the arguments, is loaded alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CommandModule } from 'yargs';
import { checkCommand } from '../../cli/check-command.js';
import { COMMAND_SUMMARIES } from '../../cli/command-summaries.js';
import { exploreCommand } from '../../cli/explore-command.js';
import { workerCommand } from '../../cli/worker-command.js';
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
      worker: workerCommand,
    };
    for (const [name, summary] of Object.entries(COMMAND_SUMMARIES)) {
      const module = modules[name as keyof typeof COMMAND_SUMMARIES];
      expect([name, module.command, module.describe]).toEqual([name, summary.command, summary.describe]);
    }
  });

  it('--version prints stateright-ts\'s version inside a user\'s project, where yargs is installed beside it', () => {
    // The layout npm gives a project that installs stateright-ts: the project's package.json,
    // and node_modules/ holding stateright-ts and its dependencies (yargs) side by side. Links to
    // this checkout stand in for the installed files; --preserve-symlinks keeps their paths.
    const root = join(import.meta.dirname, '..', '..');
    const own = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    const project = mkdtempSync(join(tmpdir(), 'user-project-'));
    try {
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-app', version: '9.9.9' }));
      const installed = join(project, 'node_modules', 'stateright-ts');
      mkdirSync(installed, { recursive: true });
      for (const name of readdirSync(join(root, 'node_modules'))) symlinkSync(join(root, 'node_modules', name), join(project, 'node_modules', name));
      for (const name of ['package.json', 'cli', 'src', 'consistency', 'histories', 'register-models']) symlinkSync(join(root, name), join(installed, name));
      const run = spawnSync(
        process.execPath,
        ['--preserve-symlinks', '--preserve-symlinks-main', '--import', `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(pathToFileURL(join(installed, 'src/checker/ts-dev-loader.mjs')).href)})`, 'node_modules/stateright-ts/cli/main.ts', '--version'],
        { cwd: project, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`${own}\n`);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});
