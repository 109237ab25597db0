/**
 * Agreement with the Knossos and Porcupine corpora (../shared/corpora): every EXPECTED.tsv row,
 * the failing ops Knossos's tests pin (§3), the elle-cli JSON renderings (§6) and the timeout
 * fixtures, all through checkHistoryFile, the path `stateright check` takes.
 */
import { describe, expect, it } from 'vitest';
import { checkHistoryFile, loadHistoryFile } from '../../histories/index.js';
import type { Verdict } from '../../histories/index.js';
import type { Value } from '../../consistency/index.js';
import { CORPUS_ROOT, corpusRows, requireCorpus, rowOptions } from './corpus.js';

requireCorpus();
const GENEROUS_MS = 120_000;

describe.each(['porcupine', 'knossos'] as const)('%s/EXPECTED.tsv', (set) => {
  const rows = corpusRows(set);
  it('has the documented number of rows', () => {
    expect(rows.length).toBe(set === 'porcupine' ? 112 : 122);
  });
  it.each(rows.map((row) => [`${row.file} (${row.model})`, row] as const))('%s', (_name, row) => {
    const verdict = checkHistoryFile(row.path, { ...rowOptions(row), timeoutMs: GENEROUS_MS });
    expect(verdict.valid).toBe(row.expected);
  });
});

describe('cas-register rows with initial value nil (§1.3: same verdicts)', () => {
  const rows = corpusRows('knossos').filter((row) => row.model.startsWith('cas-register'));
  it.each(rows.map((row) => [row.file, row] as const))('%s', (_name, row) => {
    expect(checkHistoryFile(row.path, { model: 'cas-register', init: null, timeoutMs: GENEROUS_MS }).valid).toBe(row.expected);
  });
});

const knossos = (file: string): string => `${CORPUS_ROOT}knossos/${file}`;

interface Pinned {
  readonly file: string;
  readonly op: { index: number; process: number; f: string; value: unknown };
  readonly previousOk: number | null;
  readonly inits: readonly Value[];
  readonly model?: 'mutex';
}

// §3: asserted by Knossos's tests (the first five), or derived from §2.8 (the rest).
const PINNED: readonly Pinned[] = [
  { file: 'cas-register/bad/bad-analysis.edn', op: { index: 14, process: 21, f: 'read', value: 2 }, previousOk: 11, inits: [0, null] },
  { file: 'cas-register/bad/cas-failure.edn', op: { index: 491, process: 70, f: 'read', value: 0 }, previousOk: 478, inits: [0, null] },
  { file: 'cas-register/bad/immediate-failure.edn', op: { index: 3, process: 1, f: 'read', value: 3 }, previousOk: null, inits: [0, null] },
  { file: 'cas-register/bad/rethink-fail-minimal.edn', op: { index: 4, process: 1, f: 'read', value: 3 }, previousOk: 1, inits: [null, 0] },
  { file: 'cas-register/bad/rethink-fail-smaller.edn', op: { index: 217, process: 12, f: 'read', value: 3 }, previousOk: 183, inits: [null, 0] },
  { file: 'cas-register/bad/rethink-fail.edn', op: { index: 217, process: 12, f: 'read', value: 3 }, previousOk: 183, inits: [null, 0] },
  { file: 'cas-register/bad/mongodb-v0-ack-rollback-6.edn', op: { index: 811, process: 0, f: 'read', value: 4 }, previousOk: 531, inits: [0, null] },
  { file: 'mutex/bad/etcd.edn', op: { index: 1119, process: 0, f: 'acquire', value: null }, previousOk: 1110, inits: [false], model: 'mutex' },
  { file: 'json-from-elle-cli/etcd-mutex.json', op: { index: 1119, process: 0, f: 'acquire', value: null }, previousOk: 1110, inits: [false], model: 'mutex' },
];

describe('pinned failing ops (§3)', () => {
  for (const pinned of PINNED) {
    for (const init of pinned.inits) {
      it(`${pinned.file} with initial value ${JSON.stringify(init)}`, () => {
        const verdict: Verdict = checkHistoryFile(knossos(pinned.file), { model: pinned.model ?? 'cas-register', init });
        expect(verdict.valid).toBe(false);
        expect(verdict.op).toMatchObject({ ...pinned.op, type: 'ok' });
        expect(verdict.previousOk?.index ?? null).toBe(pinned.previousOk);
        if (verdict.previousOk) expect(verdict.previousOk.type).toBe('ok');
      });
    }
  }

  it('rethink-fail-smaller reports the op with its extra keys (:time)', () => {
    const verdict = checkHistoryFile(knossos('cas-register/bad/rethink-fail-smaller.edn'), { model: 'cas-register', init: null });
    expect(verdict.op?.fields['time']).toBe(106334571856);
  });

  it('cas-failure: previous ok is process 74 reading 0', () => {
    const verdict = checkHistoryFile(knossos('cas-register/bad/cas-failure.edn'), { model: 'cas-register', init: 0 });
    expect(verdict.previousOk).toMatchObject({ index: 478, process: 74, f: 'read', value: 0 });
  });
});

describe('elle-cli JSON renderings (§6)', () => {
  const pairs = [
    ['json-from-elle-cli/memstress3-9.json', 'cas-register/good/memstress3-9.edn', 'cas-register', true],
    ['json-from-elle-cli/etcd-mutex.json', 'mutex/bad/etcd.edn', 'mutex', false],
  ] as const;
  it.each(pairs)('%s reads as the same history as %s', (json, edn, model, expected) => {
    const fromJson = loadHistoryFile(knossos(json), { model });
    const fromEdn = loadHistoryFile(knossos(edn), { model });
    const normalised = (ops: typeof fromJson.ops) => ops.map(({ index, type, f, value, process, fields }) => ({ index, type, f, value, process, fields }));
    expect(fromJson.format).toBe('json');
    expect(fromEdn.format).toBe('edn');
    expect(normalised(fromJson.ops)).toEqual(normalised(fromEdn.ops));
    expect(fromJson.operations).toEqual(fromEdn.operations);
    for (const init of model === 'cas-register' ? [0, null] : [false]) {
      expect(checkHistoryFile(knossos(json), { model, init }).valid).toBe(expected);
      expect(checkHistoryFile(knossos(edn), { model, init }).valid).toBe(expected);
    }
  });
});

describe('timeout fixtures (§3: memstress3-12, -14, -55)', () => {
  for (const n of [12, 14, 55]) {
    const path = knossos(`cas-register/good/memstress3-${n}.edn`);
    it(`memstress3-${n}: a 1 ms limit gives unknown (timeout), or valid if the whole check beat it; never invalid`, () => {
      const verdict = checkHistoryFile(path, { model: 'cas-register', init: 0, timeoutMs: 1 });
      expect([true, 'unknown']).toContain(verdict.valid);
      if (verdict.valid === 'unknown') expect(verdict.reason).toBe('timeout');
    });
    it(`memstress3-${n}: a limit spent before the search starts gives unknown (timeout)`, () => {
      const verdict = checkHistoryFile(path, { model: 'cas-register', init: 0, timeoutMs: 1e-9 });
      expect(verdict).toMatchObject({ valid: 'unknown', reason: 'timeout' });
    });
    it(`memstress3-${n}: valid without a limit`, () => {
      expect(checkHistoryFile(path, { model: 'cas-register', init: 0 }).valid).toBe(true);
    });
  }
});
