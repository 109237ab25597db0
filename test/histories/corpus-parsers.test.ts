/**
 * The parsers against the corpus README's counts (§1.4, §1.5, §4.3, Appendix B, P5), separately
 * from the search.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadHistoryFile } from '../../histories/index.js';
import type { LoadedHistory } from '../../histories/index.js';
import type { Value } from '../../consistency/index.js';
import { CORPUS_ROOT, requireCorpus, typeCounts } from './corpus.js';

requireCorpus();
const knossos = (file: string, model = 'cas-register'): LoadedHistory =>
  loadHistoryFile(`${CORPUS_ROOT}knossos/${file}`, { model: model as 'cas-register' });

describe('Porcupine etcd logs (§1.4, §4.3)', () => {
  const dir = `${CORPUS_ROOT}porcupine/jepsen/`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.log')).sort();
  const nonEmpty = files.filter((f) => readFileSync(dir + f, 'utf8').length > 0);
  const histories = nonEmpty.map((f) => loadHistoryFile(dir + f));

  it('has 103 files, 102 non-empty, read as porcupine-etcd with the cas-register model', () => {
    expect(files.length).toBe(103);
    expect(nonEmpty.length).toBe(102);
    for (const h of histories) expect([h.format, h.modelName, h.reading]).toEqual(['porcupine-etcd', 'cas-register', 'porcupine-etcd']);
  });

  it('holds 17,046 operation lines: 8,523 invocations, 5,475 ok, 1,765 fail, 1,283 info', () => {
    const total = { maps: 0, invoke: 0, ok: 0, fail: 0, info: 0 };
    for (const h of histories) for (const [k, v] of Object.entries(typeCounts(h.ops))) total[k as keyof typeof total] += v;
    expect(total).toEqual({ maps: 17_046, invoke: 8_523, ok: 5_475, fail: 1_765, info: 1_283 });
  });

  it('has the 11 line forms of §4.3 with their counts', () => {
    const shape = (v: Value): string => (v === null ? 'nil' : typeof v === 'number' ? 'v' : Array.isArray(v) ? '[a b]' : `:${String(v)}`);
    const forms = new Map<string, number>();
    for (const h of histories) for (const op of h.ops) {
      const key = `:${op.type} :${op.f} ${shape(op.value)}`;
      forms.set(key, (forms.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(forms)).toEqual({
      ':invoke :read nil': 2939,
      ':invoke :write v': 2748,
      ':invoke :cas [a b]': 2836,
      ':ok :read v': 2719,
      ':ok :read nil': 203,
      ':ok :write v': 2122,
      ':ok :cas [a b]': 431,
      ':fail :cas [a b]': 1748,
      ':fail :read :timed-out': 17,
      ':info :write :timed-out': 626,
      ':info :cas :timed-out': 657,
    });
  });

  it('pairs every invocation: the 1,283 :info ops stay open to the end (indeterminate), 73–90 operations per file', () => {
    let indeterminate = 0;
    for (const h of histories) {
      expect(h.operations.length).toBeGreaterThanOrEqual(73);
      expect(h.operations.length).toBeLessThanOrEqual(90);
      indeterminate += h.operations.filter((op) => op.status === 'info').length;
      const processes = new Set(h.ops.map((op) => op.process));
      expect(processes.size).toBeGreaterThanOrEqual(11);
      expect(processes.size).toBeLessThanOrEqual(23);
    }
    expect(indeterminate).toBe(1_283);
  });
});

describe('Porcupine kv histories (§1.4, §5)', () => {
  const table = [
    ['c01-ok.txt', 116, 58, 1, 10, 6],
    ['c01-bad.txt', 76, 38, 1, 8, 7],
    ['c10-ok.txt', 674, 337, 10, 10, 3],
    ['c10-bad.txt', 810, 405, 10, 10, 14],
    ['c50-ok.txt', 3424, 1712, 50, 10, 5],
    ['c50-bad.txt', 4048, 2024, 50, 10, 50],
  ] as const;
  it.each(table)('%s: %i lines, %i operations, %i processes, %i keys, %i gets of ""', (file, lines, operations, processes, keys, emptyGets) => {
    const h = loadHistoryFile(`${CORPUS_ROOT}porcupine/kv/${file}`);
    expect(h.format).toBe('porcupine-kv');
    expect(h.modelName).toBe('kv');
    expect(h.ops.length).toBe(lines);
    expect(h.operations.length).toBe(operations);
    expect(new Set(h.ops.map((op) => op.process)).size).toBe(processes);
    expect(new Set(h.ops.map((op) => op.fields['key'])).size).toBe(keys);
    expect(h.operations.filter((op) => (op.input as { f: string }).f === 'get' && op.output === '').length).toBe(emptyGets);
  });
});

describe('Knossos EDN histories (§1.5)', () => {
  const single = [
    ['cas-register/bad/bad-analysis.edn', 16, 9, 7, 0, 0],
    ['cas-register/bad/cas-failure.edn', 590, 291, 205, 85, 9],
    ['cas-register/bad/immediate-failure.edn', 4, 2, 1, 1, 0],
    ['cas-register/bad/mongodb-v0-ack-rollback-6.edn', 1492, 746, 61, 679, 6],
    ['cas-register/bad/rethink-fail-minimal.edn', 8, 4, 4, 0, 0],
    ['cas-register/bad/rethink-fail.edn', 500, 250, 125, 121, 4],
    ['cas-register/bad/rethink-fail-smaller.edn', 500, 250, 125, 121, 4],
    ['cas-register/good/cas-register-bug.edn', 11, 6, 5, 0, 0],
    ['multi-register/good/multi-register.edn', 250, 123, 119, 2, 6],
    ['mutex/bad/etcd.edn', 1135, 563, 261, 299, 12],
  ] as const;
  it.each(single)('%s: %i maps, %i/%i/%i/%i invoke/ok/fail/info', (file, maps, invoke, ok, fail, info) => {
    const model = file.startsWith('multi') ? 'multi-register' : file.startsWith('mutex') ? 'mutex' : 'cas-register';
    expect(typeCounts(knossos(file, model).ops)).toEqual({ maps, invoke, ok, fail, info });
  });

  it('rethink-fail-smaller has the same ops as rethink-fail (only comments added)', () => {
    expect(knossos('cas-register/bad/rethink-fail-smaller.edn').ops.map((op) => op.fields)).toEqual(knossos('cas-register/bad/rethink-fail.edn').ops.map((op) => op.fields));
  });

  it('mutex/bad/etcd.edn uses its own :index values, 0…1134', () => {
    const ops = knossos('mutex/bad/etcd.edn', 'mutex').ops;
    expect(ops.map((op) => op.index)).toEqual(ops.map((_, i) => i));
  });

  it('the 12 mongodb good files and the 100 memstress files have the documented totals', () => {
    const dir = `${CORPUS_ROOT}knossos/cas-register/good/`;
    const sum = (prefix: string) => {
      const total = { maps: 0, invoke: 0, ok: 0, fail: 0, info: 0 };
      const files = readdirSync(dir).filter((f) => f.startsWith(prefix));
      for (const f of files) for (const [k, v] of Object.entries(typeCounts(knossos(`cas-register/good/${f}`).ops))) total[k as keyof typeof total] += v;
      return { files: files.length, ...total };
    };
    expect(sum('mongodb-v0-ack-rollback-')).toEqual({ files: 12, maps: 11_546, invoke: 5_759, ok: 229, fail: 5_466, info: 92 });
    expect(sum('memstress3-')).toEqual({ files: 100, maps: 32_448, invoke: 16_349, ok: 11_013, fail: 4_663, info: 423 });
  });

  it('all 122 EDN files: 48,500 op maps, 24,352 invocations', () => {
    let maps = 0;
    let invocations = 0;
    for (const set of ['cas-register/bad', 'cas-register/good', 'multi-register/good', 'mutex/bad']) {
      for (const f of readdirSync(`${CORPUS_ROOT}knossos/${set}`).filter((n) => n.endsWith('.edn'))) {
        const counts = typeCounts(knossos(`${set}/${f}`, set.startsWith('multi') ? 'multi-register' : set.startsWith('mutex') ? 'mutex' : 'cas-register').ops);
        maps += counts.maps;
        invocations += counts.invoke;
      }
    }
    expect([maps, invocations]).toEqual([48_500, 24_352]);
  });

  it('P5: invocations that never complete (250 in 45 memstress files, 2, 1, 3) get synthetic :info indices after the largest', () => {
    let memstress = 0;
    let memstressFiles = 0;
    for (let n = 0; n < 100; n++) {
      const h = knossos(`cas-register/good/memstress3-${n}.edn`);
      if (h.paired.unfinished > 0) memstressFiles++;
      memstress += h.paired.unfinished;
    }
    expect([memstress, memstressFiles]).toEqual([250, 45]);
    expect(knossos('cas-register/bad/bad-analysis.edn').paired.unfinished).toBe(2);
    expect(knossos('cas-register/good/cas-register-bug.edn').paired.unfinished).toBe(1);
    const mutex = knossos('mutex/bad/etcd.edn', 'mutex');
    expect(mutex.paired.unfinished).toBe(3);
    const synthetic = mutex.paired.operations.filter((op) => op.synthetic).map((op) => op.completion.index);
    expect(synthetic).toEqual([1135, 1136, 1137]);
  });
});

describe('Appendix B: memstress3-N op counts', () => {
  const readme = readFileSync(`${CORPUS_ROOT}README.md`, 'utf8');
  const appendix = readme.slice(readme.indexOf('## Appendix B'));
  const entries = [...appendix.matchAll(/\| (\d+) \| (\d+)\/(\d+)\/(\d+)\/(\d+)\/(\d+) /g)].map((m) => m.slice(1).map(Number));
  it('lists 100 files', () => expect(entries.length).toBe(100));
  it.each(entries)('memstress3-%i: %i maps, %i/%i/%i/%i', (n, maps, invoke, ok, fail, info) => {
    const h = knossos(`cas-register/good/memstress3-${n}.edn`);
    expect(typeCounts(h.ops)).toEqual({ maps, invoke, ok, fail, info });
    expect(h.paired.unfinished).toBe(invoke - ok - fail - info);
  });
});
