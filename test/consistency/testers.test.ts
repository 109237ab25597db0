import { describe, expect, it } from 'vitest';
import { registerModel, vecModel } from '../../consistency/models/index.js';
import { LinearizabilityTester, SequentialConsistencyTester } from '../../consistency/testers/index.js';
import type { ConsistencyTester } from '../../consistency/testers/index.js';
import type { Value } from '../../consistency/value.js';
import type { AnyModel } from '../../consistency/model.js';

// Stateright's operations, in our models' encoding.
const Write = (value: Value) => ({ f: 'write', value }) as const;
const Read = { f: 'read' } as const;
const Push = (value: Value) => ({ f: 'push', value }) as const;
const Pop = { f: 'pop' } as const;
const Len = { f: 'len' } as const;
const WriteOk = null;
const PushOk = null;
const None = null;

type AnyTester = ConsistencyTester<unknown, unknown, unknown>;
const register = registerModel('A');
const stack = vecModel();
const lin = (model: AnyModel) => new LinearizabilityTester(model) as AnyTester;
const seq = (model: AnyModel) => new SequentialConsistencyTester(model) as AnyTester;
const steps = (t: AnyTester) => t.serializedHistory()?.map((s) => [s.input, s.output]) ?? null;

describe('LinearizabilityTester reproduces Stateright’s cases', () => {
  it('L1: a second invocation on a busy thread is a malformed history', () => {
    const t = lin(register).onInvoke(99, Write('B')).onInvoke(99, Write('C'));
    expect(t.isWellFormed()).toBe(false);
    expect(t.error).toMatch(/already has an operation in flight\. thread_id=99, op=.*"B"/);
    expect(t.isConsistent()).toBe(false);
    expect(t.onInvoke(1, Read).error).toBe('Earlier history was invalid.');
  });
  it('L2: a return with nothing in flight is a malformed history', () => {
    const t = lin(register).onInvokeAndReturn(99, Write('B'), WriteOk).onInvokeAndReturn(99, Write('C'), WriteOk).onReturn(99, WriteOk);
    expect(t.isWellFormed()).toBe(false);
    expect(t.error).toMatch(/no in-flight invocation for this thread ID\. thread_id=99, unexpected_return=null/);
    expect(t.serializedHistory()).toBeNull();
  });
  it('L3: an in-flight write may be left out', () => {
    expect(steps(lin(register).onInvoke(0, Write('B')).onInvokeAndReturn(1, Read, 'A'))).toEqual([[Read, 'A']]);
  });
  it('L4: an in-flight write may be placed before a read that saw it', () => {
    const t = lin(register).onInvoke(0, Read).onInvoke(1, Write('B')).onReturn(0, 'B');
    expect(steps(t)).toEqual([[Write('B'), WriteOk], [Read, 'B']]);
  });
  it('L5: a read of a value never written is inconsistent', () => {
    expect(steps(lin(register).onInvokeAndReturn(0, Read, 'B'))).toBeNull();
  });
  it('L6: a read cannot see a write invoked after it returned', () => {
    expect(steps(lin(register).onInvokeAndReturn(0, Read, 'B').onInvoke(1, Write('B')))).toBeNull();
  });
  it('L7–L9: in-flight pushes are placed only when needed', () => {
    expect(steps(lin(stack).onInvoke(0, Push(10)))).toEqual([]);
    expect(steps(lin(stack).onInvoke(0, Push(10)).onInvokeAndReturn(1, Pop, None))).toEqual([[Pop, None]]);
    expect(steps(lin(stack).onInvoke(0, Push(10)).onInvokeAndReturn(1, Pop, 10))).toEqual([[Push(10), PushOk], [Pop, 10]]);
  });
  const base = () => lin(stack).onInvokeAndReturn(0, Push(10), PushOk).onInvoke(0, Push(20));
  it('L10–L12: the in-flight push lands where the observations need it', () => {
    expect(steps(base().onInvokeAndReturn(1, Len, 1).onInvokeAndReturn(1, Pop, 20).onInvokeAndReturn(1, Pop, 10))).toEqual([
      [Push(10), PushOk], [Len, 1], [Push(20), PushOk], [Pop, 20], [Pop, 10],
    ]);
    expect(steps(base().onInvokeAndReturn(1, Len, 1).onInvokeAndReturn(1, Pop, 10).onInvokeAndReturn(1, Pop, 20))).toEqual([
      [Push(10), PushOk], [Len, 1], [Pop, 10], [Push(20), PushOk], [Pop, 20],
    ]);
    expect(steps(base().onInvokeAndReturn(1, Len, 2).onInvokeAndReturn(1, Pop, 20).onInvokeAndReturn(1, Pop, 10))).toEqual([
      [Push(10), PushOk], [Push(20), PushOk], [Len, 2], [Pop, 20], [Pop, 10],
    ]);
  });
  const concurrentLen = () => lin(stack).onInvokeAndReturn(0, Push(10), PushOk).onInvoke(1, Len).onInvoke(0, Push(20));
  it('L13–L14: a length read concurrently with a push may see it or not', () => {
    expect(steps(concurrentLen().onReturn(1, 1))).toEqual([[Push(10), PushOk], [Len, 1]]);
    expect(steps(concurrentLen().onReturn(1, 2))).toEqual([[Push(10), PushOk], [Push(20), PushOk], [Len, 2]]);
  });
  it('L15–L17: impossible observations are inconsistent', () => {
    expect(steps(lin(stack).onInvokeAndReturn(0, Push(10), PushOk).onInvokeAndReturn(1, Pop, None))).toBeNull();
    expect(steps(concurrentLen().onReturn(1, 0))).toBeNull();
    expect(steps(base().onInvokeAndReturn(1, Len, 2).onInvokeAndReturn(1, Pop, 10).onInvokeAndReturn(1, Pop, 20))).toBeNull();
  });
});

