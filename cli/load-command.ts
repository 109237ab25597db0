/**
 * `stateright load`: register clients over UDP against running servers (`stateright serve`),
 * recording what they observed as a JSON Lines history that `stateright check` reads. With
 * `--module FILE --export NAME`, the clients are the system's own client actors (the ones the
 * model checks) and the history is checked against the system's consistency model. Prints the
 * throughput and the counts of ok, fail and info operations; `--check` checks the history at the
 * end and exits with `check`'s code.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { runCheck, type CheckIo } from './check-command.js';
import { formatSummary, mergeNemesisOps, parseDelay, parseServerList, runLoad, type SocketAddress, type WorkloadSummary } from '../src/runtime/index.js';
import { runSystemClients } from '../src/runtime/client-load.js';
import { checkWorkloadFits, type AnySystem } from '../src/system/system.js';
import { BUNDLED_SYSTEMS } from './bundled-systems.js';
import { SystemSourceError, addModuleOptions, loadSystemFrom, systemSpec, type ModuleArguments } from './system-source.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';
import { WorkloadOptionError, addWorkloadOptions, shapingFlags, workloadArguments, type WorkloadArguments } from './workload-options.js';
import type { WorkloadSettings } from '../src/system/workload.js';
import { parseRunHistory, runReportHtml } from '../src/render/run-report.js';

export interface LoadArguments extends ModuleArguments, WorkloadArguments {
  /** A bundled system whose own clients run (e.g. raft-kv); without it and --module, register clients. */
  readonly system?: string;
  readonly servers: string;
  readonly clients: number;
  readonly duration: number;
  readonly history: string;
  readonly timeoutMs: number;
  readonly maxWrites?: number;
  readonly drop: number;
  readonly duplicate: number;
  readonly delay: string;
  readonly check: boolean;
  readonly model: 'register' | 'write-once-register';
  /** The file `serve --nemesis-log` writes: its ops during the run go into the history. */
  readonly nemesisLog?: string;
  /** Write the run report (throughput and latency over time, faults, verdict) to this HTML file. */
  readonly report?: string;
}

export interface LoadResult {
  readonly code: number;
  readonly summary?: WorkloadSummary;
}

/** Runs the workload (and the check); returns the exit code and what was counted. */
export async function runLoadCommand(args: LoadArguments, io: CheckIo): Promise<LoadResult> {
  const fail = (text: string): LoadResult => {
    io.stderr.write(`stateright load: ${text}\n`);
    return { code: 2 };
  };
  let servers: SocketAddress[];
  let delayMs: [number, number];
  let system: AnySystem | undefined;
  let workload: Partial<WorkloadSettings>;
  try {
    servers = parseServerList(args.servers);
    delayMs = parseDelay(args.delay);
    workload = workloadArguments(args);
    const spec = systemSpec(args);
    const own = shapingFlags(args).filter((flag) => flag !== '--write-ratio');
    if (spec !== undefined && args.system !== undefined) return fail(`name a bundled system or give --module, not both (got '${args.system}' and --module ${spec.module})`);
    if (spec !== undefined) system = await loadSystemFrom(spec);
    else if (args.system !== undefined) {
      system = BUNDLED_SYSTEMS.find((s) => s.name === args.system);
      if (system === undefined) return fail(`unknown system '${args.system}' (choose one of ${BUNDLED_SYSTEMS.map((s) => s.name).join(', ')})`);
    } else if (own.length > 0) return fail(`${own.join(', ')} go${own.length === 1 ? 'es' : ''} with a system name or --module (the system's own clients)`);
    if (system !== undefined) checkWorkloadFits(system, workload);
  } catch (error) {
    if (error instanceof SystemSourceError || error instanceof WorkloadOptionError || error instanceof RangeError) return fail(error.message);
    throw error;
  }
  let fd: number;
  try {
    fd = openSync(args.history, 'w');
  } catch (error) {
    return fail(`cannot write the history to ${args.history}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let summary: WorkloadSummary;
  const started = Date.now();
  try {
    const record = (line: string) => writeSync(fd, `${line}\n`);
    const faults = { drop: args.drop, duplicate: args.duplicate, delayMs };
    summary =
      system !== undefined
        ? await runSystemClients(system, {
            servers,
            clients: args.clients,
            durationMs: args.duration * 1000,
            timeoutMs: args.timeoutMs,
            ...workload,
            faults,
            record,
          })
        : await runLoad({
            servers,
            clients: args.clients,
            durationMs: args.duration * 1000,
            timeoutMs: args.timeoutMs,
            putRatio: workload.writeRatio ?? 0.5,
            maxWrites: args.maxWrites,
            seed: workload.seed ?? 0,
            model: args.model,
            faults,
            record,
          });
  } catch (error) {
    return fail((error as Error).message);
  } finally {
    closeSync(fd);
  }
  if (args.nemesisLog !== undefined) {
    try {
      const merged = mergeNemesisOps(readFileSync(args.history, 'utf8'), readFileSync(args.nemesisLog, 'utf8'), started, Date.now(), args.nemesisLog);
      writeFileSync(args.history, merged);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      return fail(e.code !== undefined ? `cannot read the nemesis log ${args.nemesisLog}: ${e.code}` : e.message);
    }
  }
  io.stdout.write(`${formatSummary(summary)}\nwrote ${args.history}\n`);
  // The history's header names the model and the initial value (the system's, with --module).
  let code = 0;
  let checkOutput = '';
  if (args.check) {
    // The check's words go to stdout as usual, and into the report's explanation.
    const tee: CheckIo = { ...io, stdout: { ...io.stdout, write: (text: string) => ((checkOutput += text), io.stdout.write(text)) } };
    code = runCheck(
      { files: [args.history], model: system?.consistency.model ?? args.model, consistency: 'linearizable', format: 'jsonl', independent: false, json: false, expectFromNames: false },
      tee,
    );
  }
  if (args.report !== undefined) {
    const verdict = !args.check
      ? undefined
      : { valid: code === 0 ? true : code === 1 ? false : null, text: code === 0 ? 'linearizable' : code === 1 ? 'NOT linearizable' : 'unknown' };
    try {
      const html = runReportHtml({
        title: `load: ${args.servers}`,
        ops: parseRunHistory(readFileSync(args.history, 'utf8')),
        verdict,
        explanation: code === 1 ? checkOutput : undefined,
      });
      writeFileSync(args.report, html);
      io.stdout.write(`wrote ${args.report}\n`);
    } catch (error) {
      io.stderr.write(`stateright load: cannot write the report ${args.report}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return { code: 2, summary };
    }
  }
  return { code, summary };
}

