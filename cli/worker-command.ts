/**
 * `stateright worker --nats nats://HOST:4222`: join a cluster and do its jobs (shards of
 * `stateright model … --nats`, partitions of `stateright check … --nats`) until stopped.
 */
import type { Argv, CommandModule } from 'yargs';
import { runWorkers } from '../src/cluster/worker-threads.js';
import { CATALOG_MODULE } from './catalog-model.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';
import { CATALOG_SPECIFIER } from './model-cluster.js';

interface WorkerArguments {
  readonly nats: string;
  readonly workers: number;
}

const typedWorkerCommand: CommandModule<object, WorkerArguments> = {
  ...COMMAND_SUMMARIES.worker,
  builder: (yargs: Argv) =>
    yargs
      .option('nats', { describe: 'the NATS server (JetStream enabled), e.g. nats://10.0.0.1:4222; several, comma-separated', type: 'string', demandOption: true })
      .option('workers', {
        describe: 'job loops in this process, each on its own thread: it can hold this many shards of a run (one core each) or search this many history jobs at once',
        type: 'number',
        default: 1,
      })
      .check((a) => {
        if (!Number.isInteger(a.workers) || a.workers < 1 || a.workers > 256) throw new Error(`--workers must be a whole number from 1 to 256 (got ${String(a.workers)})`);
        return true;
      })
      .example('$0 worker --nats nats://127.0.0.1:4222', 'take shards of model-checking runs and partitions of history checks')
      .example('$0 worker --nats nats://127.0.0.1:4222 --workers 8', 'eight job loops on eight threads')
      .epilogue('Runs until interrupted (SIGINT/SIGTERM end it after the job in progress; SIGKILL loses the job, which the coordinator gives to another worker).') as unknown as Argv<WorkerArguments>,
  handler: async (args) => {
    const stop = new AbortController();
    let signals = 0;
    const onSignal = (): void => {
      if (++signals > 1) process.exit(130);
      process.stderr.write('stateright worker: stopping after the job in progress (again to stop now)\n');
      stop.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    await runWorkers({
      nats: args.nats,
      workers: args.workers,
      moduleAliases: { [CATALOG_SPECIFIER]: CATALOG_MODULE },
      log: (line) => void process.stderr.write(`${line}\n`),
      signal: stop.signal,
    });
  },
};

export const workerCommand = typedWorkerCommand as unknown as CommandModule;
