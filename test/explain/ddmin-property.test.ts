/** Property tests: on random small invalid histories the core is invalid and 1-minimal (against the engine). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { ddmin, minimizeHistory } from '../../consistency/explain/index.js';
import { casRegisterModel } from '../../consistency/models/index.js';
import type { CasRegisterInput } from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';
import { historyArbitrary } from '../consistency/random-histories.js';
import type { Workload } from '../consistency/random-histories.js';

const casWorkload: Workload<CasRegisterInput> = {
  init: 0,
  op: fc.oneof(
    fc.constant({ input: { f: 'read' } as CasRegisterInput, run: (s: Value) => ({ output: s, next: s }), wrong: 9 }),
    fc.integer({ min: 0, max: 2 }).map((v) => ({ input: { f: 'write', value: v } as CasRegisterInput, run: () => ({ output: null, next: v }), wrong: null })),
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })).map(([e, v]) => ({
      input: { f: 'cas', expected: e, value: v } as CasRegisterInput,
      run: (s: Value) => (s === e ? { output: true, next: v } : { output: false, next: s }),
      wrong: true,
    })),
  ),
};

describe('ddmin', () => {
  it('finds the smallest failing subset for a monotone predicate', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(40), { minLength: 1, maxLength: 4 }), fc.integer({ min: 41, max: 120 }), (needed, n) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const core = ddmin(items, (s) => needed.every((k) => s.includes(k)), () => false);
        expect([...core].sort((a, b) => a - b)).toEqual([...needed].sort((a, b) => a - b));
      }),
    );
  });
});

describe.each(['linearizable', 'sequential'] as const)('minimal core (%s) on random histories', (consistency) => {
  const model = casRegisterModel(0);
  it.each([true, false])('is invalid and 1-minimal (requireOrderable %s)', (requireOrderable) => {
    fc.assert(
      fc.property(historyArbitrary(casWorkload), (history) => {
        const result = checkHistory(history, model, consistency);
        if (result.valid !== false) return;
        const core = minimizeHistory(history, model, consistency, result.op, { timeoutMs: 5_000, requireOrderable });
        expect(core.cutShort).toBeNull();
        expect(checkHistory(core.ops, model, consistency).valid).toBe(false);
        const unordered = (ops: typeof core.ops) =>
          checkHistory(ops.map((op, i) => ({ ...op, process: `u${i}`, call: 0, return: op.status === 'ok' ? 1 : Infinity })), model, 'linearizable').valid === true;
        if (core.criterion === 'orderable') expect(unordered(core.ops)).toBe(true);
        for (let k = 0; k < core.ops.length; k++) {
          const rest = core.ops.filter((_, j) => j !== k);
          const valid = checkHistory(rest, model, consistency).valid === true;
          expect(valid || (core.criterion === 'orderable' && !unordered(rest))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
