import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { explainViolation } from '../../consistency/explain/index.js';
import type { AnyModel, Operation, SequentialModel } from '../../consistency/model.js';
import { loadHistoryFile } from '../../histories/index.js';
import { CORPUS_ROOT, corpusRows, requireCorpus, rowOptions, type CorpusRow } from '../histories/corpus.js';

/** Every op alone and overlapping all others: is there any order at all that the model accepts? */
const orderable = <S, I, O>(ops: readonly Operation<I, O>[], model: SequentialModel<S, I, O>): boolean =>
  checkHistory(ops.map((op, i) => ({ ...op, process: `u${i}`, call: 0, return: op.status === 'ok' ? 1 : Infinity })), model, 'linearizable').valid === true;

/**
 * The core is invalid, and removing any one op makes it valid (plain 1-minimality), or, for the
 * default orderable criterion, makes it valid or leaves an op no order at all can explain.
 */
function expectMinimalCore<S, I, O>(history: readonly Operation<I, O>[], model: SequentialModel<S, I, O>, requireOrderable = true): number[] {
  const result = checkHistory(history, model, 'linearizable');
  expect(result.valid).toBe(false);
  const explanation = explainViolation(history, model, 'linearizable', result, { timeoutMs: 10_000, requireOrderable });
  if (!explanation) throw new Error('no explanation for an invalid history');
  const core = explanation.core.ops;
  expect(explanation.core.cutShort).toBeNull();
  expect(checkHistory(core, model, 'linearizable').valid).toBe(false);
  const strict = explanation.core.criterion === 'invalid';
  if (!requireOrderable) expect(strict).toBe(true);
  if (!strict) expect(orderable(core, model)).toBe(true);
  for (let k = 0; k < core.length; k++) {
    const rest = core.filter((_, j) => j !== k);
    const valid = checkHistory(rest, model, 'linearizable').valid === true;
    expect(valid || (!strict && !orderable(rest, model)), `without #${core[k].id}`).toBe(true);
  }
  expect(explanation.text.length).toBeGreaterThan(0);
  return explanation.core.ids as number[];
}

/** A corpus row's history, read and prepared by the toolkit's own readers. */
function load(row: CorpusRow): { operations: readonly Operation<unknown, unknown>[]; model: AnyModel } {
  const { operations, model } = loadHistoryFile(row.path, rowOptions(row));
  return { operations, model };
}

describe('minimal cores of the invalid Knossos corpus histories', () => {
  requireCorpus();
  const rows = corpusRows('knossos').filter((r) => !r.expected);
  it('has the 8 invalid rows', () => expect(rows.length).toBe(8));
  for (const row of rows) {
    it(row.file, () => {
      const { operations, model } = load(row);
      const ids = expectMinimalCore(operations, model);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThanOrEqual(8);
      expectMinimalCore(operations, model, false);
    });
  }
});

describe('minimal cores of the invalid Porcupine etcd histories', () => {
  requireCorpus();
  const rows = corpusRows('porcupine').filter((r) => r.model === 'etcd' && !r.expected);
  it('has the 79 illegal etcd rows', () => expect(rows.length).toBe(79));
  it('files in the folder match the rows', () => expect(readdirSync(`${CORPUS_ROOT}porcupine/jepsen`).length).toBe(103));
  for (const row of rows) {
    it(row.file, () => {
      const { operations, model } = load(row);
      const ids = expectMinimalCore(operations, model);
      expect(ids.length).toBeLessThanOrEqual(10);
      expectMinimalCore(operations, model, false);
    });
  }
});
