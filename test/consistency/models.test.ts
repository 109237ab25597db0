import { describe, expect, it } from 'vitest';
import { ILLEGAL, UNKNOWN } from '../../consistency/model.js';
import type { SequentialModel } from '../../consistency/model.js';
import {
  casRegisterModel,
  counterModel,
  fifoQueueModel,
  kvModel,
  kvStoreModel,
  modelByName,
  multiRegisterModel,
  mutexModel,
  registerModel,
  setModel,
  unorderedQueueModel,
  vecModel,
  writeOnceRegisterModel,
} from '../../consistency/models/index.js';
import type { KvInput, KvOutput, KvState } from '../../consistency/models/index.js';

/** Stateright's `apply`: run inputs, collecting what a correct object returns. */
function apply<S, I, O>(model: SequentialModel<S, I, O>, inputs: I[]): O[] {
  let state = model.init;
  return inputs.map((input) => {
    const output = (model.respond as (s: S, i: I) => O)(state, input);
    const next = model.step(state, input, output);
    if (next === ILLEGAL) throw new Error('respond disagrees with step');
    state = next;
    return output;
  });
}

/** Stateright's validity of a sequential history: every step valid, in order. */
function isValid<S, I, O>(model: SequentialModel<S, I, O>, steps: [I, O][]): boolean {
  let state = model.init;
  for (const [input, output] of steps) {
    const next = model.step(state, input, output);
    if (next === ILLEGAL) return false;
    state = next;
  }
  return true;
}

const W = (value: string) => ({ f: 'write', value }) as const;
const R = { f: 'read' } as const;

describe('register (Stateright’s specification tests)', () => {
  const m = registerModel('A');
  it('applies reads and writes', () => expect(apply(m, [R, W('B'), R])).toEqual(['A', null, 'B']));
  it('accepts valid sequences and rejects invalid ones', () => {
    expect(isValid(m, [])).toBe(true);
    expect(isValid(m, [[R, 'A'], [W('B'), null], [R, 'B'], [W('C'), null], [R, 'C']])).toBe(true);
    expect(isValid(m, [[R, 'B'], [W('B'), null]])).toBe(false);
    expect(isValid(m, [[W('B'), null], [R, 'A']])).toBe(false);
  });
  it('accepts any read whose result is unknown', () => expect(m.step('A', R, UNKNOWN)).toBe('A'));
});

describe('write-once register (Stateright’s specification tests)', () => {
  const m = writeOnceRegisterModel();
  it('applies writes once', () => expect(apply(m, [W('A'), R, W('B'), R])).toEqual(['ok', 'A', 'fail', 'A']));
  it('accepts valid sequences and rejects invalid ones', () => {
    expect(isValid(m, [])).toBe(true);
    expect(isValid(m, [[R, null], [W('A'), 'ok'], [R, 'A'], [W('B'), 'fail'], [R, 'A'], [W('C'), 'fail'], [R, 'A']])).toBe(true);
    expect(isValid(writeOnceRegisterModel('A'), [[R, 'A'], [W('B'), 'ok']])).toBe(false);
    expect(isValid(m, [[R, 'A'], [W('A'), 'ok']])).toBe(false);
    expect(isValid(m, [[R, null], [W('A'), 'ok'], [W('B'), 'ok']])).toBe(false);
    expect(isValid(m, [[W('A'), 'fail']])).toBe(false);
    expect(isValid(m, [[W('A'), 'ok'], [W('A'), 'ok']])).toBe(true);
  });
});

describe('stack (Stateright’s specification tests)', () => {
  const Push = (value: string | number) => ({ f: 'push', value }) as const;
  const Pop = { f: 'pop' } as const;
  const Len = { f: 'len' } as const;
  it('applies pushes, pops and lengths', () => {
    expect(apply(vecModel(['A']), [Len, Push('B'), Len, Pop, Len, Pop, Len, Pop, Len])).toEqual([1, null, 2, 'B', 1, 'A', 0, null, 0]);
  });
  it('accepts valid sequences and rejects invalid ones', () => {
    const m = vecModel();
    expect(isValid(m, [])).toBe(true);
    expect(isValid(m, [[Push(10), null], [Push(20), null], [Len, 2], [Pop, 20], [Len, 1], [Pop, 10], [Len, 0], [Pop, null]])).toBe(true);
    expect(isValid(m, [[Push(10), null], [Push(20), null], [Len, 1], [Push(30), null]])).toBe(false);
    expect(isValid(m, [[Push(10), null], [Push(20), null], [Pop, 10]])).toBe(false);
  });
});

