/**
 * Test-runner setup (vitest `setupFiles`): ends a test file whose event loop has stopped turning.
 *
 * Why: vitest's timeouts are timers on the test file's own event loop. A test blocked in a
 * synchronous wait (a check that waits with `Atomics.wait` for worker threads, or for cluster
 * workers that never answer) never lets them fire, and the whole run then waits forever, with
 * nothing printed to say where. A watchdog thread sees the loop stop turning; past
 * `STALL_LIMIT_MS` it writes which test was running, kills the processes the file started
 * (servers, workers) and then the file's own process, which vitest reports as a failed file
 * before it goes on with the next one.
 *
 * The limit is far above any test's time budget (120 s), so only a test that is stuck is ended;
 * `STATERIGHT_TEST_STALL_MS` lowers it for the watchdog's own test.
 */
import { Worker } from 'node:worker_threads';
import { beforeEach } from 'vitest';

const STALL_LIMIT_MS = Number(process.env['STATERIGHT_TEST_STALL_MS'] ?? 300_000);

/** The watchdog's code: plain CommonJS, so that it starts without the TypeScript loader. */
const WATCHDOG = `
const { workerData, parentPort } = require('node:worker_threads');
const { readdirSync, readFileSync, writeSync } = require('node:fs');
const turns = new Int32Array(workerData.turns);
let test = '(no test started yet)';
let seen = Atomics.load(turns, 0);
let since = Date.now();
parentPort.on('message', (name) => (test = name));
/** The processes below pid, deepest first (Linux: /proc/<pid>/stat's fourth field is the parent). */
function descendants(pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync('/proc/' + entry + '/stat', 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  const out = [];
  const visit = (p) => { for (const [child, parent] of parents) if (parent === p) { visit(child); out.push(child); } };
  visit(pid);
  return out;
}
setInterval(() => {
  const now = Atomics.load(turns, 0);
  if (now !== seen) { seen = now; since = Date.now(); return; }
  const stalled = Date.now() - since;
  if (stalled < workerData.limit) return;
  writeSync(2, '\\nhang watchdog: the test file\\'s event loop has not turned for ' + Math.round(stalled / 1000) + ' s, in the test "' + test + '"; its child processes and the file are killed\\n');
  let children = [];
  try { children = descendants(workerData.pid); } catch {}
  for (const child of children) { try { process.kill(child, 'SIGKILL'); } catch {} }
  process.kill(workerData.pid, 'SIGKILL');
}, Math.min(5000, workerData.limit / 4));
`;

const key = Symbol.for('stateright-ts.hang-watchdog');
type WithWatchdog = typeof globalThis & { [key]?: Worker };

// One watchdog per process, however many test files the process runs.
const global = globalThis as WithWatchdog;
if (global[key] === undefined) {
  const turns = new Int32Array(new SharedArrayBuffer(4));
  setInterval(() => Atomics.add(turns, 0, 1), 1000).unref();
  const watchdog = new Worker(WATCHDOG, { eval: true, workerData: { turns: turns.buffer, limit: STALL_LIMIT_MS, pid: process.pid } });
  watchdog.unref();
  global[key] = watchdog;
}
const watchdog = global[key];

beforeEach((context) => {
  watchdog.postMessage(`${context.task.file.name} > ${context.task.name}`);
});
