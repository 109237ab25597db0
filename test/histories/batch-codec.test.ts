/** Batches of operations as workers receive them: decoding gives back equal operations (property). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../histories/batch-codec.js';
import { UNKNOWN } from '../../consistency/model.js';
import type { Operation, OperationStatus } from '../../consistency/model.js';

/** An array with a hole, which JSON would turn into null. */
const sparse = (): unknown[] => {
  const array: unknown[] = [1];
  array[2] = 3;
  return array;
};
const special = fc.constantFrom<unknown>(-0, 0, NaN, Infinity, -Infinity, new Map([[1, 2]]), sparse(), { a: -0 }, { a: 0 }, { a: NaN }, { a: null });
const value = fc.oneof(fc.jsonValue(), special, fc.array(fc.oneof(fc.jsonValue(), special), { maxLength: 3 }), fc.record({ key: fc.oneof(fc.string(), fc.integer()), input: fc.oneof(fc.jsonValue(), special) }));
const operation: fc.Arbitrary<Operation<unknown, unknown>> = fc.record({
  id: fc.nat(),
  process: fc.oneof(fc.nat(), fc.constantFrom('nemesis', 'p')),
  input: value,
  output: fc.oneof(value, fc.constant(UNKNOWN)),
  status: fc.constantFrom<OperationStatus>('ok', 'info', 'optional', 'fail'),
  call: fc.integer({ min: 0, max: 1000 }),
  return: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(Infinity)),
});

describe('batch codec', () => {
  it('decodes what it encoded: values equal (-0, NaN and non-JSON data included), partitions in order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(operation, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), (groups) => {
        const jobs = groups.map((ops, k) => ({ index: 3 * k + 1, ops }));
        const batch = encodeBatch(jobs);
        const decoded = decodeBatch(structuredClone({ ...batch, values: batch.values === null ? null : [...batch.values] }));
        expect(decoded).toEqual(jobs);
        for (let k = 0; k < jobs.length; k++) {
          decoded[k].ops.forEach((op, i) => {
            expect(Object.is(op.output, UNKNOWN)).toBe(Object.is(jobs[k].ops[i].output, UNKNOWN));
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sends a register history as a small table of distinct values', () => {
    const ops = Array.from({ length: 1_000 }, (_, i): Operation<unknown, unknown> => ({ id: i, process: i % 5, input: { key: i % 3, input: { f: 'write', value: i % 4 } }, output: null, status: 'ok', call: i, return: i + 1 }));
    const batch = encodeBatch([{ index: 0, ops }]);
    // Primitives 0-4 (processes, keys and values alike), 'write' and null; 4 inner inputs; 12 keyed inputs.
    expect(JSON.parse(batch.tableJson!)).toHaveLength(7 + 4 + 12);
  });
});