describe('the other models', () => {
  it('cas-register: a failed cas saw another value; an unknown cas applies only if it could succeed', () => {
    const m = casRegisterModel(1);
    const cas = (expected: number, value: number) => ({ f: 'cas', expected, value }) as const;
    expect(m.step(1, cas(1, 2), true)).toBe(2);
    expect(m.step(1, cas(3, 2), true)).toBe(ILLEGAL);
    expect(m.step(1, cas(3, 2), false)).toBe(1);
    expect(m.step(1, cas(1, 2), false)).toBe(ILLEGAL);
    expect(m.step(1, cas(1, 2), UNKNOWN)).toBe(2);
    expect(m.step(1, cas(3, 2), UNKNOWN)).toBe(1);
  });
  it('fifo-queue hands out the head', () => {
    const m = fifoQueueModel([1, 2]);
    expect(m.step(m.init, { f: 'dequeue' }, 1)).toEqual([2]);
    expect(m.step(m.init, { f: 'dequeue' }, 2)).toBe(ILLEGAL);
    expect(m.step([], { f: 'dequeue' }, null)).toEqual([]);
  });
  it('unordered-queue hands out any element, and tracks every possibility when unknown', () => {
    const m = unorderedQueueModel([1, 2]);
    const after = m.step(m.init, { f: 'dequeue' }, UNKNOWN);
    expect(after).not.toBe(ILLEGAL);
    if (after === ILLEGAL) return;
    expect(after).toHaveLength(2);
    expect(m.step(after, { f: 'dequeue' }, 1)).not.toBe(ILLEGAL);
    expect(m.step(m.init, { f: 'dequeue' }, 2)).not.toBe(ILLEGAL);
    expect(m.step(m.init, { f: 'dequeue' }, 3)).toBe(ILLEGAL);
  });
  it('set reads the whole set in any order', () => {
    const m = setModel();
    const s = m.step(m.step(m.init, { f: 'add', value: 2 }, null) as readonly number[], { f: 'add', value: 1 }, null);
    expect(s).not.toBe(ILLEGAL);
    if (s === ILLEGAL) return;
    expect(m.step(s, { f: 'read' }, [1, 2])).toEqual(s);
    expect(m.step(s, { f: 'read' }, [2, 1])).toEqual(s);
    expect(m.step(s, { f: 'read' }, [1])).toBe(ILLEGAL);
  });
  it('mutex needs free to acquire and held to release', () => {
    const m = mutexModel();
    expect(m.step(false, { f: 'acquire' }, null)).toBe(true);
    expect(m.step(true, { f: 'acquire' }, null)).toBe(ILLEGAL);
    expect(m.step(false, { f: 'release' }, null)).toBe(ILLEGAL);
  });
  it('multi-register applies micro-ops in order, and a nil read accepts anything', () => {
    const m = multiRegisterModel({ x: 0, y: 0 });
    const txn = { f: 'txn', ops: [['write', 'x', 2], ['read', 'x', 2], ['read', 'y', null]] } as const;
    expect(m.step(m.init, txn, UNKNOWN)).toEqual({ x: 2, y: 0 });
    expect(m.step(m.init, { f: 'txn', ops: [['read', 'x', 1]] }, UNKNOWN)).toBe(ILLEGAL);
  });
  it('kv: missing keys read as the empty string; appends concatenate; one key per partition', () => {
    const whole = kvModel({ init: { b: 'z' } });
    const m = whole.partitioning!.model as SequentialModel<{ value: string } | null, KvInput, KvOutput>;
    expect(m.step(m.init, { f: 'get', key: 'a' }, '')).toBe(null);
    expect(m.step(m.init, { f: 'get', key: 'b' }, 'z')).toBe(null);
    expect(m.step(m.init, { f: 'get', key: 'b' }, '')).toBe(ILLEGAL);
    const put = m.step(m.init, { f: 'put', key: 'a', value: 'x' }, null);
    const s = put === ILLEGAL ? put : m.step(put, { f: 'append', key: 'a', value: 'y' }, null);
    expect(s === ILLEGAL ? s : s?.value).toBe('xy');
    const direct = m.step(m.init, { f: 'put', key: 'a', value: 'xy' }, null);
    expect(direct !== ILLEGAL && s !== ILLEGAL && m.equals(direct, s) && m.hash(direct) === m.hash(s)).toBe(true);
    expect(whole.partitioning?.key({ f: 'get', key: 'a' })).toBe('a');
    // The model itself holds every key: a put of one key leaves another's value alone.
    const afterPut = whole.step(whole.init, { f: 'put', key: 'a', value: 'x' }, null);
    expect(afterPut).toEqual({ a: 'x', b: 'z' });
    expect(whole.step(afterPut as KvState, { f: 'get', key: 'b' }, 'z')).toEqual(afterPut);
    expect(whole.step(afterPut as KvState, { f: 'get', key: 'c' }, 'x')).toBe(ILLEGAL);
    const store = kvStoreModel();
    expect(store.partitioning).toBeUndefined();
    const t = store.step(store.step({}, { f: 'put', key: 'a', value: 'x' }, null) as Record<string, string>, { f: 'append', key: 'b', value: 'y' }, null);
    expect(t).toEqual({ a: 'x', b: 'y' });
    expect(store.step({}, { f: 'get', key: 'c' }, '')).toEqual({});
  });
  it('counter adds and reads', () => {
    const m = counterModel();
    expect(m.step(m.step(0, { f: 'add', value: 3 }, null) as number, { f: 'read' }, 3)).toBe(3);
    expect(m.step(0, { f: 'read' }, 3)).toBe(ILLEGAL);
  });
  it('models by name check the shape of the initial state', () => {
    expect(modelByName('register', 5).init).toBe(5);
    expect(() => modelByName('counter', 'x')).toThrow(/--init for counter must be a number/);
    expect(() => modelByName('vec', 3)).toThrow(/must be an array/);
  });
  it('equal states hash equal', () => {
    const m = multiRegisterModel();
    expect(m.hash({ x: 1, y: 2 })).toBe(m.hash({ y: 2, x: 1 }));
    expect(m.equals({ x: 1, y: 2 }, { y: 2, x: 1 })).toBe(true);
  });
});
