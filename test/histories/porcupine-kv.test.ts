/**
 * The Porcupine kv line reader (histories/porcupine-kv.ts) against the general EDN reader: when
 * it takes a text, its ops are exactly the general reader's; when it does not, the general
 * reader reads the text, so bad input gets the general reader's `file:line: what is wrong`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryError, parseHistory, readEdnHistoryForms, toJepsenOps } from '../../histories/index.js';
import type { JepsenOp } from '../../histories/index.js';
import { readCanonicalKvOps } from '../../histories/porcupine-kv.js';
import { CORPUS_ROOT, requireCorpus } from './corpus.js';

requireCorpus();
const KV_FILES = ['c01-bad', 'c01-ok', 'c10-bad', 'c10-ok', 'c50-bad', 'c50-ok'].map((name) => `${CORPUS_ROOT}porcupine/kv/${name}.txt`);

/** The general reader's ops, or its error message. */
function generalOps(text: string): JepsenOp[] | string {
  try {
    return toJepsenOps(readEdnHistoryForms(text));
  } catch (error) {
    return String(error);
  }
}

/** Ops as plain data (the fields' own keys in order), so two readers' objects compare by content. */
const plain = (ops: readonly JepsenOp[]): unknown => ops.map((op) => ({ ...op, fields: Object.entries(op.fields) }));

describe('Porcupine kv line reader', () => {
  it('reads every kv corpus file exactly as the general reader does', () => {
    for (const file of KV_FILES) {
      const text = readFileSync(file, 'utf8');
      const fast = readCanonicalKvOps(text);
      expect(fast, file).not.toBeNull();
      expect(plain(fast!)).toEqual(plain(generalOps(text) as JepsenOp[]));
    }
  });

  // Lines near Porcupine's shape: each part is usually canonical and sometimes not (a long or
  // negative number, another keyword, an escape, a quote, a newline or a backslash in a string,
  // a missing comma, a blank line, a CRLF ending).
  /** Mostly a canonical part, sometimes an odd one. */
  const mostly = <T>(canonical: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: canonical, weight: 12 }, { arbitrary: odd, weight: 1 });
  const digits = mostly(fc.nat({ max: 60 }).map(String), fc.constantFrom('007', '123456789012345', '9007199254740993', '12345678901234567', '-1', '+2', '1.5', '3N'));
  const keyword = (canonical: readonly string[]) => mostly(fc.constantFrom(...canonical), fc.constantFrom('cas', 'read', 'invoke2', 'ok,', ''));
  const chars = mostly(fc.constantFrom('x', ' ', '0', '7', 'y', 'é', '}', ',', ':', ';', '\t', '\r'), fc.constantFrom('"', '\\', '\\n', '\\"', '\n'));
  const str = fc.array(chars, { maxLength: 8 }).map((cs) => `"${cs.join('')}"`);
  const value = mostly(fc.oneof(str, fc.constant('nil')), fc.constantFrom('nil ', '3', ':a', '[1 2]', '"a" "b"', 'nil,'));
  const separator = mostly(fc.constant(', '), fc.constantFrom(' ', ',', ',  '));
  const lineEnd = mostly(fc.constant('\n'), fc.constantFrom('\r\n', ' \n', '\n\n', ''));
  const line = fc
    .record({ process: digits, type: keyword(['invoke', 'ok', 'fail', 'info']), f: keyword(['get', 'put', 'append']), key: str, value, sep: separator, end: lineEnd })
    .map(({ process, type, f, key, value: v, sep, end }) => `{:process ${process}, :type :${type}${sep}:f :${f}, :key ${key}, :value ${v}}${end}`);

  it('on random lines near the shape, takes a text only when its ops are the general reader\'s', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
        const text = lines.join('');
        const fast = readCanonicalKvOps(text);
        if (fast === null) return;
        taken++;
        const general = generalOps(text);
        expect(typeof general, `the general reader fails on a text the line reader took: ${JSON.stringify(text)}`).toBe('object');
        expect(plain(fast)).toEqual(plain(general as JepsenOp[]));
      }),
      { numRuns: 3000 },
    );
    // The property is about taken texts: enough of them must be taken for it to say something.
    expect(taken).toBeGreaterThan(100);
  });

  it('gives bad lines to the general reader, which names the file and line', () => {
    const good = '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}\n{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}\n';
    // The last element: whether the line reader takes the text (its lines are canonical; the
    // mistake is found after reading, by the pairing, with the op's line).
    const cases: [string, RegExp, boolean?][] = [
      [`${good}{:process 1, :type :invoke, :f :get, :key "1", :value nil\n`, /^kv\.txt:4: unexpected end of file: '\{' opened at line 3/],
      [`${good}{:process 1, :type :invoke, :f :get, :key "1", :value "open}\n`, /^kv\.txt:3: unexpected end of file inside a string/],
      [`${good}{:process 1, :type :begin, :f :get, :key "1", :value nil}\n`, /^kv\.txt:3: unknown :type begin/],
      [`${good}{:process 1, :type :invoke, :f :get, :key "1", :value nil}\n{:process 1, :type :invoke, :f :get, :key "1", :value nil}\n`, /^kv\.txt:4: process 1 invokes again/, true],
      [`${good}{:process 99999999999999999, :type :invoke, :f :get, :key "1", :value nil}\n`, /^kv\.txt:3: the integer 99999999999999999 is too large/],
      [`${good}{:process 1, :type :invoke, :f :get, :key "1", :value nil}}\n`, /^kv\.txt:3: unexpected '\}' with nothing open/],
    ];
    for (const [text, message, taken = false] of cases) {
      expect(readCanonicalKvOps(text) !== null).toBe(taken);
      let thrown: unknown;
      try {
        parseHistory('kv.txt', text, { format: 'porcupine-kv' });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HistoryError);
      expect((thrown as HistoryError).message).toMatch(message);
    }
  });

  it('loads a kv text the same whichever reader takes it', () => {
    const text = readFileSync(KV_FILES[2], 'utf8');
    // A comment line sends the whole text to the general reader; the lines below it move down by one.
    const general = parseHistory('kv.txt', `; a comment\n${text}`, { format: 'porcupine-kv' });
    const fast = parseHistory('kv.txt', text, { format: 'porcupine-kv' });
    expect(fast.operations.map((op) => ({ ...op }))).toEqual(general.operations.map((op) => ({ ...op })));
    expect(fast.ops.map((op) => op.line + 1)).toEqual(general.ops.map((op) => op.line));
  });
});
