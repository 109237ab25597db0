/**
 * The runtime on localhost: throughput of real UDP servers under `load` with 8 clients, and the
 * time `check` needs for the recorded history.
 *
 * - single-copy-register, 1 server, half writes;
 * - paxos, 3 servers with --reliable-peers, half writes but at most 4 (after the single decision
 *   every Put times out as info, and each indeterminate write of a distinct value doubles the
 *   checker's search, at every later point of the history: with 8 clients and no limit a
 *   3-second run has dozens, and even 8 can exhaust a 2-minute check of a 20,000-op history).
 *
 *   npm run bench:runtime                       # all, 3 runs each, medians
 *   npm run bench:runtime -- --raft-only         # only the Raft key-value store
 *   npm run bench:runtime -- --runs 5 --duration 5
 *   npm run bench:runtime -- --max-ignored 0     # ignored messages dropped at once instead of kept (default 64)
 *   npm run bench:runtime -- --decode-only       # only the message decoding figure
 *
 * Then the Raft key-value store (bench/raft-kv-runtime.ts): 5 servers, no faults, 32 clients
 * on 8 keys, half writes; ok operations per second and p50/p99 latency of ok operations.
 *
 * It first times decoding a million register messages with their schema codec against a decoder
 * written out by hand (bench/codec-decode.ts).
 *
 * Servers and clients share this process (and its one thread), as `serve` and `load` would share
 * the machine's cores; the figures are end-to-end operations per second, not a server's ceiling.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHistoryFile } from '../histories/index.js';
import { Runtime, systemServerActor, runLoad, type WorkloadSummary } from '../src/runtime/index.js';
import { REGISTER_SYSTEMS } from '../register-models/index.js';
import type { AnySystem } from '../src/system/system.js';
import { median } from './stats.js';
import { decodeBench } from './codec-decode.js';
import { raftKvRun, type RaftKvRun } from './raft-kv-runtime.js';

interface Bench {
  readonly name: string;
  readonly protocol: string;
  readonly servers: number;
  readonly reliablePeers: boolean;
  readonly putRatio: number;
  readonly maxWrites?: number;
}

const BENCHES: readonly Bench[] = [
  { name: 'single-copy-register', protocol: 'single-copy-register', servers: 1, reliablePeers: false, putRatio: 0.5 },
  { name: 'paxos (3 servers, reliable peers)', protocol: 'paxos', servers: 3, reliablePeers: true, putRatio: 0.5, maxWrites: 4 },
  // A coordinating ABD server ignores requests while its own operation runs: what the runtime does
  // with ignored messages (--max-ignored) shows in the count of info operations.
  { name: 'abd (3 servers, reliable peers)', protocol: 'abd', servers: 3, reliablePeers: true, putRatio: 0.5, maxWrites: 4 },
];

const option = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = option('runs', 3);
const durationS = option('duration', 3);
const clients = option('clients', 8);
const maxIgnored = process.argv.includes('--max-ignored') ? option('max-ignored', 64) : undefined;

interface RunResult {
  readonly summary: WorkloadSummary;
  readonly opsPerSecond: number;
  readonly checkMs: number;
  readonly valid: boolean | 'unknown';
}

async function runOnce(b: Bench, seed: number): Promise<RunResult> {
  const protocol = (REGISTER_SYSTEMS as unknown as readonly AnySystem[]).find((s) => s.name === b.protocol)!;
  const { actor, codec } = systemServerActor(protocol, { servers: b.servers }, { reliablePeers: b.reliablePeers });
  const addresses = Array.from({ length: b.servers }, () => ({ host: '127.0.0.1', port: 0 }));
  const runtime = new Runtime(
    addresses.map((_, id) => ({ id, actor })),
    { addressBook: addresses, codec, maxIgnored },
  );
  await runtime.startAll();
  const lines: string[] = [];
  let summary: WorkloadSummary;
  try {
    summary = await runLoad({ servers: runtime.book.addresses, clients, durationMs: durationS * 1000, timeoutMs: 200, putRatio: b.putRatio, maxWrites: b.maxWrites, seed, record: (l) => lines.push(l) });
  } finally {
    await runtime.stop();
  }
  const file = join(mkdtempSync(join(tmpdir(), 'bench-runtime-')), 'run.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const started = performance.now();
  const verdict = checkHistoryFile(file, { model: 'register', timeoutMs: 120_000 });
  const checkMs = performance.now() - started;
  const total = summary.ok + summary.fail + summary.info;
  return { summary, opsPerSecond: total / summary.seconds, checkMs, valid: verdict.valid };
}

async function main(): Promise<void> {
  console.log(`bench:runtime — ${clients} clients, ${durationS} s per run, ${runs} runs${maxIgnored === undefined ? '' : `, --max-ignored ${maxIgnored}`}; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const decoding = decodeBench(Math.max(runs, 5));
  console.log(
    `decoding 1,000,000 register messages: schema codec ${decoding.schemaMs.toFixed(0)} ms, hand-written decoder ${decoding.handMs.toFixed(0)} ms ` +
      `(${(decoding.schemaMs / decoding.handMs).toFixed(2)}×; medians of ${Math.max(runs, 5)} interleaved runs)`,
  );
  if (process.argv.includes('--decode-only')) return;
  for (const b of process.argv.includes('--raft-only') ? [] : BENCHES) {
    const results: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runOnce(b, i);
      results.push(r);
      const s = r.summary;
      console.log(
        `  ${b.name} run ${i + 1}: ${Math.round(r.opsPerSecond)} ops/s (ok ${s.ok}, fail ${s.fail}, info ${s.info}); ` +
          `check ${(r.checkMs / 1000).toFixed(2)} s for ${s.ok + s.fail + s.info} ops: ${r.valid === true ? 'linearizable' : r.valid === false ? 'NOT linearizable' : 'unknown'}`,
      );
    }
    console.log(
      `${b.name}: median ${Math.round(median(results.map((r) => r.opsPerSecond)))} ops/s, ` +
        `median check ${(median(results.map((r) => r.checkMs)) / 1000).toFixed(2)} s ` +
        `(median ${Math.round(median(results.map((r) => r.summary.ok + r.summary.fail + r.summary.info)))} ops per history, ` +
        `median ${median(results.map((r) => r.summary.info))} info)`,
    );
  }
  const raftClients = option('raft-clients', 32);
  const raft: RaftKvRun[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await raftKvRun({ clients: raftClients, keys: 8, durationS, seed: i });
    raft.push(r);
    console.log(
      `  raft-kv (5 servers) run ${i + 1}: ${Math.round(r.okPerSecond)} ok ops/s (ok ${r.ok}, fail ${r.fail}, info ${r.info}); ` +
        `latency p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms; ${r.valid === true ? 'linearizable' : r.valid === false ? 'NOT linearizable' : 'unknown'}`,
    );
  }
  console.log(
    `raft-kv (5 servers, ${raftClients} clients, 8 keys, no faults): median ${Math.round(median(raft.map((r) => r.okPerSecond)))} ok ops/s, ` +
      `median p50 ${median(raft.map((r) => r.p50Ms)).toFixed(2)} ms, median p99 ${median(raft.map((r) => r.p99Ms)).toFixed(2)} ms; ` +
      `load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  );
}

await main();
