import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import type { Operation } from '../../consistency/model.js';
import { kvModel } from '../../consistency/models/index.js';

// Store buffering: each process puts one key, then reads the other key's initial value.
const op = (id: number, process: number, input: object, output: unknown, call: number, ret: number): Operation<unknown, unknown> => ({
  id,
  process,
  input,
  output,
  status: 'ok',
  call,
  return: ret,
});
const storeBuffering = [
  op(0, 0, { f: 'put', key: 'x', value: '1' }, null, 0, 1),
  op(1, 1, { f: 'put', key: 'y', value: '1' }, null, 2, 3),
  op(2, 0, { f: 'get', key: 'y' }, '', 4, 5),
  op(3, 1, { f: 'get', key: 'x' }, '', 6, 7),
];

describe('partitioning by key is used only where the condition is local', () => {
  it('sequential consistency searches all keys as one object: store buffering is refuted', () => {
    const result = checkHistory(storeBuffering, kvModel(), 'sequential');
    expect(result.valid).toBe(false);
    expect(result.partitions).toHaveLength(1);
    expect(result.valid === false && result.key).toBe(null);
  });

  it('each key alone is sequentially consistent (so a per-key check would have said yes)', () => {
    for (const key of ['x', 'y']) {
      const sub = storeBuffering.filter((o) => (o.input as { key: string }).key === key);
      expect(checkHistory(sub, kvModel(), 'sequential').valid).toBe(true);
    }
  });

  it('linearizability is still checked key by key', () => {
    const result = checkHistory(storeBuffering, kvModel(), 'linearizable', { stopAtFirstInvalid: false });
    expect(result.partitions.map((p) => p.key).sort()).toEqual(['x', 'y']);
  });

  it('keys declared independent stay separate under sequential consistency', () => {
    const kv = kvModel();
    const independent = { ...kv, partitioning: { ...kv.partitioning!, independent: true } };
    const result = checkHistory(storeBuffering, independent, 'sequential');
    expect(result.valid).toBe(true);
    expect(result.partitions).toHaveLength(2);
  });
});
