/** Knossos's preprocessing (P1–P6), the nil-read rule, model mapping and inference, independent keys. */
import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '../../consistency/index.js';
import { inferModel, parseHistory, verifyHistory } from '../../histories/index.js';
import type { LoadOptions } from '../../histories/index.js';

const edn = (text: string, options: LoadOptions = {}) => parseHistory('h.edn', text, { format: 'edn', ...options });
const verdict = (text: string, options: LoadOptions = {}) => verifyHistory(edn(text, options));

describe("Knossos's small inline cases (§3)", () => {
  it('register 0: invoke write 1, then :info write 1 → valid', () => {
    expect(verdict('{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :info :f :write :value 1}', { model: 'register', init: 0 }).valid).toBe(true);
  });
  it('register 0: invoke read 0, :ok read 0 → valid', () => {
    expect(verdict('{:process 0 :type :invoke :f :read :value 0}\n{:process 0 :type :ok :f :read :value 0}', { model: 'register', init: 0 }).valid).toBe(true);
  });
  it('register 0: invoke read 1, :ok read 1 → invalid at index 1, no previous ok', () => {
    const v = verdict('{:process 0 :type :invoke :f :read :value 1}\n{:process 0 :type :ok :f :read :value 1}', { model: 'register', init: 0 });
    expect(v.valid).toBe(false);
    expect(v.op).toMatchObject({ index: 1, line: 2 });
    expect(v.previousOk).toBeNull();
  });
  it('preserves file indices (preserves-indices-test: 5, 7, 99, 100)', () => {
    const v = verdict(
      '{:index 5 :process 0 :type :invoke :f :write :value 1}\n{:index 7 :process 0 :type :ok :f :write :value 1}\n{:index 99 :process 1 :type :invoke :f :read :value nil}\n{:index 100 :process 1 :type :ok :f :read :value 2}',
      { model: 'register', init: 0 },
    );
    expect([v.op?.index, v.previousOk?.index]).toEqual([100, 7]);
  });
});

describe('preprocessing', () => {
  it('P3: an :ok value replaces the invocation value; a nil read is unknown (§2.7)', () => {
    const h = edn('{:process 0 :type :invoke :f :read :value nil}\n{:process 0 :type :ok :f :read :value 3}\n{:process 1 :type :invoke :f :read :value 5}\n{:process 1 :type :ok :f :read :value nil}');
    expect(h.operations.map((op) => op.output)).toEqual([3, UNKNOWN]);
  });
  it('P4: failed ops are dropped with their invocations; a :fail must repeat its invocation value', () => {
    expect(edn('{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :fail :f :write :value 1}').operations).toEqual([]);
    expect(() => edn('{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :fail :f :write :value 2}')).toThrow(/h.edn:2: :fail value 2 differs/);
  });
  it('P2/P5: :info makes an op indeterminate; unfinished invocations too; :info with nothing open is ignored', () => {
    const h = edn('{:process :nemesis :type :info :f :start}\n{:process 0 :type :invoke :f :write :value 1}\n{:process 3 :type :info :f :write :value 9}\n{:process 0 :type :info :f :write :value 1}\n{:process 1 :type :invoke :f :write :value 2}');
    expect(h.operations.map((op) => [op.id, op.status, op.input])).toEqual([
      [3, 'info', { f: 'write', value: 1 }],
      [5, 'info', { f: 'write', value: 2 }],
    ]);
    expect(h.paired.ignoredInfos).toBe(1);
  });
  it('rejects a second invocation by a crashed process', () => {
    expect(() => edn('{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :info :f :write :value 1}\n{:process 0 :type :invoke :f :read}')).toThrow(
      /h.edn:3: process 0 invokes again, but its operation invoked at line 1 crashed/,
    );
  });
  it('rejects a completion whose :f differs from its invocation', () => {
    expect(() => edn('{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :ok :f :read :value 1}')).toThrow(/h.edn:2: .*the :f must match/);
  });
});

describe('models', () => {
  it('infers the model from the :f names when they fit one', () => {
    expect(inferModel(new Set(['read', 'write']))).toBe('register');
    expect(inferModel(new Set(['read', 'write', 'cas']))).toBe('cas-register');
    expect(inferModel(new Set(['acquire', 'release']))).toBe('mutex');
    expect(inferModel(new Set(['enqueue', 'dequeue']))).toHaveProperty('reason');
    expect(() => edn('{:process 0 :type :invoke :f :enqueue :value 1}')).toThrow(/pass --model/);
  });
  it('maps queues, sets and transactions', () => {
    expect(verdict('{:process 0 :type :invoke :f :enqueue :value 1}\n{:process 0 :type :ok :f :enqueue :value 1}\n{:process 1 :type :invoke :f :dequeue}\n{:process 1 :type :ok :f :dequeue :value 2}', { model: 'fifo-queue' }).valid).toBe(false);
    expect(verdict('{:process 0 :type :invoke :f :add :value 1}\n{:process 0 :type :ok :f :add :value 1}\n{:process 1 :type :invoke :f :read}\n{:process 1 :type :ok :f :read :value #{1}}', { model: 'set' }).valid).toBe(true);
    expect(verdict('{:process 0 :type :invoke :f :txn :value [[:write :x 1] [:read :y nil]]}\n{:process 0 :type :ok :f :txn :value [[:write :x 1] [:read :y 0]]}', { model: 'multi-register', init: { x: 0, y: 0 } }).valid).toBe(true);
  });
  it('rejects a value of the wrong shape with its line', () => {
    expect(() => edn('{:process 0 :type :invoke :f :cas :value 3}\n{:process 0 :type :ok :f :cas :value 3}', { model: 'cas-register' })).toThrow(/h.edn:2: :cas needs \[expected new\]/);
  });
  it('checks sequential consistency too', () => {
    const stale = '{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :ok :f :write :value 1}\n{:process 1 :type :invoke :f :read}\n{:process 1 :type :ok :f :read :value 0}';
    expect(verifyHistory(edn(stale, { init: 0 }), { consistency: 'sequential' }).valid).toBe(true);
    expect(verifyHistory(edn(stale, { init: 0 })).valid).toBe(false);
  });
});

describe('independent keys', () => {
  const text = '[{:process 0 :type :invoke :f :write :value [:a 1]}\n{:process 0 :type :ok :f :write :value [:a 1]}\n{:process 1 :type :invoke :f :read :value [:b nil]}\n{:process 1 :type :ok :f :read :value [:b 1]}]';
  it('checks each key on its own and reports each', () => {
    const v = verdict(text, { independent: true });
    expect(v.valid).toBe(false);
    expect(v.keys?.map((k) => [k.key, k.valid])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(v.op).toMatchObject({ index: 3, key: 'b', value: 1 });
  });
  it('rejects values that are not [key value] tuples', () => {
    expect(() => edn('{:process 0 :type :invoke :f :write :value 1}', { independent: true })).toThrow(/h.edn:1: with --independent/);
  });
});