const typedLoadCommand: CommandModule<object, LoadArguments> = {
  ...COMMAND_SUMMARIES.load,
  builder: (yargs: Argv) =>
    addWorkloadOptions(
      addModuleOptions(yargs)
        .positional('system', { describe: `a bundled system whose own clients run (one of ${BUNDLED_SYSTEMS.map((p) => p.name).join(', ')}); without it, register clients`, type: 'string' })
        .option('servers', { describe: 'the servers, e.g. 127.0.0.1:3000,127.0.0.1:3001', type: 'string', demandOption: true })
        .option('clients', { describe: 'concurrent clients (each runs one operation at a time)', type: 'number', default: 4 })
        .option('duration', { describe: 'seconds to issue operations (the last ones may take up to --timeout-ms more)', type: 'number', default: 5 })
        .option('history', { describe: 'the JSON Lines history to write', type: 'string', demandOption: true })
        .option('timeout-ms', { describe: 'a request unanswered this long is recorded as info and its process retired', type: 'number', default: 500 })
        .option('max-writes', {
          describe: 'at most this many writes in the run, then only reads (each unanswered write multiplies the check\'s work; single-decree Paxos answers one Put only)',
          type: 'number',
        })
        .option('drop', { describe: 'probability that a request the clients send is lost', type: 'number', default: 0 })
        .option('duplicate', { describe: 'probability that a request arrives twice', type: 'number', default: 0 })
        .option('delay', { describe: 'delay of every request, MIN-MAX milliseconds', type: 'string', default: '0' })
        .option('check', { describe: 'check the history at the end and exit with the check\'s code (0 linearizable, 1 not)', type: 'boolean', default: false })
        .option('model', { describe: 'what --check checks against (with --module: the system\'s consistency model)', choices: ['register', 'write-once-register'] as const, default: 'register' as const })
        .option('report', { describe: 'write the run report (throughput and latency per second, ok/fail/info, faults shaded, the verdict) to this HTML file', type: 'string' })
        .option('nemesis-log', { describe: 'the file serve --nemesis-log writes: the strikes and heals during the run go into the history, in time order (check skips them)', type: 'string' })
    )
      .example('$0 load --servers 127.0.0.1:3000 --clients 4 --duration 3 --history run.jsonl --check', 'load a single-copy register and check what the clients saw')
      .example('$0 load raft-kv --servers 127.0.0.1:3000,127.0.0.1:3001,127.0.0.1:3002 --keys 4 --history run.jsonl --check', 'the Raft store\'s own clients (get, put, cas per key); checked key by key')
      .example('$0 load --module dist/my-register.js --export myRegister --servers 127.0.0.1:3000 --history run.jsonl --check', "your system's own clients")
      .epilogue(
        'Operations are writes of values unique to the run (with --module: or drawn from --values), or reads. The history\'s first line names the model and the initial value, "init", as which a read of the never-written register is recorded (no write writes it).\n' +
          'Exit codes: 0 done (with --check: linearizable); 1 with --check: not linearizable; 2 a usage error.',
      ) as unknown as Argv<LoadArguments>,
  handler: async (args) => {
    const { code } = await runLoadCommand(args, { stdout: process.stdout, stderr: process.stderr });
    process.exitCode = code;
  },
};

/** The command for cli/main.ts's list (whose entries are untyped). */
export const loadCommand = typedLoadCommand as unknown as CommandModule;