describe('SequentialConsistencyTester reproduces Stateright’s cases', () => {
  it('S1–S2: malformed histories are errors', () => {
    expect(seq(register).onInvoke(99, Write('B')).onInvoke(99, Write('C')).error).toMatch(/already has an operation in flight/);
    const t = seq(register).onInvokeAndReturn(99, Write('B'), WriteOk).onInvokeAndReturn(99, Write('C'), WriteOk).onReturn(99, WriteOk);
    expect(t.error).toMatch(/no in-flight invocation for this thread ID/);
    expect(t.isConsistent()).toBe(false);
  });
  it('S3–S5: real time does not matter, program order does', () => {
    expect(steps(seq(register).onInvoke(0, Write('B')).onInvokeAndReturn(1, Read, 'A'))).toEqual([[Read, 'A']]);
    expect(steps(seq(register).onInvokeAndReturn(0, Read, 'B').onInvoke(1, Write('B')))).toEqual([[Write('B'), WriteOk], [Read, 'B']]);
    expect(steps(seq(register).onInvokeAndReturn(0, Read, 'B'))).toBeNull();
  });
  it('S6–S7: in-flight ops are optional', () => {
    expect(steps(seq(stack).onInvoke(0, Push(10)))).toEqual([]);
    expect(steps(seq(stack).onInvoke(0, Push(10)).onInvokeAndReturn(1, Pop, None))).toEqual([[Pop, None]]);
  });
  it('S8: the in-flight push is tried, fails, and is left out', () => {
    const t = seq(stack)
      .onInvokeAndReturn(1, Pop, 10)
      .onInvokeAndReturn(0, Push(10), PushOk)
      .onInvokeAndReturn(0, Pop, 20)
      .onInvoke(0, Push(30))
      .onInvokeAndReturn(1, Push(20), PushOk)
      .onInvokeAndReturn(1, Pop, None);
    expect(steps(t)).toEqual([[Push(10), PushOk], [Pop, 10], [Push(20), PushOk], [Pop, 20], [Pop, None]]);
  });
  it('S9: an impossible order is inconsistent', () => {
    const t = seq(stack).onInvokeAndReturn(0, Push(10), PushOk).onInvoke(0, Push(20)).onInvokeAndReturn(1, Len, 2).onInvokeAndReturn(1, Pop, 10).onInvokeAndReturn(1, Pop, 20);
    expect(steps(t)).toBeNull();
  });
});

describe('testers are persistent values', () => {
  it('equal histories make equal testers with equal hashes, whatever object built them', () => {
    const a = lin(register).onInvoke(0, Write('B')).onInvokeAndReturn(1, Read, 'A');
    const b = lin(register).onInvoke(0, Write('B')).onInvokeAndReturn(1, Read, 'A');
    expect(a).not.toBe(b);
    expect(a.equals(b)).toBe(true);
    expect(a.hashCode()).toBe(b.hashCode());
  });
  it('a recording does not change the tester it was made from', () => {
    const a = lin(register).onInvoke(0, Write('B'));
    const b = a.onReturn(0, WriteOk);
    expect(a.size).toBe(1);
    expect(b.size).toBe(1);
    expect(a.equals(b)).toBe(false);
  });
  it('the snapshot is part of identity: the same ops with other real-time order differ', () => {
    const before = lin(register).onInvokeAndReturn(0, Write('B'), WriteOk).onInvoke(1, Read);
    const during = lin(register).onInvoke(1, Read).onInvokeAndReturn(0, Write('B'), WriteOk);
    expect(before.equals(during)).toBe(false);
    const s1 = seq(register).onInvokeAndReturn(0, Write('B'), WriteOk).onInvoke(1, Read);
    const s2 = seq(register).onInvoke(1, Read).onInvokeAndReturn(0, Write('B'), WriteOk);
    expect(s1.equals(s2)).toBe(true);
  });
});
