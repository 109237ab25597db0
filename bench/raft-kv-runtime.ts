/**
 * The Raft key-value store on loopback for `npm run bench:runtime`: 5 servers and the store's own
 * clients (stores/raft-kv-store.ts) in this process, no faults, storage in memory. Reports ok
 * operations per second and the latency of ok operations (invocation to completion, measured in
 * the recording callback with performance.now()), p50 and p99, and checks each history per key.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHistoryFile } from '../histories/index.js';
import { Runtime, systemServerActor } from '../src/runtime/index.js';
import { runSystemClients } from '../src/runtime/client-load.js';
import type { AnySystem } from '../src/system/system.js';
import { raftKvStore } from '../stores/index.js';

export interface RaftKvRun {
  readonly okPerSecond: number;
  readonly ok: number;
  readonly fail: number;
  readonly info: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly valid: boolean | 'unknown';
}

const percentile = (sorted: readonly number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);

export async function raftKvRun(options: { readonly clients: number; readonly keys: number; readonly durationS: number; readonly seed: number }): Promise<RaftKvRun> {
  const system = raftKvStore as unknown as AnySystem;
  const servers = 5;
  const { actor, codec } = systemServerActor(system, { servers });
  const addresses = Array.from({ length: servers }, () => ({ host: '127.0.0.1', port: 0 }));
  const runtime = new Runtime(addresses.map((_, id) => ({ id, actor })), { addressBook: addresses, codec });
  await runtime.startAll();
  // Let the servers elect a leader before the clock starts (election timeouts are 150–300 ms).
  await new Promise((resolve) => setTimeout(resolve, 600));
  const lines: string[] = [];
  const invoked = new Map<number, number>();
  const latencies: number[] = [];
  let summary;
  try {
    summary = await runSystemClients(system, {
      servers: runtime.book.addresses,
      clients: options.clients,
      durationMs: options.durationS * 1000,
      keys: options.keys,
      seed: options.seed,
      timeoutMs: 1000,
      record: (line) => {
        lines.push(line);
        const op = JSON.parse(line) as { type?: string; process?: number };
        if (op.process === undefined) return;
        if (op.type === 'invoke') invoked.set(op.process, performance.now());
        else if (op.type === 'ok') latencies.push(performance.now() - invoked.get(op.process)!);
      },
    });
  } finally {
    await runtime.stop();
  }
  const file = join(mkdtempSync(join(tmpdir(), 'bench-raft-kv-')), 'run.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const verdict = checkHistoryFile(file, { timeoutMs: 120_000 });
  latencies.sort((a, b) => a - b);
  return {
    okPerSecond: summary.ok / summary.seconds,
    ok: summary.ok,
    fail: summary.fail,
    info: summary.info,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    valid: verdict.valid,
  };
}
