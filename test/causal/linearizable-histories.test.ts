/**
 * A second oracle for the search over sources: generated linearizable register histories (values
 * 0–4, so reads are ambiguous; crashed operations included) are sequentially consistent, hence
 * satisfy every causal level and session guarantee. A corrupted copy (a read of a value nobody
 * wrote) satisfies none.
 */
import { describe, expect, it } from 'vitest';
import { generateRegisterHistory } from '../../bench/generated-histories.js';
import { CAUSAL_LEVELS, checkCausal } from '../../consistency/causal/index.js';
import type { CausalOperation } from '../../consistency/causal/index.js';
import type { Value } from '../../consistency/index.js';

function causalOperations(seed: number): CausalOperation[] {
  return generateRegisterHistory({ ops: 40, processes: 4, indeterminate: 0.1, withCas: false, seed }).map((op) => ({
    id: op.id,
    session: op.process,
    kind: op.input.f === 'read' ? 'read' : 'write',
    key: '',
    value: op.input.f === 'write' ? op.input.value : (op.output as Value),
    status: op.status === 'info' ? 'info' : 'ok',
  }));
}

describe('generated linearizable histories with repeated values', () => {
  it.each(CAUSAL_LEVELS.map((l) => [l]))('%s: valid, and a thin-air read makes them invalid', (level) => {
    for (let seed = 1; seed <= 12; seed++) {
      const ops = causalOperations(seed);
      expect(ops.some((op) => op.kind === 'read' && op.status === 'ok')).toBe(true);
      const result = checkCausal(ops, level, () => 0);
      expect(result.valid, `seed ${seed}`).toBe(true);
      const victim = ops.findIndex((op) => op.kind === 'read' && op.status === 'ok');
      const corrupted = ops.map((op, i) => (i === victim ? { ...op, value: 99 } : op));
      expect(checkCausal(corrupted, level, () => 0)).toMatchObject({ valid: false, violation: { pattern: 'ThinAirRead' } });
    }
  });
});
