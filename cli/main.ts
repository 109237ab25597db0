#!/usr/bin/env node
/**
 * The `stateright` command. Each subcommand lives in its own file under cli/ and is listed here.
 */
import { readFileSync, statSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { COMMAND_SUMMARIES, type CommandName } from './command-summaries.js';

/**
 * Subcommands: one module per file, each exporting a yargs CommandModule. A command's module
 * pulls in its whole part of the toolkit (the model checker, the explorer's server, the UDP
 * runtime...), so only the command being run is imported. Listing the commands (`--help`, no
 * command, a typo) needs only their usage and description, which command-summaries.ts holds.
 */
const COMMANDS: Readonly<Record<CommandName, () => Promise<CommandModule>>> = {
  check: async () => (await import('./check-command.js')).checkCommand,
  model: async () => (await import('./model-command.js')).modelCommand,
  explore: async () => (await import('./explore-command.js')).exploreCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  load: async () => (await import('./load-command.js')).loadCommand,
  worker: async () => (await import('./worker-command.js')).workerCommand,
};

const isCommandName = (arg: string): arg is CommandName => Object.hasOwn(COMMANDS, arg);

/**
 * The commands to register: those named on the command line, loaded (any argument that is a
 * command's name counts, so `stateright --help check` shows check's options, and an option value
 * or file that happens to be a command's name only costs loading that command too); otherwise
 * every command as its summary alone, enough for yargs to list them and to suggest one for a typo.
 */
async function commandsFor(args: readonly string[]): Promise<CommandModule[]> {
  const named = [...new Set(args.filter(isCommandName))];
  if (named.length > 0) return Promise.all(named.map((name) => COMMANDS[name]()));
  return Object.values(COMMAND_SUMMARIES).map(({ command, describe }) => ({ command, describe, handler: () => undefined }));
}

/**
 * stateright-ts's own version, from the package.json beside the command (`cli/` in a checkout,
 * `dist/cli/` in the package: one or two folders up). yargs's `.version()` alone looks for a
 * package.json from the folder holding the node_modules that yargs sits in, which in a user's
 * project (yargs installed beside stateright-ts) is the project, whose version it would print.
 */
function ownVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'stateright-ts' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there (or not ours): try one folder further up
    }
  }
  return 'unknown';
}

/**
 * check-fast.js as one bundled file when the build made one (scripts/bundle-check.mjs: loading
 * one file instead of some 70 modules) and it is at least as new as the modules it was made
 * from; else the module itself (a checkout run from its sources, or a build by tsc alone).
 */
async function checkFast(): Promise<typeof import('./check-fast.js')> {
  const bundle = new URL('./check-bundle.js', import.meta.url);
  try {
    if (statSync(bundle).mtimeMs >= statSync(new URL('./check-fast.js', import.meta.url)).mtimeMs) return (await import(bundle.href)) as typeof import('./check-fast.js');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return import('./check-fast.js');
}

export async function main(argv: readonly string[]): Promise<void> {
  // A plain `check` runs without yargs (fast-args.ts says when and why that is the same). Under
  // Node the arguments after the script are argv[2…], which is what yargs's hideBin gives too.
  if (argv[2] === 'check' && process.versions.electron === undefined && (await (await checkFast()).runCheckFast(argv.slice(2)))) return;
  // A plain `model` too (model-fast.ts): yargs would hold some 15 MB for the whole check.
  if (argv[2] === 'model' && process.versions.electron === undefined && (await (await import('./model-fast.js')).runModelFast(argv.slice(2)))) return;
  const [{ default: yargs }, { hideBin }] = await Promise.all([import('yargs'), import('yargs/helpers')]);
  const commands = await commandsFor(hideBin([...argv]));
  let cli = yargs(hideBin([...argv]))
    .scriptName('stateright')
    .usage(
      'stateright: check that a distributed system behaves like one correct copy of an object.\n\n' +
        'Usage: $0 <command> [options]',
    )
    .strict()
    .demandCommand(1, 'Name a command; see the list above.')
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(ownVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error, y) => {
      if (error) throw error;
      y.showHelp((text: string) => process.stderr.write(`${text}\n\n`));
      process.stderr.write(`stateright: ${message}\n`);
      process.exit(2);
    });
  for (const command of commands) cli = cli.command(command);
  await cli.parseAsync();
}

// `stateright check ... | head` closes the pipe early: stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`stateright: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
