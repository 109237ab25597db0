import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLongHistory } from '../../bench/generate-long-history.js';
import { runCheck, type CheckArguments, type CheckIo } from '../../cli/check-command.js';
import { runClusterCheck } from '../../cli/check-cluster.js';
import { runModel, type ModelArguments } from '../../cli/model-command.js';
import { clusterHistoryChecker } from '../../src/cluster/index.js';
import { checkHistoryFile } from '../../histories/index.js';
import { check } from '../../src/checker/index.js';
import { NatsServer, skipWithoutNats } from './nats-server.js';
import { WorkerProcess } from './workers.js';

interface JsonReport {
  states: number;
  unique: number;
  depth: number;
  complete: boolean;
  asExpected: boolean;
  properties: { name: string; holds: boolean; outcome: string; path: string[] | null }[];
}

async function modelJson(args: ModelArguments): Promise<{ code: number; report: JsonReport; stderr: string }> {
  let out = '';
  let stderr = '';
  const code = await runModel({ json: true, strategy: 'bfs', ...args }, { stdout: { write: (t: string) => (out += t) }, stderr: { isTTY: false, write: (t: string) => (stderr += t) } });
  return { code, report: JSON.parse(out) as JsonReport, stderr };
}

/** What must be equal: counts, depth, verdicts, and each discovery's length. */
function essentials(r: JsonReport) {
  return {
    states: r.states,
    unique: r.unique,
    depth: r.depth,
    complete: r.complete,
    asExpected: r.asExpected,
    properties: r.properties.map((p) => ({ name: p.name, holds: p.holds, outcome: p.outcome, length: p.path?.length ?? null })),
  };
}

/** `stateright check` with its output captured; the elapsed times (which differ from run to run) blanked. */
async function checkCaptured(call: (args: CheckArguments, io: CheckIo) => number | Promise<number>, args: Partial<CheckArguments> & { files: string[] }) {
  let stdout = '';
  let stderr = '';
  const code = await call(
    { consistency: 'linearizable', format: 'auto', independent: false, json: false, expectFromNames: false, workers: 1, ...args },
    { stdout: { isTTY: false, write: (t: string) => (stdout += t) }, stderr: { isTTY: false, write: (t: string) => (stderr += t) } },
  );
  return { code, stdout: stdout.replace(/, [\d.]+ m?s\)/g, ', TIME)'), stderr };
}

