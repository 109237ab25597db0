/**
 * `stateright serve <protocol>` (or `--module FILE --export NAME`): the servers of a system as
 * real UDP actors, running the very server objects `stateright model` checks, with the system's
 * message schema as the wire codec. Servers use consecutive ports from
 * `--port` (0: ports chosen by the system, for tests); `--only I` runs just server I, so servers
 * can live in separate processes. Runs until SIGINT or SIGTERM, then exits 0.
 */
import type { Argv, CommandModule } from 'yargs';
import { FaultInjector, Runtime, SpawnError, formatAddress, jsonLinesSink, parseDelay, systemServerActor, type SocketAddress } from '../src/runtime/index.js';
import type { AnySystem } from '../src/system/system.js';
import { BUNDLED_SYSTEMS } from './bundled-systems.js';
import { SystemSourceError, addModuleOptions, loadSystemFrom, systemSpec, type ModuleArguments } from './system-source.js';
import { closeSync, openSync, writeSync } from 'node:fs';
import { Nemesis, STRIKES, parseStrikes, type Strike } from '../src/runtime/nemesis.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';

export interface ServeArguments extends ModuleArguments {
  readonly protocol?: string;
  readonly servers: number;
  readonly port: number;
  readonly host: string;
  readonly only?: number;
  readonly storage?: string;
  readonly reliablePeers: boolean;
  readonly resendMs: string;
  readonly drop: number;
  readonly duplicate: number;
  readonly delay: string;
  readonly seed: number;
  readonly log: boolean;
  readonly nemesis?: string;
  readonly every?: number;
  readonly healAfter?: number;
  readonly nemesisLog?: string;
  readonly downtimeMs: number;
}

export interface ServeIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface ServeHandle {
  readonly runtime: Runtime<unknown, unknown, unknown, never, unknown>;
  /** Every server's address (the ones this process runs and the others). */
  readonly addresses: readonly SocketAddress[];
  stop(): Promise<void>;
}

export const EXIT_USAGE = 2;

/** The system to serve, or a usage problem in words. */
async function chooseSystem(args: ServeArguments): Promise<AnySystem | string> {
  const spec = systemSpec(args);
  if (spec !== undefined) {
    if (args.protocol !== undefined) return `name a bundled protocol or give --module, not both (got '${args.protocol}' and --module ${spec.module})`;
    return loadSystemFrom(spec);
  }
  const names = BUNDLED_SYSTEMS.map((p) => p.name).join(', ');
  if (args.protocol === undefined) return `name a protocol (one of ${names}) or give --module FILE --export NAME`;
  return BUNDLED_SYSTEMS.find((p) => p.name === args.protocol) ?? `unknown protocol '${args.protocol}' (choose one of ${names})`;
}

