/**
 * `npm run bench:causal`: causal consistency (CC) of a generated 100,000-operation differentiated
 * key-value history (8 sessions, 100 keys); target ≤ 5 s and ≤ 1 GB. Also a corrupted copy (one
 * late read returns a causally overwritten value) and the other causal levels, for scale.
 *
 * The generator: one global log of writes; each session sees a prefix of it that grows at random
 * moments, plus its own writes, and a read returns the latest visible write of its key (or the
 * initial value). Every visible set is causally closed and log order extends causal order, so the
 * history is causally consistent (even convergent): the check has to do its whole job. It is not
 * a causal memory: a session's own write is visible to it before the writes logged ahead of it,
 * yet ordered after them (so the CM row answers false, CyclicHB, on the same history).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheckAndRender } from '../cli/check-command.js';
import { checkCausal } from '../consistency/causal/index.js';
import type { CausalLevel, CausalOperation } from '../consistency/causal/index.js';
import { median, peakRssMb, timeRuns } from './stats.js';

const OPS = 100_000;
const SESSIONS = 8;
const KEYS = 100;
const RUNS = 3;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateCausalHistory(ops: number, seed: number): CausalOperation[] {
  const next = random(seed);
  const log: { key: string; value: string; session: number }[] = [];
  const seen = new Array<number>(SESSIONS).fill(0);
  const own: Map<string, { value: string; at: number }>[] = Array.from({ length: SESSIONS }, () => new Map());
  // Per key, the log positions of its writes, to find the latest visible one.
  const writesOf = new Map<string, number[]>();
  const history: CausalOperation[] = [];
  for (let id = 0; id < ops; id++) {
    const session = Math.floor(next() * SESSIONS);
    if (next() < 0.3) seen[session] = Math.max(seen[session], Math.floor(log.length - next() * 50));
    const key = `k${Math.floor(next() * KEYS)}`;
    if (next() < 0.4) {
      const value = `v${id}`;
      const at = log.length;
      log.push({ key, value, session });
      own[session].set(key, { value, at });
      const list = writesOf.get(key);
      if (list === undefined) writesOf.set(key, [at]);
      else list.push(at);
      history.push({ id, session, kind: 'write', key, value, status: 'ok' });
    } else {
      // The latest write of the key in the session's prefix, or its own later write.
      const list = writesOf.get(key) ?? [];
      let best = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] < seen[session]) {
          best = list[i];
          break;
        }
      }
      const mine = own[session].get(key);
      if (mine !== undefined && mine.at > best) best = mine.at;
      history.push({ id, session, kind: 'read', key, value: best < 0 ? '' : log[best].value, status: 'ok' });
    }
  }
  return history;
}

/** A copy in which one read near the end returns a value its session had seen overwritten. */
function corrupt(history: readonly CausalOperation[]): CausalOperation[] {
  const copy = [...history];
  for (let i = copy.length - 1; i > copy.length / 2; i--) {
    const op = copy[i];
    if (op.kind !== 'read' || op.value === '') continue;
    // The first value written to this key by this op's session, if it was overwritten since.
    const firstOwn = copy.find((w) => w.kind === 'write' && w.key === op.key && w.session === op.session);
    if (firstOwn !== undefined && firstOwn.value !== op.value) {
      copy[i] = { ...op, value: firstOwn.value };
      return copy;
    }
  }
  throw new Error('no read to corrupt');
}

if (process.argv[1]?.endsWith('causal.js')) main();


function main(): void {
const history = generateCausalHistory(OPS, 15);
const bad = corrupt(history);
console.log(`causal: generated differentiated kv history, ${OPS.toLocaleString('en-US')} ops, ${SESSIONS} sessions, ${KEYS} keys; median of ${RUNS} runs`);
const rows: [string, readonly CausalOperation[], CausalLevel][] = [
  ['CC', history, 'causal'],
  ['CC corrupted', bad, 'causal'],
  ['CCv', history, 'causal-convergence'],
  ['CM (not CM)', history, 'causal-memory'],
  ['read-your-writes', history, 'read-your-writes'],
  ['monotonic-reads', history, 'monotonic-reads'],
];
for (const [name, ops, level] of rows) {
  let verdict = '';
  const times = timeRuns(RUNS, () => {
    const result = checkCausal(ops, level, () => '');
    verdict = result.valid === false ? `false (${result.violation.pattern})` : String(result.valid);
  });
  console.log(`  ${name.padEnd(18)} ${median(times).toFixed(0).padStart(7)} ms  valid=${verdict}  peak RSS ${peakRssMb().toFixed(0)} MB`);
}
void endToEnd(history);
}

/** The same CC check from a JSON Lines file through `stateright check` (reading and pairing included). */
async function endToEnd(history: readonly CausalOperation[]): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-causal-')), 'history.jsonl');
  const lines: string[] = [];
  for (const op of history) {
    const f = op.kind === 'read' ? 'get' : 'put';
    lines.push(JSON.stringify({ type: 'invoke', f, key: op.key, value: op.kind === 'read' ? null : op.value, process: op.session }));
    lines.push(JSON.stringify({ type: 'ok', f, key: op.key, value: op.value, process: op.session }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const times: number[] = [];
  let out = '';
  for (let run = 0; run < RUNS; run++) {
    out = '';
    const started = performance.now();
    await runCheckAndRender(
      { files: [file], consistency: 'causal', format: 'auto', independent: false, json: false, expectFromNames: false },
      { stdout: { isTTY: false, write: (t: string) => (out += t) }, stderr: { isTTY: false, write: () => true } },
    );
    times.push(performance.now() - started);
  }
  console.log(`  ${'CC, stateright check on the JSONL file'.padEnd(18)} ${median(times).toFixed(0).padStart(7)} ms  ${out.includes('NOT') ? 'invalid' : 'valid'}  peak RSS ${peakRssMb().toFixed(0)} MB`);
}
