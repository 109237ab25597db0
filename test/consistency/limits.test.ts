/** The engine's limits: a time or memory bound gives 'unknown', never a hang or a crash. */
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { UNKNOWN } from '../../consistency/model.js';
import type { Operation } from '../../consistency/model.js';
import { registerModel } from '../../consistency/models/index.js';
import type { RegisterInput } from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';

/**
 * Many concurrent crashed writes of distinct values, then reads alternating 0, 1, 0, …: 0 and 1
 * are each written once, so no order works, yet every single read is possible (the quick check
 * for operations impossible in any order finds nothing). Refuting it means trying every subset
 * of the crashed writes, which is exponential.
 */
function hardInvalidHistory(writers: number): Operation<RegisterInput, Value>[] {
  const ops: Operation<RegisterInput, Value>[] = [];
  for (let p = 0; p < writers; p++) {
    ops.push({ id: p, process: p, input: { f: 'write', value: p }, output: UNKNOWN, status: 'info', call: p, return: Infinity });
  }
  for (let r = 0; r < writers; r++) {
    ops.push({ id: writers + r, process: 'reader', input: { f: 'read' }, output: r % 2, status: 'ok', call: writers + 2 * r, return: writers + 2 * r + 1 });
  }
  return ops;
}

/**
 * Completed writes of distinct values all concurrent with reads alternating 0, 1, 0, …: the
 * linearizability search must try every subset of the other writes before each read, which is
 * exponential (the crashed version above is refuted at once: crashed writes are placed only
 * where a read needs them).
 */
function hardConcurrentWrites(writers: number): Operation<RegisterInput, Value>[] {
  const ops: Operation<RegisterInput, Value>[] = [];
  const end = 3 * writers + 1;
  for (let p = 0; p < writers; p++) {
    ops.push({ id: p, process: p, input: { f: 'write', value: p }, output: null, status: 'ok', call: p, return: end + p });
  }
  for (let r = 0; r < writers; r++) {
    ops.push({ id: writers + r, process: 'reader', input: { f: 'read' }, output: r % 2, status: 'ok', call: writers + 2 * r, return: writers + 2 * r + 1 });
  }
  return ops;
}

describe('limits', () => {
  it('answers unknown (timeout) instead of searching on', () => {
    const started = performance.now();
    const result = checkHistory(hardInvalidHistory(40), registerModel(null), 'sequential', { timeoutMs: 200 });
    expect(result.valid).toBe('unknown');
    if (result.valid === 'unknown') expect(result.reason).toBe('timeout');
    // Not a speed test: only that the search stops, long before it could finish.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
  it('answers unknown (memory) when the configuration bound is reached', () => {
    const result = checkHistory(hardConcurrentWrites(40), registerModel(null), 'linearizable', { maxConfigurations: 10_000 });
    expect(result.valid).toBe('unknown');
    if (result.valid === 'unknown') expect(result.reason).toBe('memory');
    expect(result.stats.configurations).toBeLessThanOrEqual(10_001);
  });
  it('answers unknown (memory) when the byte bound is reached', () => {
    const result = checkHistory(hardConcurrentWrites(40), registerModel(null), 'linearizable', { maxMemoryBytes: 2 ** 20 });
    expect(result).toMatchObject({ valid: 'unknown', reason: 'memory' });
    // The tables are checked every 1,024 configurations, so they end near the bound (~100 bytes each).
    expect(result.stats.configurations).toBeLessThan(2 ** 20 / 16);
  });
  it('refutes many crashed writes at once: each is placed only where a read needs it', () => {
    const result = checkHistory(hardInvalidHistory(40), registerModel(null), 'linearizable', { maxConfigurations: 10_000 });
    expect(result.valid).toBe(false);
  });
  it('still decides small hard histories without limits', () => {
    expect(checkHistory(hardInvalidHistory(6), registerModel(null), 'linearizable').valid).toBe(false);
    expect(checkHistory(hardConcurrentWrites(6), registerModel(null), 'linearizable').valid).toBe(false);
    expect(checkHistory(hardInvalidHistory(6), registerModel(null), 'sequential').valid).toBe(false);
  });
  it('reports progress on long checks', () => {
    let calls = 0;
    checkHistory(hardInvalidHistory(40), registerModel(null), 'sequential', { timeoutMs: 1500, onProgress: () => calls++ });
    expect(calls).toBeGreaterThan(0);
  });
});
