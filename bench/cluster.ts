/**
 * `npm run bench:cluster`: model checking on a NATS JetStream cluster on this machine. For each
 * case it starts a nats-server (JetStream, a temporary store, a free loopback port) and P
 * `stateright worker` processes, checks the model by BFS on P shards, and prints the wall time
 * against the one-thread `check()`, unique states per second per worker, the bytes sent between
 * shards per state record and per unique state, and the share of cross-shard successors that
 * the send cache dropped before sending. Then it checks a generated keyed history (`--history-ops`,
 * default 1,000,000 operations over 1,000 keys, with one stale read) on one thread and with
 * `check --nats` on the same P workers, and fails unless the two verdicts (failing op, every
 * key's verdict, explanation) are equal. Arguments: `--shards P` (default 2), `--runs N`
 * (default 1), `--quick` (smaller models, a 100,000-op history), `--only models|history|<part of a
 * case's label>`. Each figure is the median of the runs; CPU seconds (from /proc) are given too,
 * since on a shared machine they do not depend on how much of the cores the processes got.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { check } from '../src/checker/index.js';
import { checkOnCluster } from '../src/cluster/index.js';
import { CATALOG_MODULE } from '../cli/catalog-model.js';
import { findModel, type SizeSettings } from '../cli/model-catalog.js';
import { median } from './stats.js';
import { writeLongHistory } from './generate-long-history.js';
import { checkHistoryFile } from '../histories/index.js';
import { clusterHistoryChecker } from '../src/cluster/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const shards = option('--shards', 2);
const runs = option('--runs', 1);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const historyOps = option('--history-ops', quick ? 100_000 : 1_000_000);
const natsServer = process.env.NATS_SERVER ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');
const cli = join(import.meta.dirname, '..', 'cli', 'main.js');

const cases: [string, string, Partial<SizeSettings>][] = quick
  ? [['two-phase commit, 6 RMs', 'two-phase-commit', { rms: 6 }], ['Paxos, 2 clients', 'paxos', { clients: 2 }]]
  : [['two-phase commit, 8 RMs', 'two-phase-commit', { rms: 8 }], ['Paxos, 3 clients', 'paxos', { clients: 3 }]];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

async function waitFor(port: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const c = createConnection({ host: '127.0.0.1', port }).once('connect', () => (c.destroy(), r(true))).once('error', () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * CPU seconds a child process has used, from /proc (Linux): on a machine shared with other work,
 * states per CPU second is the figure that does not depend on how much of the cores the
 * processes got. NaN where /proc is missing.
 */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

interface ClusterCpu {
  /** CPU seconds of the worker processes and of the nats-server, since they started. */
  readonly workers: number;
  readonly server: number;
}

