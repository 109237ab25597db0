/**
 * Every invalid history of the Knossos and Porcupine corpora and of histories/examples: the
 * explanation's core is sound (the partition weakened outside it is invalid, checked by the
 * engine on the whole partition, not the truncated history the shrinking used) and 1-minimal
 * (weakening any one more core op makes it valid).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { explainViolation } from '../../consistency/explain/index.js';
import { weakenOutside } from '../../consistency/explain/weaken.js';
import type { AnyModel, Operation } from '../../consistency/model.js';
import { loadHistoryFile } from '../../histories/index.js';
import type { CheckFileOptions } from '../../histories/index.js';
import { CORPUS_ROOT, corpusRows, requireCorpus, rowOptions } from '../histories/corpus.js';

function expectSoundMinimalCore(operations: readonly Operation<unknown, unknown>[], model: AnyModel): { ids: number[]; ms: number } {
  const result = checkHistory(operations, model, 'linearizable');
  expect(result.valid).toBe(false);
  const explanation = explainViolation(operations, model, 'linearizable', result, { timeoutMs: 10_000 });
  if (!explanation) throw new Error('no explanation for an invalid history');
  expect(explanation.core.cutShort).toBeNull();
  const partition = explanation.partition;
  const kept = new Set(explanation.core.ids);
  expect(checkHistory(weakenOutside(partition, kept), model, 'linearizable').valid, 'H|C is invalid').toBe(false);
  for (const id of kept) {
    const fewer = new Set([...kept].filter((k) => k !== id));
    expect(checkHistory(weakenOutside(partition, fewer), model, 'linearizable').valid, `weakening #${id} too makes it valid`).toBe(true);
  }
  expect(explanation.text).toMatch(/^Not linearizable/);
  return { ids: [...kept], ms: explanation.core.elapsedMs };
}

const load = (path: string, options: CheckFileOptions) => {
  const { operations, model } = loadHistoryFile(path, options);
  return { operations, model };
};

describe('sound, 1-minimal cores of the invalid Knossos corpus histories', () => {
  requireCorpus();
  const rows = corpusRows('knossos').filter((r) => !r.expected);
  it('has the 8 invalid rows', () => expect(rows.length).toBe(8));
  for (const row of rows) {
    it(row.file, () => {
      const { operations, model } = load(row.path, rowOptions(row));
      const { ids } = expectSoundMinimalCore(operations, model);
      expect(ids.length).toBeGreaterThan(0);
    });
  }
});

describe('sound, 1-minimal cores of the invalid Porcupine histories', () => {
  requireCorpus();
  const rows = corpusRows('porcupine').filter((r) => !r.expected);
  it('has the 79 illegal etcd rows and 5 kv rows', () => {
    expect(rows.filter((r) => r.model === 'etcd').length).toBe(79);
    expect(rows.filter((r) => r.model !== 'etcd').length).toBe(5);
  });
  it('files in the folder match the rows', () => expect(readdirSync(`${CORPUS_ROOT}porcupine/jepsen`).length).toBe(103));
  for (const row of rows.filter((r) => r.model !== 'kv-nopartition')) {
    it(`${row.file} (${row.model})`, () => {
      const { operations, model } = load(row.path, rowOptions(row));
      const { ids } = expectSoundMinimalCore(operations, model);
      expect(ids.length).toBeGreaterThan(0);
    });
  }
  // A known limit: without partitioning, every weakened put or append on another key doubles the
  // map states, so shrinking c10-bad cannot finish in seconds (refuting it at all takes several).
  // The time bound then cuts the core short; it is still sound (every set the shrinking moved to
  // was refuted) and the words say it may not be minimal.
  for (const row of rows.filter((r) => r.model === 'kv-nopartition')) {
    it(`${row.file} (${row.model}): minimal, or cut short and saying so`, () => {
      const { operations, model } = load(row.path, rowOptions(row));
      const result = checkHistory(operations, model, 'linearizable');
      const explanation = explainViolation(operations, model, 'linearizable', result, { timeoutMs: 1_000 });
      if (!explanation) throw new Error('no explanation for an invalid history');
      if (explanation.core.cutShort === null) expect(explanation.core.minimal).toBe(true);
      else expect(explanation.text).toContain('fewer might be');
    });
  }
});

describe('sound, 1-minimal cores of the invalid bundled examples', () => {
  const examples = fileURLToPath(new URL('../../histories/examples/', import.meta.url));
  const cases: [string, CheckFileOptions][] = [
    ['register-invalid.edn', {}],
    ['mutex-invalid.json', {}],
    ['independent/register-keys-invalid.edn', { independent: true, model: 'register' }],
  ];
  for (const [file, options] of cases) {
    it(file, () => {
      const { operations, model } = load(`${examples}${file}`, options);
      expectSoundMinimalCore(operations, model);
    });
  }
});