describe.skipIf(skipWithoutNats())('model checking and history checking on a NATS JetStream cluster', () => {
  let server: NatsServer;
  const workers: WorkerProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cluster-histories-'));
  /** Keyed cas-register histories (jepsen.independent, initially 0), valid and with one stale read. */
  const valid = join(dir, 'keyed-valid.jsonl');
  const invalid = join(dir, 'keyed-invalid.jsonl');
  const generated = { ops: 12_000, processes: 10, crashed: 0.01, model: 'cas-register', values: 5, keys: 40, seed: 7 } as const;
  writeLongHistory(valid, { ...generated, staleRead: false });
  writeLongHistory(invalid, { ...generated, staleRead: true });

  beforeAll(async () => {
    server = await NatsServer.start();
    // Three job loops: one process of one thread, one of two threads (`--workers 2`), so that a
    // run on 3 shards has two of its shards in one process.
    workers.push(WorkerProcess.start(server.url), WorkerProcess.start(server.url, ['--workers', '2']));
    // Workers start from the TypeScript sources: slow the first time, on a loaded machine.
    await Promise.all([workers[0].said('waiting for jobs'), workers[1].said('waiting for jobs', 120_000, 2)]);
  }, 150_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, ModelArguments]>([
    ['two-phase commit, 5 RMs', { name: 'two-phase-commit', rms: 5 }],
    ['Paxos, 2 clients', { name: 'paxos', clients: 2 }],
    ['single-copy register, 3 clients', { name: 'single-copy-register', clients: 3 }],
  ])('%s on 3 shards, two of them in one worker process (--workers 2): counts, depth, verdicts and discovery lengths of `stateright model`', async (_label, args) => {
    const local = await modelJson({ ...args, workers: 1 });
    const taken = (): number => workers[1].output.split(': taken').length - 1;
    const takenBefore = taken();
    const cluster = await modelJson({ ...args, nats: server.url, shards: 3 });
    // A loop holds its shard until the run ends: three loops, three shards, two in the threaded process.
    expect(taken() - takenBefore).toBe(2);
    expect(cluster.code, cluster.stderr).toBe(local.code);
    expect(essentials(cluster.report)).toEqual(essentials(local.report));
  }, 60_000);

  it.each([
    ['stateright', false],
    ['sound', true],
  ] as const)('liveness %s on the cluster: the verdicts of the one-thread BFS with the same option', async (liveness, passHere) => {
    const { checkOnCluster } = await import('../../src/cluster/index.js');
    const { cycle } = await import('./cycle-model.js');
    const notices: string[] = [];
    const spec = { module: new URL('./cycle-model.ts', import.meta.url).href, export: 'cycle' };
    const result = await checkOnCluster(spec, { nats: server.url, shards: 2, liveness, onNotice: (n) => notices.push(n) });
    const local = check(cycle, { strategy: 'bfs', liveness });
    // The lasso 0 → 1 → 2 → 0 is a counterexample to "reaches 3" only for the sound check.
    expect(local.discovery('reaches 3') !== undefined).toBe(liveness === 'sound');
    expect(result.discoveredNames).toEqual(local.discoveredNames);
    expect([result.unique, result.complete]).toEqual([local.unique, true]);
    // Sound liveness needs the whole graph, so it is decided on the coordinator's machine, which
    // says so; Stateright's terminal-only check runs on the shards.
    expect(notices.some((n) => n.includes('decided by a breadth-first pass on this machine'))).toBe(passHere);
  }, 60_000);

  it('refuses a model without a state codec, saying so', async () => {
    const { checkOnCluster } = await import('../../src/cluster/index.js');
    await expect(checkOnCluster({ module: new URL('./no-codec-model.ts', import.meta.url).href, export: 'counter' }, { nats: server.url, shards: 2 })).rejects.toThrow(
      /neither a stateCodec nor a stateSerializer/,
    );
  });

  it('refuses an actor model whose states hold class instances, naming the class, before any worker takes a shard', async () => {
    const { checkOnCluster } = await import('../../src/cluster/index.js');
    const spec = { module: new URL('../../src/examples/raft-election.ts', import.meta.url).href, export: 'raftElectionModel', args: [{ servers: 3, timeouts: 'lockstep' }] };
    await expect(checkOnCluster(spec, { nats: server.url, shards: 2 })).rejects.toThrow(/hold a RaftNode/);
  });

  it.each([
    ['valid', valid, 0],
    ['not linearizable, with its explanation', invalid, 1],
  ])('check --nats on a keyed history of 12,000 ops (%s): the output and exit code of a local check', async (_label, file, expectedCode) => {
    const args = { files: [file], independent: true, init: '0' };
    const local = await checkCaptured(runCheck, args);
    const cluster = await checkCaptured(runClusterCheck, { ...args, nats: server.url });
    expect(local.code).toBe(expectedCode);
    if (expectedCode === 1) expect(local.stdout).toMatch(/minimal conflicting operations[^]*Why no order works/);
    expect(cluster.code, cluster.stderr).toBe(local.code);
    expect(cluster.stdout).toBe(local.stdout);
  }, 60_000);

  it('batches larger than a job message travel through the object store, with the same verdicts; also a kv trace and sequential consistency', async () => {
    // 4 KB: every batch of this history is larger, so each goes through the object store.
    // The check waits synchronously: what the coordinator says goes straight to stderr, where a
    // stuck check shows why.
    const remote = clusterHistoryChecker({ nats: server.url, inlineBytes: 4096, onNotice: (line) => void process.stderr.write(`cluster: ${line}\n`) });
    const cases = [
      { file: invalid, options: { independent: true, init: 0 } },
      { file: 'histories/examples/independent/register-keys-invalid.edn', options: { independent: true, consistency: 'sequential' as const } },
      { file: 'histories/examples/kv-trace-valid.jsonl', options: {} },
    ];
    const verdicts = [];
    for (const { file, options } of cases) {
      // The explanation is computed on this machine from the verdict (the test above compares it).
      const { ms: _localMs, ...local } = checkHistoryFile(file, { ...options, workers: 1, explain: false });
      const { ms: _clusterMs, ...cluster } = checkHistoryFile(file, { ...options, explain: false, remote });
      expect(cluster).toEqual(local);
      verdicts.push(cluster.valid);
    }
    expect(verdicts).toEqual([false, true, true]);
  }, 60_000);
});
