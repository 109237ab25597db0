#!/usr/bin/env node
/**
 * The `stateright` command. Each subcommand lives in its own file under cli/ and is listed here.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { CommandModule } from 'yargs';

/**
 * Subcommands: one module per file, each exporting a yargs CommandModule. They are imported only
 * when needed: a command's module pulls in its whole part of the toolkit (the model checker, the
 * explorer's server, the UDP runtime...), and loading all of them took a quarter of a second
 * before `stateright check` could read its first file.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  check: async () => (await import('./check-command.js')).checkCommand,
  model: async () => (await import('./model-command.js')).modelCommand,
  explore: async () => (await import('./explore-command.js')).exploreCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  load: async () => (await import('./load-command.js')).loadCommand,
};

/** The commands to register: the one named first on the command line, or all (help, typos). */
async function commandsFor(args: readonly string[]): Promise<CommandModule[]> {
  const first = args[0];
  const names = first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
  return Promise.all(names.map((name) => COMMANDS[name]()));
}

export async function main(argv: readonly string[]): Promise<void> {
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
    .version()
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
