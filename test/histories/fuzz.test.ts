/**
 * Fuzzing every parser with random and mutated inputs: the only exception allowed is the typed
 * HistoryError, and no input takes a second (a loose bound against pathological slowness).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryError, parseHistory } from '../../histories/index.js';
import type { FormatName, LoadOptions } from '../../histories/index.js';
import { CORPUS_ROOT, requireCorpus } from './corpus.js';

requireCorpus();
const seeds = [
  readFileSync(`${CORPUS_ROOT}knossos/cas-register/bad/cas-failure.edn`, 'utf8').slice(0, 3000),
  readFileSync(`${CORPUS_ROOT}knossos/multi-register/good/multi-register.edn`, 'utf8').slice(0, 3000),
  readFileSync(`${CORPUS_ROOT}knossos/json-from-elle-cli/etcd-mutex.json`, 'utf8').slice(0, 3000) + ']',
  readFileSync(`${CORPUS_ROOT}porcupine/jepsen/etcd_100.log`, 'utf8').slice(0, 2000),
  readFileSync(`${CORPUS_ROOT}porcupine/kv/c10-bad.txt`, 'utf8').slice(0, 3000),
  '{"type":"invoke","process":0,"f":"write","value":["a",1]}\n{"type":"ok","process":0,"f":"write","value":["a",1]}\n',
];

const ALPHABET = '[]{}()#_;:,"\\ \n\t-+.0123456789eENMnilrueafsINFO/\'xyz:invoke:ok:fail:info:f:type:process:value:index'.split('');
const randomText = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 300 }).map((chars) => chars.join(''));

/** A seed with a few characters inserted, deleted or replaced, and possibly truncated. */
const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...ALPHABET)), { minLength: 1, maxLength: 8 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([seed, edits, cut]) => {
    let text = seed;
    for (const [at, kind, ch] of edits) {
      const i = text.length === 0 ? 0 : at % text.length;
      text = kind === 'insert' ? text.slice(0, i) + ch + text.slice(i) : kind === 'delete' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i + 1);
    }
    return cut === undefined || text.length === 0 ? text : text.slice(0, cut % text.length);
  });

const FORMATS: (FormatName | 'auto')[] = ['auto', 'edn', 'json', 'jsonl', 'porcupine-etcd', 'porcupine-kv'];
const optionSets: LoadOptions[] = [{}, { model: 'cas-register', init: 0 }, { independent: true }, { model: 'kv' }, { model: 'multi-register' }];

function parseSafely(text: string, format: FormatName | 'auto', options: LoadOptions): void {
  const started = performance.now();
  try {
    parseHistory('fuzz', text, { ...options, format });
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    expect(error.message.startsWith('fuzz')).toBe(true);
  }
  expect(performance.now() - started).toBeLessThan(1000);
}

describe('fuzzing the parsers', () => {
  for (const format of FORMATS) {
    it(`${format}: 2,000 random and mutated inputs raise only HistoryError`, () => {
      fc.assert(
        fc.property(fc.oneof(randomText, mutated), fc.constantFrom(...optionSets), (text, options) => parseSafely(text, format, options)),
        { numRuns: 2000 },
      );
    });
  }
});