/** Starts the servers; a usage or bind problem is reported on stderr and returned as exit code 2. */
export async function startServe(args: ServeArguments, io: ServeIo): Promise<ServeHandle | number> {
  const fail = (text: string): number => {
    io.stderr.write(`stateright serve: ${text}\n`);
    return EXIT_USAGE;
  };
  let protocol: AnySystem;
  try {
    const chosen = await chooseSystem(args);
    if (typeof chosen === 'string') return fail(chosen);
    protocol = chosen;
  } catch (error) {
    if (error instanceof SystemSourceError) return fail(error.message);
    throw error;
  }
  const { servers, port } = args;
  if (!(Number.isInteger(servers) && servers >= 1)) return fail(`--servers must be a positive integer (got ${servers})`);
  if (!(Number.isInteger(port) && port >= 0 && port + servers - 1 <= 65535)) return fail(`--port must leave room for ${servers} consecutive ports below 65536 (got ${port})`);
  if (args.only !== undefined && !(Number.isInteger(args.only) && args.only >= 0 && args.only < servers)) return fail(`--only must be a server index from 0 to ${servers - 1} (got ${args.only})`);
  if (args.only !== undefined && port === 0) return fail('--only needs a real --port: the other servers must know where it is');
  let strikes: Strike[] = [];
  if (args.nemesis !== undefined) {
    try {
      strikes = parseStrikes(args.nemesis);
    } catch (error) {
      return fail((error as Error).message);
    }
    if (!(args.every !== undefined && args.every > 0)) return fail('--nemesis needs --every SECONDS (the time between strikes)');
    if (args.healAfter !== undefined && !(args.healAfter > 0)) return fail(`--heal-after must be a positive number of seconds (got ${args.healAfter})`);
    if (!(args.downtimeMs > 0)) return fail(`--downtime-ms must be a positive number (got ${args.downtimeMs})`);
  }
  let nemesisLog: number | undefined;
  if (args.nemesisLog !== undefined) {
    try {
      nemesisLog = openSync(args.nemesisLog, 'a');
    } catch (error) {
      return fail(`cannot write the nemesis log ${args.nemesisLog}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  let delayMs: [number, number];
  let resendMs: [number, number];
  try {
    delayMs = parseDelay(args.delay);
    resendMs = parseDelay(args.resendMs, '--resend-ms');
    new FaultInjector({ drop: args.drop, duplicate: args.duplicate, delayMs }); // validates the plan
  } catch (error) {
    return fail((error as Error).message);
  }
  if (resendMs[1] <= 0) return fail('--resend-ms must be above 0');
  const addresses: SocketAddress[] = Array.from({ length: servers }, (_, i) => ({ host: args.host, port: port === 0 ? 0 : port + i }));
  const { actor, codec } = systemServerActor(protocol, { servers }, { reliablePeers: args.reliablePeers, resendMs });
  const ids = args.only !== undefined ? [args.only] : addresses.map((_, i) => i);
  const runtime = new Runtime(
    ids.map((id) => ({ id, actor })),
    {
      addressBook: addresses,
      codec,
      storageDir: args.storage,
      faults: { drop: args.drop, duplicate: args.duplicate, delayMs, seed: args.seed + (args.only ?? 0) },
      log: args.log ? jsonLinesSink((line) => io.stdout.write(line)) : undefined,
    },
  );
  try {
    await runtime.startAll();
  } catch (error) {
    if (error instanceof SpawnError) return fail(error.message);
    return fail(error instanceof Error ? error.message : String(error));
  }
  const bound = runtime.book.addresses;
  const mine = ids.map((i) => `server ${i} at ${formatAddress(bound[i])}`).join(', ');
  io.stderr.write(
    `stateright serve: ${protocol.name}, ${mine}${args.reliablePeers ? ', server-to-server traffic in the ordered reliable link' : ''}.\n` +
      (protocol.messages.variantOrder.includes('Put')
        ? `Talk to it with: nc -u ${formatAddress(bound[ids[0]]).replace(':', ' ')}  then type {"Put":[1,"X"]} or {"Get":2}. Stop with Ctrl-C.\n`
        : `Run its clients with: stateright load ${args.protocol ?? `--module ${args.module} --export ${args.export}`} --servers ${bound.map(formatAddress).join(',')} --history run.jsonl --check. Stop with Ctrl-C.\n`),
  );
  let nemesis: Nemesis | undefined;
  if (strikes.length > 0) {
    const everyMs = args.every! * 1000;
    nemesis = new Nemesis(runtime, {
      strikes,
      nodes: ids,
      everyMs,
      // By default a fault lasts half the time between strikes, so every strike is followed by a healed spell.
      healAfterMs: args.healAfter !== undefined ? args.healAfter * 1000 : everyMs / 2,
      downtimeMs: args.downtimeMs,
      seed: args.seed + 7,
      name: (id) => formatAddress(bound[id]),
      record: (line) => {
        io.stderr.write(`nemesis: ${line}\n`);
        if (nemesisLog !== undefined) writeSync(nemesisLog, `${line}\n`);
      },
      warn: (text) => io.stderr.write(`${text}\n`),
    });
  }
  return {
    runtime,
    addresses: bound,
    stop: async () => {
      nemesis?.stop();
      if (nemesisLog !== undefined) closeSync(nemesisLog);
      await runtime.stop();
    },
  };
}

const typedServeCommand: CommandModule<object, ServeArguments> = {
  ...COMMAND_SUMMARIES.serve,
  builder: (yargs: Argv) =>
    addModuleOptions(yargs)
      .positional('protocol', { describe: `one of ${BUNDLED_SYSTEMS.map((p) => p.name).join(', ')} (or --module FILE --export NAME)`, type: 'string' })
      .option('servers', { describe: 'how many servers the system has', type: 'number', default: 1 })
      .option('port', { describe: 'server i listens on port P+i (0: ports chosen by the system)', type: 'number', default: 3000 })
      .option('host', { describe: 'the IPv4 address to listen on', type: 'string', default: '127.0.0.1' })
      .option('only', { describe: 'run only server I (the others run elsewhere, at their ports)', type: 'number' })
      .option('storage', { describe: 'directory for the servers\' storage files (<ip>:<port>.storage); without it storage lives in memory', type: 'string' })
      .option('reliable-peers', { describe: 'carry server-to-server messages in the ordered reliable link (sequence numbers, acks, resends); client traffic stays raw', type: 'boolean', default: false })
      .option('resend-ms', { describe: 'the link\'s resend interval, MIN-MAX milliseconds', type: 'string', default: '20-40' })
      .option('drop', { describe: 'probability that a datagram the servers send is lost', type: 'number', default: 0 })
      .option('duplicate', { describe: 'probability that a datagram the servers send arrives twice', type: 'number', default: 0 })
      .option('delay', { describe: 'delay of every datagram the servers send, MIN-MAX milliseconds (reorders them)', type: 'string', default: '0' })
      .option('seed', { describe: 'seeds the fault layer and the nemesis', type: 'number', default: 0 })
      .option('log', { describe: 'print one JSON line per event (start, receive, send, timer, save, crash, undecodable, error) on stdout', type: 'boolean', default: false })
      .option('nemesis', {
        describe:
          `strikes, comma-separated, one drawn (from --seed) every --every seconds: ${STRIKES.join(', ')}. ` +
          'Partitions cut server-to-server traffic (clients reach every server); kill-restart kills a server (socket, timers, memory) and restarts it from its storage; ' +
          'pause stops a server handling messages and timers, then resumes it with its memory',
        type: 'string',
      })
      .option('every', { describe: 'seconds between nemesis strikes', type: 'number' })
      .option('heal-after', { describe: 'seconds a partition or pause lasts (default: half of --every); every fault is healed before the next strike', type: 'number' })
      .option('nemesis-log', { describe: 'append each strike and heal to this file as a Jepsen nemesis op (JSON Lines); give it to load --nemesis-log', type: 'string' })
      .option('downtime-ms', { describe: 'how long a killed server stays down', type: 'number', default: 200 })
      .example('$0 serve single-copy-register --port 3000', 'one register server; then: nc -u 127.0.0.1 3000')
      .example('$0 serve paxos --servers 3 --reliable-peers --drop 0.1', 'three Paxos servers on ports 3000-3002, losing 10% of what they send')
      .example('$0 serve abd --servers 3 --only 1 --storage /tmp/abd', 'server 1 of 3 in this process, its storage in /tmp/abd')
      .example('$0 serve abd --servers 5 --nemesis partition-halves,pause --every 4 --nemesis-log nemesis.jsonl', 'a partition or a pause every 4 s, healed after 2 s')
      .epilogue('Exit codes: 0 after SIGINT or SIGTERM; 2 a usage error or a port in use.') as unknown as Argv<ServeArguments>,
  handler: async (args) => {
    const handle = await startServe(args, { stdout: process.stdout, stderr: process.stderr });
    if (typeof handle === 'number') {
      process.exitCode = handle;
      return;
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await handle.stop();
    process.exitCode = 0;
  },
};

/** The command for cli/main.ts's list (whose entries are untyped). */
export const serveCommand = typedServeCommand as unknown as CommandModule;
