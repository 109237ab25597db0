import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../consistency/engine/check.js';
import { explainViolation } from '../../consistency/explain/index.js';
import { UNKNOWN, type Operation } from '../../consistency/model.js';
import { registerModel, type RegisterInput } from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';

type Op = Operation<RegisterInput, Value>;
const model = registerModel(null);
const crashedWrite = (id: number, value: number, call: number): Op => ({ id, process: id, input: { f: 'write', value }, output: UNKNOWN, status: 'info', call, return: Infinity });
const read = (id: number, value: Value, call: number): Op => ({ id, process: id, input: { f: 'read' }, output: value, status: 'ok', call, return: call + 1 });

function words(history: Op[]): string {
  const result = checkHistory(history, model, 'linearizable');
  expect(result.valid).toBe(false);
  const explanation = explainViolation(history, model, 'linearizable', result);
  if (!explanation) throw new Error('no explanation');
  return explanation.text;
}

describe('the explanation in words, with crashed operations', () => {
  it('says when an order leaves out a crashed op that could have taken effect', () => {
    const text = words([crashedWrite(0, 1, 0), read(1, 1, 1), read(2, null, 3)]);
    expect(text).toContain('first, without #0 (it may never have taken effect): #1 read 1 by process 1 is rejected');
    expect(text).toMatch(/after #0, #1: #2 read nil by process 2 is rejected: .* after #0 write 1 by process 0\n?/);
    expect(text).not.toMatch(/after #0, #1, without/);
  });

  it('does not mention a crashed op that began after the rejected op finished', () => {
    const text = words([read(0, 1, 0), crashedWrite(1, 1, 2)]);
    expect(text).toContain('first: #0 read 1 by process 0 is rejected');
    expect(text).not.toContain('without');
  });
});

describe('cores by weakening: the words are true of the whole history', () => {
  const reg0 = registerModel(0);
  const op = (id: number, process: number, input: RegisterInput, output: Value, call: number, ret: number): Op => ({ id, process, input, output, status: 'ok', call, return: ret });
  // The history: write 2 overlaps write 0, so removing ops would blame #4 and #7 wrongly.
  const staleAfterFresh = [
    op(2, 5, { f: 'write', value: 0 }, null, 0, 2),
    op(4, 10, { f: 'write', value: 2 }, null, 1, 4),
    op(5, 5, { f: 'read' }, 2, 3, 5),
    op(7, 5, { f: 'read' }, 0, 6, 7),
  ];

  it('blames #5 read 2 and #7 read 0, and says why the only write of 0 cannot help', () => {
    const result = checkHistory(staleAfterFresh, reg0, 'linearizable');
    const explanation = explainViolation(staleAfterFresh, reg0, 'linearizable', result);
    if (!explanation) throw new Error('no explanation');
    expect(explanation.core.ids).toEqual([5, 7]);
    expect(explanation.core.minimal).toBe(true);
    expect(explanation.context.map((o) => o.id)).toEqual([2, 4]);
    expect(explanation.text).toContain('whatever the other 2 operations did');
    expect(explanation.text).toContain('Every operation outside them was allowed to take effect or not');
    expect(explanation.text).toContain('#2 write 0 by process 5 is the only operation that could make it legal, but it finished before #5 began');
    expect(explanation.text).not.toMatch(/#4 write 2 .* is rejected/);
  });

  it('a lone read of a value nobody could have written is a true one-operation core', () => {
    const history = [op(0, 0, { f: 'write', value: 1 }, null, 0, 1), op(1, 1, { f: 'read' }, 4, 2, 3)];
    const result = checkHistory(history, reg0, 'linearizable');
    const explanation = explainViolation(history, reg0, 'linearizable', result);
    expect(explanation?.core.ids).toEqual([1]);
    expect(explanation?.text).toContain('#1 read 4 by process 1 is impossible as recorded, whatever the other 1 operation did');
    expect(explanation?.text).toContain('no other operation could make #1 legal at that point in one step');
  });

  it('sequential consistency: program order is the constraint the words name', () => {
    // p0 writes 1 then 2; p1 reads 2 then 1: once p1 has seen 2, the write of 1 is behind it in p0's order.
    const history = [
      op(0, 0, { f: 'write', value: 1 }, null, 0, 1),
      op(1, 0, { f: 'write', value: 2 }, null, 2, 3),
      op(2, 1, { f: 'read' }, 2, 4, 5),
      op(3, 1, { f: 'read' }, 1, 6, 7),
    ];
    const result = checkHistory(history, reg0, 'sequential');
    expect(result.valid).toBe(false);
    const explanation = explainViolation(history, reg0, 'sequential', result);
    if (!explanation) throw new Error('no explanation');
    expect(explanation.core.ids).toEqual([2, 3]);
    expect(explanation.text).toMatch(/^Not sequentially consistent/);
    expect(explanation.text).toContain('in its place in its process');
    expect(explanation.text).toContain("#0 write 1 by process 0 is the only operation that could make it legal, but it comes before #1 in process 0's program order");
  });
});
