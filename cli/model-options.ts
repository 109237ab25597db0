/**
 * The options of `stateright model`, as tables: yargs builds the command from them
 * (model-command.ts), and the command's fast path (model-fast.ts) reads the same tables, so the
 * two cannot drift apart.
 */
import type { FastOption } from './fast-args.js';
import { SIZE_OPTIONS } from './model-catalog.js';
import { MODULE_OPTIONS } from './system-source.js';
import { workloadOptionTable } from './workload-options.js';

export interface ModelOption extends FastOption {
  readonly describe: string;
}

/** The model command's own options, in the order its help lists them (between --args and --operations). */
export function modelOwnOptions(): Readonly<Record<string, ModelOption>> {
  return {
    list: { describe: 'list the models and their options', type: 'boolean' },
    strategy: { describe: 'bfs, dfs or simulation (default: per model)', type: 'string' },
    'max-depth': { describe: 'do not expand states at this depth (init states have depth 1); default: per model (raft 12, lww-register 8, interaction 30)', type: 'number' },
    'target-states': { describe: 'stop once this many states were generated (simulation default: 1,000,000)', type: 'number' },
    timeout: { describe: 'stop after this many seconds', type: 'number' },
    symmetry: { describe: 'symmetry reduction (DFS; two-phase-commit, increment, increment-lock)', type: 'boolean' },
    liveness: {
      describe:
        'how eventually properties are checked: sound (default: on the explored graph, cycles and fairness included; ' +
        'unknown when a bound left states unexpanded) or stateright (Stateright 0.31: paths to terminal states only)',
      type: 'string',
    },
    workers: {
      describe:
        'worker threads. Default: BFS on the available cores (a complete BFS run on workers is exactly the one-thread ' +
        'run: counts, depth, verdicts, discoveries), DFS and simulation on one thread. With --workers N, a complete DFS ' +
        'run gives the same counts and verdicts, but its reported depth (and with --liveness stateright its eventually verdicts) follows ' +
        'the parallel search order; simulation runs one seeded walk per worker. Runs that stop early (every property ' +
        'discovered, --target-states, --timeout) stop after a different number of states than one thread',
      type: 'number',
    },
    nats: { describe: 'check by BFS on a cluster: the NATS server (JetStream) that `stateright worker` processes joined, e.g. nats://127.0.0.1:4222 (docs/cluster.md)', type: 'string' },
    shards: { describe: 'with --nats: shards of the state space, one worker process each (default 1)', type: 'number' },
    replicas: { describe: 'with --nats: JetStream replicas of the run\'s streams (default 1; 3 on a NATS cluster of three)', type: 'number' },
    json: { describe: 'print one JSON object instead of text', type: 'boolean' },
    svg: { describe: 'write the message sequence chart of the first failing discovery (else the first) to this file', type: 'string' },
    report: { describe: 'write an HTML report of that discovery to this file', type: 'string' },
    rms: { describe: SIZE_OPTIONS.rms, type: 'number' },
    threads: { describe: SIZE_OPTIONS.threads, type: 'number' },
    equation: { describe: SIZE_OPTIONS.equation, type: 'string' },
    'max-nat': { describe: SIZE_OPTIONS['max-nat'], type: 'number' },
    servers: { describe: SIZE_OPTIONS.servers, type: 'number' },
    clients: { describe: SIZE_OPTIONS.clients, type: 'number' },
    network: { describe: SIZE_OPTIONS.network, type: 'string' },
    lossy: { describe: SIZE_OPTIONS.lossy, type: 'boolean' },
    'max-crashes': { describe: SIZE_OPTIONS['max-crashes'], type: 'number' },
    'sequential-consistency': { describe: SIZE_OPTIONS['sequential-consistency'], type: 'boolean' },
    consistency: { describe: SIZE_OPTIONS.consistency, type: 'string', array: true },
    'election-timeouts': { describe: SIZE_OPTIONS['election-timeouts'], type: 'string' },
    'reliable-link': { describe: SIZE_OPTIONS['reliable-link'], type: 'boolean' },
    'link-keeps-ignored': { describe: SIZE_OPTIONS['link-keeps-ignored'], type: 'boolean' },
    fair: { describe: SIZE_OPTIONS.fair, type: 'string' },
  };
}

/** Every option `stateright model` takes: the system's module, the command's own, the workload's. */
export function modelOptions(): Readonly<Record<string, ModelOption>> {
  return { ...MODULE_OPTIONS, ...modelOwnOptions(), ...workloadOptionTable() };
}