async function withCluster<T>(fn: (url: string, cpu: () => ClusterCpu) => Promise<T>): Promise<T> {
  if (spawnSync(natsServer, ['--version']).status !== 0) throw new Error('nats-server is not installed (apt-get install nats-server)');
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'bench-nats-'));
  const server = spawn(natsServer, ['-js', '-sd', store, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const workers: ChildProcess[] = [];
  try {
    await waitFor(port);
    const url = `nats://127.0.0.1:${port}`;
    for (let i = 0; i < shards; i++) workers.push(spawn(process.execPath, [cli, 'worker', '--nats', url], { stdio: 'ignore' }));
    const cpu = (): ClusterCpu => ({ workers: workers.reduce((sum, w) => sum + cpuSeconds(w.pid), 0), server: cpuSeconds(server.pid) });
    return await fn(url, cpu);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    server.kill('SIGKILL');
    rmSync(store, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`bench:cluster: ${shards} worker processes on one machine (${cpus().length} cores), one nats-server; medians of ${runs} run(s)`);
// `--only history`, `--only models`, or a part of a case's label (`--only Paxos`).
const wanted = (label: string): boolean => only === undefined || (only === 'models' ? label !== 'history' : label.includes(only));
for (const [label, name, sizes] of cases.filter(([label]) => wanted(label))) {
  const entry = (await findModel(name))!;
  const settings = { ...entry.defaults, ...sizes } as SizeSettings;
  const oneThread: number[] = [];
  const oneThreadCpu: number[] = [];
  let unique = 0;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    unique = check((await entry.build(settings)).model).unique;
    const cpu = process.cpuUsage(cpuBefore);
    oneThreadCpu.push((cpu.user + cpu.system) / 1e6);
    oneThread.push(performance.now() - started);
  }
  const workerCpu: number[] = [];
  const serverCpu: number[] = [];
  const wall: number[] = [];
  const perRecord: number[] = [];
  const perState: number[] = [];
  const dropped: number[] = [];
  let replays = 0;
  for (let r = 0; r < runs; r++) {
    await withCluster(async (url, cpu) => {
      const started = performance.now();
      const cpuBefore = cpu();
      const result = await checkOnCluster({ module: CATALOG_MODULE, export: 'catalogModel', args: [name, settings] }, {
        nats: url,
        shards,
        workerModule: 'stateright:catalog',
        // Replacements and long steps, as they happen (a replay costs a level's work again).
        onNotice: (line) => void process.stderr.write(`${label}: ${line}\n`),
      });
      replays += result.traffic.replays;
      wall.push(performance.now() - started);
      const cpuAfter = cpu();
      workerCpu.push(cpuAfter.workers - cpuBefore.workers);
      serverCpu.push(cpuAfter.server - cpuBefore.server);
      if (result.unique !== unique) throw new Error(`${label}: ${result.unique} unique states on the cluster, ${unique} on one thread`);
      const t = result.traffic;
      const records = t.remote - t.cacheDropped;
      perRecord.push(records === 0 ? 0 : t.bytesSent / records);
      perState.push(t.bytesSent / result.unique);
      dropped.push(t.remote === 0 ? 0 : t.cacheDropped / t.remote);
    });
  }
  const w = median(wall);
  console.log(
    `${label}: ${fmt(unique)} states; one thread ${fmt(median(oneThread) / 1000, 2)} s; cluster ${fmt(w / 1000, 2)} s ` +
      `(${fmt(median(oneThread) / w, 2)}× one thread); ${fmt(unique / (w / 1000) / shards)} states/s per worker; ` +
      `${fmt(median(perRecord))} bytes per record sent, ${fmt(median(perState))} bytes sent per unique state; ` +
      `send cache dropped ${fmt(100 * median(dropped), 1)}% of cross-shard successors; ` +
      `CPU: one thread ${fmt(median(oneThreadCpu), 1)} s (${fmt(unique / median(oneThreadCpu))} states per CPU second), ` +
      `workers ${fmt(median(workerCpu), 1)} s in all (${fmt(unique / median(workerCpu))} states per worker CPU second), nats-server ${fmt(median(serverCpu), 1)} s; ` +
      `${replays} level replays in ${runs} run(s)`,
  );
}

if (wanted('history')) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
  try {
    const file = join(dir, 'keyed.jsonl');
    writeLongHistory(file, { ops: historyOps, processes: 10, crashed: 0.01, model: 'cas-register', values: 5, keys: Math.max(1, Math.round(historyOps / 1000)), staleRead: true, seed: 7 });
    const options = { independent: true, init: 0 };
    const local: number[] = [];
    const cluster: number[] = [];
    let verdict = '';
    for (let r = 0; r < runs; r++) {
      let started = performance.now();
      const { ms: _l, ...one } = checkHistoryFile(file, { ...options, workers: 1 });
      local.push(performance.now() - started);
      await withCluster(async (url) => {
        started = performance.now();
        const { ms: _c, ...onCluster } = checkHistoryFile(file, { ...options, remote: clusterHistoryChecker({ nats: url }) });
        cluster.push(performance.now() - started);
        if (JSON.stringify(onCluster) !== JSON.stringify(one)) throw new Error('the verdict of check --nats differs from the local one');
      });
      verdict = one.valid === true ? 'linearizable' : one.valid === false ? `NOT linearizable (key ${String(one.key)}, explained: ${one.explanation === undefined ? 'no' : 'yes'})` : 'unknown';
    }
    console.log(
      `keyed history, ${fmt(historyOps)} ops over ${fmt(Math.round(historyOps / 1000))} keys: ${verdict}, the same on the cluster; ` +
        `reading, checking and explaining: one thread ${fmt(median(local) / 1000, 2)} s, check --nats on ${shards} workers ${fmt(median(cluster) / 1000, 2)} s`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
