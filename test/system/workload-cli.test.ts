/**
 * The workload options on the command line: `model`, `explore` and `load` take the same flags
 * (one definition, cli/workload-options.ts), explain them in `--help`, change what is explored
 * or run, and answer a bad value with one line and exit code 2.
 */
import yargs, { type CommandModule } from 'yargs';
import { describe, expect, it } from 'vitest';
import { exploreCommand, startExplore, type ExploreArguments } from '../../cli/explore-command.js';
import { loadCommand, runLoadCommand, type LoadArguments } from '../../cli/load-command.js';
import { modelCommand, runModel, type ModelArguments } from '../../cli/model-command.js';
import type { StatusJson } from '../../src/explorer/index.js';
import { getJson } from '../explorer/http.js';
import { captureIo, load, serve, tempDir } from '../runtime/harness.js';
import { join } from 'node:path';

const PB = { module: 'test/system/fixtures/primary-backup.ts', export: 'primaryBackup' };
const KV = { module: 'test/system/fixtures/kv-store.ts', export: 'kvStore' };

interface Report {
  readonly configuration: string;
  readonly unique: number;
  readonly complete: boolean;
  readonly asExpected: boolean;
}

async function model(args: ModelArguments): Promise<{ code: number; report?: Report; err: string }> {
  const c = captureIo();
  const code = await runModel({ workers: 1, json: true, ...args }, c.io);
  return { code, report: c.stdout === '' ? undefined : (JSON.parse(c.stdout) as Report), err: c.stderr };
}

/** What `stateright <argv>` prints for --help, through yargs as cli/main.ts sets it up. */
async function help(command: CommandModule, argv: readonly string[]): Promise<string> {
  let output = '';
  await yargs([...argv])
    .command(command)
    .help()
    .wrap(null)
    .exitProcess(false)
    .parseAsync([...argv], {}, (_error, _args, text) => void (output = text));
  return output;
}

/** The arguments yargs hands the command's handler for `argv`. */
async function parsed(command: CommandModule, argv: readonly string[]): Promise<Record<string, unknown>> {
  let args: Record<string, unknown> = {};
  await yargs([...argv])
    .command({ ...command, handler: (a) => void (args = a as Record<string, unknown>) })
    .exitProcess(false)
    .parseAsync();
  return args;
}

