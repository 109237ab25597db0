import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModel, type ModelArguments } from '../../cli/model-command.js';
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

describe.skipIf(skipWithoutNats())('model checking on a NATS JetStream cluster', () => {
  let server: NatsServer;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    server = await NatsServer.start();
    for (let i = 0; i < 3; i++) workers.push(WorkerProcess.start(server.url));
    // Workers start from the TypeScript sources: slow the first time, on a loaded machine.
    await Promise.all(workers.map((w) => w.said('waiting for jobs')));
  }, 150_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    await server?.stop();
  });

  it.each<[string, ModelArguments]>([
    ['two-phase commit, 5 RMs', { name: 'two-phase-commit', rms: 5 }],
    ['Paxos, 2 clients', { name: 'paxos', clients: 2 }],
    ['single-copy register, 3 clients', { name: 'single-copy-register', clients: 3 }],
  ])('%s on 3 worker processes: counts, depth, verdicts and discovery lengths of `stateright model`', async (_label, args) => {
    const local = await modelJson({ ...args, workers: 1 });
    const cluster = await modelJson({ ...args, nats: server.url, shards: 3 });
    expect(cluster.code, cluster.stderr).toBe(local.code);
    expect(essentials(cluster.report)).toEqual(essentials(local.report));
  }, 60_000);

  it('refuses a model without a state codec, saying so', async () => {
    const { checkOnCluster } = await import('../../src/cluster/index.js');
    await expect(checkOnCluster({ module: new URL('./no-codec-model.ts', import.meta.url).href, export: 'counter' }, { nats: server.url, shards: 2 })).rejects.toThrow(
      /neither a stateCodec nor a stateSerializer/,
    );
  });
});
