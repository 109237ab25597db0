/**
 * The examples of docs/recorded-histories.md, with what the chapter says about their results
 * asserted (examples.test.ts runs them as written).
 */
import { describe, expect, it } from 'vitest';
import { ILLEGAL, UNKNOWN, checkLinearizability, LinearizabilityTester, registerModel } from '../../src/index.js';
import type { Operation, RegisterInput, SequentialModel, Value } from '../../src/index.js';

describe('docs/recorded-histories.md: semantic models and testers', () => {
  it('the crashed-write example is not linearizable, failing at the last read', () => {
    const history: Operation<RegisterInput, Value>[] = [
      { id: 0, process: 0, input: { f: 'write', value: 1 }, output: null, status: 'ok', call: 0, return: 1 },
      { id: 1, process: 1, input: { f: 'write', value: 2 }, output: UNKNOWN, status: 'info', call: 2, return: Infinity },
      { id: 2, process: 2, input: { f: 'read' }, output: 2, status: 'ok', call: 3, return: 4 },
      { id: 3, process: 2, input: { f: 'read' }, output: 1, status: 'ok', call: 5, return: 6 },
    ];
    const result = checkLinearizability(history, registerModel(0));
    expect(result.valid).toBe(false);
    if (result.valid !== false) return;
    expect(result.op.id).toBe(3);
    expect(result.previousOk?.id).toBe(2);
  });
  it('the user-defined counter works with the engine', () => {
    type Input = { f: 'incr' } | { f: 'get' };
    const counter: SequentialModel<number, Input, number | null> = {
      name: 'counter',
      init: 0,
      step: (n, input, output) => (input.f === 'incr' ? n + 1 : output === UNKNOWN || output === n ? n : ILLEGAL),
      equals: (a, b) => a === b,
      hash: (n) => n,
      describeOperation: (input, output) => (input.f === 'incr' ? 'incr' : `get → ${String(output)}`),
      describeState: String,
    };
    const ok: Operation<Input, number | null>[] = [
      { id: 0, process: 0, input: { f: 'incr' }, output: null, status: 'ok', call: 0, return: 3 },
      { id: 1, process: 1, input: { f: 'get' }, output: 1, status: 'ok', call: 1, return: 2 },
    ];
    expect(checkLinearizability(ok, counter).valid).toBe(true);
    expect(checkLinearizability([{ ...ok[0], return: 0.5 }, { ...ok[1], output: 0 }], counter).valid).toBe(false);
  });
  it('the tester example is consistent with the write placed first', () => {
    const t = new LinearizabilityTester(registerModel('A')).onInvoke(0, { f: 'write', value: 'B' }).onInvoke(1, { f: 'read' }).onReturn(1, 'B');
    expect(t.isConsistent()).toBe(true);
    expect(t.serializedHistory()?.map((s) => [s.input, s.output])).toEqual([
      [{ f: 'write', value: 'B' }, null],
      [{ f: 'read' }, 'B'],
    ]);
  });
});