describe('workload options on the command line', () => {
  it('--help on model, explore and load lists the same options and explains the workload', async () => {
    for (const [command, name] of [
      [modelCommand, 'model'],
      [exploreCommand, 'explore'],
      [loadCommand, 'load'],
    ] as const) {
      const text = await help(command, [name, '--help']);
      for (const flag of ['--operations', '--write-ratio', '--keys', '--values', '--seed']) expect(text, name).toContain(flag);
      expect(text, name).toContain('operations each client issues, one at a time');
      expect(text, name).toContain("In model and explore, any of --operations, --write-ratio, --keys and --values replaces a system's own workload");
    }
    const args = await parsed(loadCommand, ['load', '--servers', '127.0.0.1:1', '--history', 'h.jsonl', '--put-ratio', '0.25', '--values', '3']);
    expect([args.writeRatio, args.values]).toEqual([0.25, 3]);
  });

  it('model: each option changes the counts, and the configuration names the workload', async () => {
    const base = await model(PB);
    expect(base.report).toMatchObject({ configuration: '2 servers, 2 clients, unordered-nonduplicating network', unique: 874, complete: true, asExpected: true });
    const variants: ModelArguments[] = [{ operations: 2 }, { writeRatio: 1 }, { values: 1 }, { seed: 1 }];
    const counts = new Set([base.report!.unique]);
    for (const v of variants) {
      const r = await model({ ...PB, ...v });
      expect(r.code, JSON.stringify(v)).toBe(0);
      counts.add(r.report!.unique);
    }
    expect(counts.size).toBe(variants.length + 1);
    const described = await model({ ...PB, operations: 2, writeRatio: 1, values: 2, seed: 4 });
    expect(described.report!.configuration).toBe('2 servers, 2 clients, 2 operations per client, 100% writes, 1 key, 2 values, seed 4, unordered-nonduplicating network');
    const keyed = await model({ ...KV, keys: 2 });
    expect(keyed.report!.configuration).toContain('2 keys');
    expect(keyed.report!.unique).not.toBe((await model(KV)).report!.unique);
    const broken = await model({ ...KV, export: 'oneCellStore', keys: 2 });
    expect([broken.code, broken.report!.asExpected]).toEqual([1, false]);
  });

  it('model: a bundled register model keeps its counts by default and takes the random workload when asked', async () => {
    const own = await model({ name: 'single-copy-register' });
    const random = await model({ name: 'single-copy-register', operations: 3, writeRatio: 1 });
    expect(own.report!.configuration).toBe('1 server, 2 clients, unordered-nonduplicating network');
    expect(random.report!.configuration).toBe('1 server, 2 clients, 3 operations per client, 100% writes, 1 key, unique values, unordered-nonduplicating network');
    expect(random.report!.unique).not.toBe(own.report!.unique);
  });

  it('explore: the background check explores the model the options describe', async () => {
    const settings = { operations: 2, writeRatio: 0.75, seed: 2 };
    const expected = (await model({ ...PB, ...settings })).report!.unique;
    const c = captureIo();
    const running = await startExplore({ ...PB, ...settings, port: 0 } as ExploreArguments, c.io);
    if (typeof running === 'number') throw new Error(c.stderr);
    try {
      expect(c.stdout).toContain('2 operations per client, 75% writes, 1 key, unique values, seed 2');
      let status = await getJson<StatusJson>(running.port, '/.status');
      for (let i = 0; i < 100 && !status.done; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await getJson<StatusJson>(running.port, '/.status');
      }
      expect(status).toMatchObject({ done: true, unique_state_count: expected });
    } finally {
      await running.close();
    }
  });

  it('load --module: operations per client, keys and values in the recorded history', async () => {
    const servers = await serve({ ...KV, servers: 1 });
    try {
      const run = await load(servers, { ...KV, clients: 3, duration: 2, operations: 4, keys: 2, values: 2, writeRatio: 0.6, seed: 1 });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const invokes = run.lines.filter((l) => l.type === 'invoke');
      expect(invokes).toHaveLength(12);
      expect(new Set(invokes.map((l) => l.key))).toEqual(new Set([0, 1]));
      expect(new Set(invokes.filter((l) => l.f === 'put').map((l) => l.value))).toEqual(new Set(['v0', 'v1']));
    } finally {
      await servers.stop();
    }
  });

  it('a bad value, or an option that does not apply, is one line and exit code 2 on every command', async () => {
    const modelCases: [ModelArguments, string][] = [
      [{ ...PB, operations: -1 }, '--operations must be an integer from 0 up (got -1)'],
      [{ ...PB, operations: Number.NaN }, '--operations must be an integer from 0 up (got something that is not a number)'],
      [{ ...PB, writeRatio: 2 }, '--write-ratio must be a number from 0 to 1 (got 2)'],
      [{ ...PB, keys: 0 }, '--keys must be an integer from 1 up (got 0)'],
      [{ ...PB, values: 1.5 }, '--values must be an integer from 1 up (got 1.5)'],
      [{ ...PB, seed: 2 ** 32 }, '--seed must be an integer from 0 to 4294967295 (got 4294967296)'],
      [{ ...PB, keys: 2 }, 'keys is 2, but primary-backup is checked against a register, which has no keys; more than one key needs a keyed model (kv, multi-register)'],
      [{ name: 'raft', operations: 2 }, '--operations does not apply to raft; the workload options are for system modules (the register models and --module)'],
      [{ name: 'two-phase-commit', values: 2 }, '--values does not apply to two-phase-commit; the workload options are for system modules (the register models and --module)'],
    ];
    for (const [args, message] of modelCases) {
      const r = await model(args);
      expect([r.code, r.err]).toEqual([2, `stateright model: ${message}\n`]);
      const c = captureIo();
      expect(await startExplore({ ...args, port: 0 } as ExploreArguments, c.io)).toBe(2);
      expect(c.stderr).toBe(`stateright explore: ${message}\n`);
    }
    const history = join(tempDir(), 'h.jsonl');
    const base: LoadArguments = { servers: '127.0.0.1:9', clients: 1, duration: 0.1, history, timeoutMs: 100, drop: 0, duplicate: 0, delay: '0', check: false, model: 'register' };
    const loadCases: [Partial<LoadArguments>, string][] = [
      [{ ...PB, operations: -1 }, '--operations must be an integer from 0 up (got -1)'],
      [{ ...PB, putRatio: 1.5 }, '--write-ratio must be a number from 0 to 1 (got 1.5)'],
      [{ ...PB, keys: 3 }, 'keys is 3, but primary-backup is checked against a register, which has no keys; more than one key needs a keyed model (kv, multi-register)'],
      [{ keys: 2, values: 2 }, "--keys, --values go with a system name or --module (the system's own clients)"],
      [{ operations: 5 }, "--operations goes with a system name or --module (the system's own clients)"],
    ];
    for (const [args, message] of loadCases) {
      const c = captureIo();
      const { code } = await runLoadCommand({ ...base, ...args }, c.io);
      expect([code, c.stderr]).toEqual([2, `stateright load: ${message}\n`]);
    }
  });
});
