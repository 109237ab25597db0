/**
 * Checking on worker threads against one thread: the same verdict, failing op, key, every key's
 * verdict and explanation, on the keyed corpora, the --independent examples, and generated keyed
 * histories with bugs (several bad keys, so that which one is reported first is tested too).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistoryFile, parseHistory, verifyHistory } from '../../histories/index.js';
import type { CheckFileOptions, LoadOptions, Verdict } from '../../histories/index.js';
import { generateLongHistory, historyLines } from '../../bench/long-history.js';
import { DEFAULT_LONG_HISTORY } from '../../bench/long-history.js';
import { corpusRows, requireCorpus, rowOptions } from './corpus.js';

requireCorpus();

/** Workers even for tiny histories, so that the worker path is what is tested. */
const ON_WORKERS = { workers: 2, minOpsForWorkers: 0 } as const;

/** A verdict without its timing. */
const timeless = (verdict: Verdict): Omit<Verdict, 'ms'> => {
  const { ms: _ms, ...rest } = verdict;
  return rest;
};

function expectSameOnWorkers(check: (options: CheckFileOptions) => Verdict): Verdict {
  const one = check({ workers: 1 });
  const two = check(ON_WORKERS);
  expect(timeless(two)).toEqual(timeless(one));
  return one;
}

describe('worker threads report what one thread reports', () => {
  const keyedRows = corpusRows('porcupine').filter((row) => row.model === 'kv');
  it.each(keyedRows.map((row) => [row.file, row] as const))('Porcupine kv corpus: %s', (_name, row) => {
    // c50-bad's core shrinking reaches its time bound, so its explanation depends on the clock
    // (on one thread as on many); the verdict, failing op and key are still compared.
    const explain = !row.file.includes('c50-bad');
    const verdict = expectSameOnWorkers((options) => checkHistoryFile(row.path, { ...rowOptions(row), explain, ...options }));
    expect(verdict.valid).toBe(row.expected);
  });

  it.each(['register-keys-valid.jsonl', 'register-keys-invalid.edn'])('--independent example %s', (file) => {
    const path = new URL(`../../histories/examples/independent/${file}`, import.meta.url).pathname;
    const verdict = expectSameOnWorkers((options) => checkHistoryFile(path, { independent: true, model: 'register', ...options }));
    expect(verdict.valid).toBe(file.includes('-valid'));
    // The failing op is reported without its key in the value (the key is shown apart).
    if (verdict.valid === false) expect([verdict.op?.key, verdict.op?.value, verdict.previousOk?.value]).toEqual(['b', 2, 3]);
  });

  it('Knossos cas-register histories as keys of one --independent history', () => {
    // Every Knossos cas-register history (7 bad, the first 20 good) becomes one key.
    const rows = corpusRows('knossos').filter((row) => row.model.startsWith('cas-register 0'));
    const chosen = [...rows.filter((row) => !row.expected), ...rows.filter((row) => row.expected).slice(0, 20)];
    const lines: string[] = [];
    chosen.forEach((row, key) => {
      const history = parseHistory(row.path, readText(row.path), { model: 'cas-register', init: 0 });
      // Client processes (numbers) renamed per key, since Jepsen never reuses a process that crashed.
      const process = (p: number | string): number | string => (typeof p === 'number' ? key * 100_000 + p : p);
      for (const op of history.ops) lines.push(JSON.stringify({ type: op.type, f: op.f, process: process(op.process), value: [key, op.value] }));
    });
    const text = lines.join('\n');
    const verdict = expectSameOnWorkers((options) => verifyHistory(parseHistory('knossos.jsonl', text, { model: 'cas-register', init: 0, independent: true }), options));
    expect(verdict.keys?.filter((k) => k.valid === false).length).toBe(7);
  });

  it('generated keyed histories with a stale read, --independent and as a kv store', () => {
    const history = generateLongHistory({ ...DEFAULT_LONG_HISTORY, ops: 4_000, keys: 25, staleRead: true, seed: 3 });
    const lines = [...historyLines(history, 'jsonl', true)];
    const independent = expectSameOnWorkers((options) => verifyHistory(parseHistory('keyed.jsonl', lines.join('\n'), { init: 0, independent: true, model: 'register' }), options));
    expect(independent.valid).toBe(false);
    expect(independent.op?.index).toBe(history.ops[history.stale!.op].completedAt);
    const kv = expectSameOnWorkers((options) => verifyHistory(parseHistory('kv.jsonl', asKvStore(lines), { model: 'kv', init: kvInit(25) }), options));
    expect(kv.valid).toBe(false);
  });

  it('reports the invalid key one thread finishes first, not the first key', () => {
    // Key k0 (the first partition) is long, with a stale read in its middle: refuting it takes
    // more than the first round's allowance. Key k1, after it, is short and refuted in round 0,
    // so one thread reports k1; workers must too, whichever of them finishes first.
    const long = generateLongHistory({ ...DEFAULT_LONG_HISTORY, ops: 6_000, keys: 1, staleRead: true, seed: 5 });
    const short = generateLongHistory({ ...DEFAULT_LONG_HISTORY, ops: 60, keys: 1, staleRead: true, seed: 6 });
    const renamed = (line: string, key: number): string => {
      const { index: _index, ...op } = JSON.parse(line) as { process: number; value: [number, unknown]; index: number };
      return JSON.stringify({ ...op, process: op.process + 1_000_000 * key, value: [key, op.value[1]] });
    };
    const lines = [...[...historyLines(long, 'jsonl', true)].map((l) => renamed(l, 0)), ...[...historyLines(short, 'jsonl', true)].map((l) => renamed(l, 1))];
    const kv = expectSameOnWorkers((options) => verifyHistory(parseHistory('kv.jsonl', asKvStore(lines), { model: 'kv', init: kvInit(2) }), { ...options, explain: false }));
    expect(kv.key).toBe('k1');
  });

  it('random keyed histories with several wrong reads (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 })), { maxLength: 6 }),
        fc.boolean(),
        (seed, keys, wrongReads, asKv) => {
          const history = generateLongHistory({ ...DEFAULT_LONG_HISTORY, ops: 300, keys, seed, crashed: 0.05 });
          const reads = history.ops.filter((op) => op.input.f === 'read' && !op.crashed);
          for (const [which, value] of wrongReads) if (reads.length > 0) reads[which % reads.length].output = value;
          const lines = [...historyLines(history, 'jsonl', true)];
          const load: LoadOptions = asKv ? { model: 'kv', init: kvInit(keys) } : { model: 'register', init: 0, independent: true };
          const text = asKv ? asKvStore(lines) : lines.join('\n');
          expectSameOnWorkers((options) => verifyHistory(parseHistory('random.jsonl', text, load), { ...options, explain: false }));
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** Every key of {@link asKvStore}'s store starts at 0, as the registers do. */
const kvInit = (keys: number): { [key: string]: string } => Object.fromEntries(Array.from({ length: keys }, (_, k) => [`k${k}`, '0']));

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Keyed register JSON Lines as kv-store lines (`put`/`get` on a string key); see {@link kvInit}. */
function asKvStore(lines: readonly string[]): string {
  return lines
    .map((line) => {
      const op = JSON.parse(line) as { type: string; f: string; value: [number, number | null]; process: number };
      const [key, value] = op.value;
      return JSON.stringify({ type: op.type, process: op.process, f: op.f === 'write' ? 'put' : 'get', key: `k${key}`, value: value === null ? null : String(value) });
    })
    .join('\n');
}
