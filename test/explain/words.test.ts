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
