/**
 * `npm run bench:explorer`: is the Explorer responsive while it explores a big model? Starts
 * `stateright explore paxos --clients 3` (about 1.2 M unique states) in a child process and, until
 * the background check is done, keeps one client browsing (random walks through `/.view` and
 * `/.states`, plus `/.status` and `/.progress`) and now and then a burst of 8 concurrent requests.
 * Reports every request's latency; the target is that each is answered within 200 ms. Runs 3 times
 * and prints the medians, with the load average, after a baseline against an idle server (the same
 * requests with nothing being explored), which shows what the machine's load alone costs.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

const TARGET_MS = 200;
const RUNS = Number(process.env.RUNS ?? 3);
const ARGS = ['dist/cli/main.js', 'explore', 'paxos', '--clients', '3', '--port', '0'];

interface RunResult {
  readonly latencies: number[];
  readonly exploreSeconds: number;
  readonly status: { state_count: number; unique_state_count: number; max_depth: number };
}

function get(port: number, path: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A small deterministic PRNG, so every run takes the same walks. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * One run. With `paused`, the same browsing against an idle server (nothing explored) for 60
 * rounds: the baseline that shows what the machine's load alone costs.
 */
async function oneRun(seed: number, paused = false): Promise<RunResult> {
  const child = spawn(process.execPath, paused ? [...ARGS, '--paused'] : ARGS, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`explore exited with ${code}`)));
  });
  const started = performance.now();
  const latencies: number[] = [];
  const random = prng(seed);
  let path = '0';
  let status = { done: false, state_count: 0, unique_state_count: 0, max_depth: 0 };
  try {
    for (let k = 0; paused ? k < 60 : !status.done; k++) {
      const view = await get(port, `/.view/${path}`);
      latencies.push(view.ms);
      const actions = (JSON.parse(view.body) as { actions: { actionIndex: number; ignored?: true }[] }).actions.filter((a) => !a.ignored);
      latencies.push((await get(port, `/.states/${path}`)).ms);
      path = actions.length === 0 || path.split('/').length > 20 ? '0' : `${path}/${actions[Math.floor(random() * actions.length)].actionIndex}`;
      const s = await get(port, '/.status');
      latencies.push(s.ms);
      status = JSON.parse(s.body) as typeof status;
      latencies.push((await get(port, '/.progress')).ms);
      if (k % 10 === 0) {
        const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => get(port, i % 2 === 0 ? '/.states/0' : '/.status')));
        for (const r of burst) latencies.push(r.ms);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
  }
  return { latencies, exploreSeconds: (performance.now() - started) / 1000, status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function main(): Promise<void> {
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  console.log(`stateright explore paxos --clients 3: request latency while the background check runs (target: every request within ${TARGET_MS} ms)`);
  const rows: { p50: number; p99: number; max: number; over: number; n: number; s: number }[] = [];
  const idle = await oneRun(0, true);
  console.log(
    `baseline, idle server (--paused): ${idle.latencies.length} requests; latency median ${median(idle.latencies).toFixed(1)} ms, ` +
      `p99 ${quantile(idle.latencies, 0.99).toFixed(1)} ms, max ${Math.max(...idle.latencies).toFixed(1)} ms, over ${TARGET_MS} ms: ${idle.latencies.filter((ms) => ms > TARGET_MS).length}`,
  );
  for (let run = 0; run < RUNS; run++) {
    const r = await oneRun(run + 1);
    const row = {
      p50: median(r.latencies),
      p99: quantile(r.latencies, 0.99),
      max: Math.max(...r.latencies),
      over: r.latencies.filter((ms) => ms > TARGET_MS).length,
      n: r.latencies.length,
      s: r.exploreSeconds,
    };
    rows.push(row);
    console.log(
      `run ${run + 1}: ${row.n} requests while exploring ${r.status.state_count.toLocaleString('en-US')} states / ${r.status.unique_state_count.toLocaleString('en-US')} unique / depth ${r.status.max_depth} in ${row.s.toFixed(1)} s; ` +
        `latency median ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, max ${row.max.toFixed(1)} ms, over ${TARGET_MS} ms: ${row.over}`,
    );
  }
  const pick = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f));
  console.log(
    `median of ${RUNS} runs: latency median ${pick((r) => r.p50).toFixed(1)} ms, p99 ${pick((r) => r.p99).toFixed(1)} ms, max ${pick((r) => r.max).toFixed(1)} ms, ` +
      `requests over ${TARGET_MS} ms ${pick((r) => r.over)} of ${pick((r) => r.n)}, exploration ${pick((r) => r.s).toFixed(1)} s`,
  );
  console.log(`load average before: ${loadBefore}; after: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
