/**
 * `stateright explore <model>`: serve the Explorer (a web page to browse the model's states while
 * a background check explores them) for a bundled model, with the same size options as
 * `stateright model`. Runs until interrupted. Exit 2 for usage errors, including a port in use.
 */
import type { Argv, CommandModule } from 'yargs';
import { explore, type RunningExplorer } from '../src/explorer/index.js';
import type { CatalogModelArgs } from './explore-model.js';
import { SIZE_OPTIONS, type SizeOption } from './model-catalog.js';
import { EXIT_USAGE, UsageError, buildModel, chosenEntry, sizeSettings, type ModelArguments } from './model-command.js';
import { addWorkloadOptions } from './workload-options.js';
import { addModuleOptions } from './system-source.js';
import { moduleUrl } from '../src/checker/model-spec.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';

export interface ExploreArguments extends ModelArguments {
  readonly port?: number;
  readonly host?: string;
  readonly paused?: boolean;
}

export interface ExploreIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Starts the Explorer; resolves to the running server, or to an exit code on a usage error. */
export async function startExplore(args: ExploreArguments, io: ExploreIo): Promise<RunningExplorer<unknown, unknown> | number> {
  const fail = (message: string): number => {
    io.stderr.write(`stateright explore: ${message}\n`);
    return EXIT_USAGE;
  };
  try {
    const { entry, spec } = await chosenEntry(args, 'explore');
    const port = args.port ?? 3000;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535 (got ${port})`);
    if (args.targetStates !== undefined && !(Number.isInteger(args.targetStates) && args.targetStates >= 1)) {
      throw new UsageError(`--target-states must be an integer from 1 up (got ${args.targetStates})`);
    }
    const settings = sizeSettings(entry, args);
    const checkable = await buildModel(entry, settings);
    const host = args.host ?? '127.0.0.1';
    let running: RunningExplorer<unknown, unknown>;
    try {
      running = await explore(checkable.model, {
        port,
        host,
        name: `${entry.name} (${checkable.configuration})`,
        describeAction: (a) => checkable.describeAction(a),
        describeState: (s) => checkable.describeState(s),
        actorLabel: checkable.actorLabel ? (id) => checkable.actorLabel!(id) : undefined,
        // Used for models that draw a chart without being actor models (the Explorer draws those itself).
        chart: checkable.chart ? (path, cycleStart) => checkable.chart!(path, undefined, cycleStart) : undefined,
        paused: args.paused,
        targetStateCount: args.targetStates,
        worker: {
          module: new URL('./explore-model.js', import.meta.url).href,
          export: 'buildCatalogModel',
          args: [{ name: spec === undefined ? entry.name : { ...spec, module: moduleUrl(spec) }, settings } satisfies CatalogModelArgs],
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${host} is in use; choose another with --port`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new UsageError(`cannot listen on ${host}:${port} (${code})`);
      throw error;
    }
    io.stdout.write(`Exploring ${entry.name} (${checkable.configuration}) at ${running.url}\n`);
    io.stdout.write(args.paused ? 'The background check is paused; press "Run to completion" on the page to start it.\n' : 'The background check explores breadth-first; the page shows its progress.\n');
    io.stdout.write('Press Ctrl-C to stop.\n');
    return running;
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
}

const OPTION_TYPES: Readonly<Record<SizeOption, 'number' | 'string' | 'boolean'>> = {
  rms: 'number',
  threads: 'number',
  equation: 'string',
  'max-nat': 'number',
  servers: 'number',
  clients: 'number',
  network: 'string',
  lossy: 'boolean',
  'max-crashes': 'number',
  'sequential-consistency': 'boolean',
  consistency: 'string',
  'election-timeouts': 'string',
  'reliable-link': 'boolean',
  'link-keeps-ignored': 'boolean',
  fair: 'string',
};
/** Options that take several values, as on `stateright model`. */
const ARRAY_OPTIONS: ReadonlySet<SizeOption> = new Set<SizeOption>(['consistency']);

const typedExploreCommand: CommandModule<object, ExploreArguments> = {
  ...COMMAND_SUMMARIES.explore,
  builder: (yargs: Argv) => {
    let y = addModuleOptions(yargs)
      .positional('name', { describe: 'the model; `stateright model --list` shows them (or --module FILE --export NAME)', type: 'string' })
      .option('port', { describe: 'the port to serve on (0: any free port)', type: 'number', default: 3000 })
      .option('host', { describe: 'the address to bind; 0.0.0.0 serves other machines too', type: 'string', default: '127.0.0.1' })
      .option('paused', { describe: 'do not explore until "Run to completion" is pressed (as Stateright does)', type: 'boolean' })
      .option('target-states', { describe: 'stop the background check once this many states were generated', type: 'number' });
    for (const option of Object.keys(SIZE_OPTIONS) as SizeOption[]) y = y.option(option, { describe: SIZE_OPTIONS[option], type: OPTION_TYPES[option], array: ARRAY_OPTIONS.has(option) });
    return addWorkloadOptions(y)
      .example('$0 explore paxos-no-adopt', 'open http://127.0.0.1:3000/ and follow the counterexample')
      .example('$0 explore two-phase-commit --rms 5 --port 8080', 'another model and port')
      .example('$0 explore abd --operations 3 --write-ratio 0.3', 'abd with the random workload')
      .epilogue('The page: properties with links to their discoveries, the path as breadcrumbs (in the URL), the enabled actions (j/k, Enter, Backspace), the state, and for actor models the message sequence chart.') as unknown as Argv<ExploreArguments>;
  },
  handler: async (args) => {
    const running = await startExplore(args, { stdout: process.stdout, stderr: process.stderr });
    if (typeof running === 'number') {
      process.exitCode = running;
      return;
    }
    const stop = () => void running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
};

/** The command for cli/main.ts's list (whose entries are untyped). */
export const exploreCommand = typedExploreCommand as unknown as CommandModule;
