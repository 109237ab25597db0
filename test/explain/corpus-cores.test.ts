import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { explainViolation } from '../../consistency/explain/index.js';
import type { Operation, SequentialModel } from '../../consistency/model.js';
import { casRegisterModel, mutexModel } from '../../consistency/models/index.js';
import { corporaPath, readKnossosCasRegister, readKnossosMutex, readPorcupineEtcd, readTsv } from './corpus-reader.js';

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

describe('minimal cores of the invalid Knossos corpus histories', () => {
  const rows = readTsv(corporaPath('knossos', 'EXPECTED.tsv')).filter((r) => r.expected === 'invalid');
  it('has the 8 invalid rows', () => expect(rows.length).toBe(8));
  for (const row of rows) {
    it(row.file, () => {
      const text = readFileSync(corporaPath('knossos', row.file), 'utf8');
      const ids = row.file.startsWith('mutex/')
        ? expectMinimalCore(readKnossosMutex(text), mutexModel())
        : expectMinimalCore(readKnossosCasRegister(text), casRegisterModel(0));
      expect(ids.length).toBeGreaterThan(0);
      if (row.file.startsWith('mutex/')) expectMinimalCore(readKnossosMutex(text), mutexModel(), false);
      else expectMinimalCore(readKnossosCasRegister(text), casRegisterModel(0), false);
      expect(ids.length).toBeLessThanOrEqual(8);
    });
  }
});

describe('minimal cores of the invalid Porcupine etcd histories', () => {
  const rows = readTsv(corporaPath('porcupine', 'EXPECTED.tsv')).filter((r) => r.model === 'etcd' && r.expected === 'illegal');
  it('has the 79 illegal etcd rows', () => expect(rows.length).toBe(79));
  it('files in the folder match the rows', () => expect(readdirSync(corporaPath('porcupine', 'jepsen')).length).toBe(103));
  for (const row of rows) {
    it(row.file, () => {
      const history = readPorcupineEtcd(readFileSync(corporaPath('porcupine', row.file), 'utf8'));
      const ids = expectMinimalCore(history, casRegisterModel(null));
      expect(ids.length).toBeLessThanOrEqual(10);
      expectMinimalCore(history, casRegisterModel(null), false);
    });
  }
});
