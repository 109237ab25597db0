/**
 * Multi-register histories from Jepsen tests that name their transactions :read, :write and :txn
 * alike, every value a micro-op vector: the multi-register model takes any :f with such a value,
 * and model inference picks it.
 */
import { describe, expect, it } from 'vitest';
import { HistoryError, parseHistory, verifyHistory } from '../../histories/index.js';
import type { LoadOptions } from '../../histories/index.js';

const lines = (...ops: string[]): string => ops.join('\n');
const edn = (text: string, options: LoadOptions = {}) => parseHistory('h.edn', text, { format: 'edn', ...options });

// Process 0 writes register 9, process 1 reads registers 0 and 9 concurrently, then a :txn does both.
const HISTORY = lines(
  '{:process 0 :type :invoke :f :write :value [[:w 9 1]]}',
  '{:process 1 :type :invoke :f :read :value [[:r 0 nil] [:r 9 nil]]}',
  '{:process 0 :type :ok :f :write :value [[:w 9 1]]}',
  '{:process 1 :type :ok :f :read :value [[:r 0 nil] [:r 9 READ]]}',
  '{:process 0 :type :invoke :f :txn :value [[:w 0 2] [:r 9 nil]]}',
  '{:process 0 :type :ok :f :txn :value [[:w 0 2] [:r 9 1]]}',
  '{:process 1 :type :invoke :f :read :value [[:r 0 nil]]}',
  '{:process 1 :type :ok :f :read :value [[:r 0 LAST]]}',
);
const history = (read: string, last: string): string => HISTORY.replace('READ', read).replace('LAST', last);

describe('micro-op transactions named :read, :write and :txn', () => {
  it('are inferred as multi-register and checked', () => {
    const loaded = edn(history('1', '2'));
    expect(loaded.modelName).toBe('multi-register');
    expect(loaded.operations.map((op) => op.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(verifyHistory(loaded).valid).toBe(true);
  });
  it('a read of 9 as nil before the write is fine (Knossos: nil reads accept anything); a stale read of 0 is not', () => {
    expect(verifyHistory(edn(history('nil', '2'))).valid).toBe(true);
    const verdict = verifyHistory(edn(history('1', '0')));
    expect(verdict.valid).toBe(false);
    expect(verdict.op).toMatchObject({ f: 'read', index: 7, line: 8 });
  });
  it('a read of a value nobody wrote is refuted', () => {
    expect(verifyHistory(edn(history('5', '2'))).valid).toBe(false);
  });
  it('a register history keeps the register model', () => {
    expect(edn(lines('{:process 0 :type :invoke :f :write :value 1}', '{:process 0 :type :ok :f :write :value 1}')).modelName).toBe('register');
  });
  it('an :ok whose value is not a micro-op list is an input error naming the line', () => {
    const bad = lines('{:process 0 :type :invoke :f :read :value [[:r 0 nil]]}', '{:process 0 :type :ok :f :read :value 3}');
    expect(() => edn(bad)).toThrow(HistoryError);
    expect(() => edn(bad)).toThrow(/h\.edn:2: .*micro-ops/);
  });
});
