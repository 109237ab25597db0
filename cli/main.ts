#!/usr/bin/env node
/**
 * The `stateright` command. Each subcommand lives in its own file under cli/ and is listed here.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { CommandModule } from 'yargs';
import { checkCommand } from './check-command.js';
import { modelCommand } from './model-command.js';
import { exploreCommand } from './explore-command.js';
import { serveCommand } from './serve-command.js';
import { loadCommand } from './load-command.js';

// Subcommands: one module per file, each exporting a yargs CommandModule.
const commands: CommandModule[] = [checkCommand, modelCommand, exploreCommand, serveCommand, loadCommand];

export async function main(argv: readonly string[]): Promise<void> {
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
