import { spawn, spawnSync } from 'node:child_process';
/** Small helpers shared by the benchmark scripts. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `runs` times and returns each run's wall time in milliseconds. */
export function timeRuns(runs: number, fn: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return times;
}

/** A reproducible xorshift generator of numbers in [0, 1) (seed 0 counts as 1). */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** This script again, with the same Node flags, and `args`. */
function childCommand(args: readonly string[]): [string, string[]] {
  return [process.execPath, [...process.execArgv, process.argv[1], ...args]];
}

/** The JSON object of a child's last line of output; exits with 1 if the child failed. */
function childResult<T>(status: number | null, stdout: string, label: string): T {
  if (status !== 0) {
    console.error(`${label}: the benchmark process failed (exit ${status})`);
    process.exit(1);
  }
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

/**
 * Runs this script again in a fresh process (same Node flags) with `args`, and returns the JSON
 * object of the last line it prints; exits with 1 if the child fails.
 */
export function runChildJson<T>(args: readonly string[], label: string): T {
  const [command, argv] = childCommand(args);
  const child = spawnSync(command, argv, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 });
  return childResult<T>(child.status, child.stdout, label);
}

/**
 * {@link runChildJson} without waiting: several children run at once (to measure how much they
 * slow each other). Their progress lines on stderr are dropped.
 */
export function runChildJsonAsync<T>(args: readonly string[], label: string): Promise<T> {
  return new Promise((resolve) => {
    const [command, argv] = childCommand(args);
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('close', (code) => resolve(childResult<T>(code, out, label)));
  });
}

/** What a benchmark child process reports about one checker run. */
export interface CheckRun {
  readonly generated: number;
  readonly unique: number;
  readonly depth: number;
  readonly complete: boolean;
  readonly sec: number;
  readonly cpuSec: number;
  readonly peakMb: number;
}

/** Runs a checker run (after a GC when exposed) and measures its wall and CPU time and peak RSS. */
export async function measureCheck<R extends { generated: number; unique: number; maxDepth: number; complete: boolean }>(
  run: () => R | Promise<R>,
): Promise<{ result: R; measured: CheckRun }> {
  (globalThis as { gc?: () => void }).gc?.();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await run();
  const sec = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const measured: CheckRun = {
    generated: result.generated,
    unique: result.unique,
    depth: result.maxDepth,
    complete: result.complete,
    sec,
    cpuSec: (cpu.user + cpu.system) / 1e6,
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  return { result, measured };
}
