/**
 * Histories read as a stream of chunks against the same text read whole: the same forms with the
 * same lines, or the same `line: what is wrong` error, wherever the chunks are cut.
 */
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdnHistoryStream, loadHistoryFile, parseHistory, readEdnHistoryForms, toJepsenOps } from '../../histories/index.js';
import type { LoadedHistory, LocatedForm } from '../../histories/index.js';
import { readJsonLinesForms, readJsonLinesInto } from '../../histories/json-reader.js';
import { lineChunks } from '../../histories/line-chunks.js';
import { scratchFiles } from '../cli/check-harness.js';
import { CORPUS_ROOT, requireCorpus } from './corpus.js';

requireCorpus();

/** What reading gives: the forms, or the error's message. */
function outcome(read: () => LocatedForm[]): LocatedForm[] | string {
  try {
    return read();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The text cut after the given lines (chunks of whole lines, as lineChunks makes them), with each chunk's first line. */
function cutAtLines(text: string, cuts: readonly number[]): { text: string; firstLine: number; last: boolean }[] {
  const lines = text.split(/(?<=\n)/);
  // A cut may follow only a line that ends with a newline.
  const whole = text.endsWith('\n') ? lines.length : lines.length - 1;
  const points = [...new Set(cuts.map((c) => c % (whole + 1)))].sort((a, b) => a - b);
  const chunks: { text: string; firstLine: number; last: boolean }[] = [];
  let from = 0;
  for (const point of [...points, lines.length]) {
    if (point < from) continue;
    chunks.push({ text: lines.slice(from, point).join(''), firstLine: from + 1, last: false });
    from = point;
  }
  chunks[chunks.length - 1] = { ...chunks[chunks.length - 1], last: true };
  return chunks;
}

function streamEdn(chunks: readonly { text: string; firstLine: number; last: boolean }[]): LocatedForm[] {
  const forms: LocatedForm[] = [];
  const stream = new EdnHistoryStream((form) => forms.push(form));
  for (const chunk of chunks) stream.feed(chunk.text, chunk.firstLine, chunk.last);
  return forms;
}

function streamJsonLines(chunks: readonly { text: string; firstLine: number }[]): LocatedForm[] {
  const forms: LocatedForm[] = [];
  for (const chunk of chunks) readJsonLinesInto(chunk.text, chunk.firstLine, (form) => forms.push(form));
  return forms;
}

const EDN_TEXTS = [
  '{:type :invoke, :f :read, :process 0}\n{:type :ok, :f :read, :process 0, :value 1}\n',
  '[{:type :invoke, :f :read, :process 0}\n {:type :ok, :f :read,\n  :process 0, :value 1}]\n',
  '; comment\n(\n{:a 1}\n\n{:b "two\nlines"}\n)\n',
  '[{:a 1}]\n{:b 2}\n',
  '[{:a 1}\n]\n\n\n',
  '{:a #_ {:skipped\n 1} 2}\n{:c #inst\n "2020"}\n',
  '[{:a 1}\n {:b 2}\n',
  '[{:a 1}\n {:b 2]',
  '{:a "open\n\n',
  '{:a 1}\n{:a}\n{:b 2}\n',
  '{:a 1}\n]\n',
  '{:a 1/2}\n{:b\n2}\n',
  '{:a 1}\n#_\n',
  '\n\n  \n',
];

describe('EDN read as a stream', () => {
  it.each(EDN_TEXTS.map((text) => [JSON.stringify(text).slice(0, 60), text]))('cut at every line: %s', (_name, text) => {
    const whole = outcome(() => readEdnHistoryForms(text));
    const lines = text.split('\n').length;
    expect(outcome(() => streamEdn(cutAtLines(text, Array.from({ length: lines }, (_, i) => i))))).toEqual(whole);
  });

  it('cut anywhere between lines, on every corpus EDN file (property)', () => {
    const files = ['cas-register/good', 'cas-register/bad', 'multi-register/good', 'mutex/bad'].flatMap((dir) =>
      readdirSync(`${CORPUS_ROOT}knossos/${dir}`).map((name) => `${CORPUS_ROOT}knossos/${dir}/${name}`),
    );
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(fc.nat(), { maxLength: 20 }), (which, cuts) => {
        const text = texts[which];
        expect(outcome(() => streamEdn(cutAtLines(text, cuts)))).toEqual(outcome(() => readEdnHistoryForms(text)));
      }),
      { numRuns: 60 },
    );
  });

  it('truncated and damaged texts give the whole text\'s error (property)', () => {
    const text = readFileSync(`${CORPUS_ROOT}knossos/cas-register/bad/cas-failure.edn`, 'utf8').slice(0, 20_000);
    fc.assert(
      fc.property(fc.nat(text.length), fc.constantFrom('', '{', ']', '"', '#_', ' 1/2 ', '\n'), fc.array(fc.nat(), { maxLength: 8 }), (at, insert, cuts) => {
        const damaged = text.slice(0, at) + insert;
        expect(outcome(() => streamEdn(cutAtLines(damaged, cuts)))).toEqual(outcome(() => readEdnHistoryForms(damaged)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('JSON Lines read as a stream', () => {
  it('cut anywhere between lines (property)', () => {
    const text = '{"type":"invoke","f":"read","process":0}\n\n{"type":"ok","f":"read","process":0,"value":1}\n{"a": }\n{"b": 12345678901234567}\n';
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 6 }), (cuts) => {
        expect(outcome(() => streamJsonLines(cutAtLines(text, cuts)))).toEqual(outcome(() => readJsonLinesForms(text)));
      }),
    );
  });
});

describe('op indices', () => {
  it('a duplicate :index is reported at its second line with the first, as a Map of every index would (property)', () => {
    const index = fc.oneof(fc.integer({ min: -5, max: 60 }), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 2 ** 40 }));
    fc.assert(
      fc.property(fc.array(index, { minLength: 1, maxLength: 300 }), (indices) => {
        const forms = indices.map((i, k) => ({ value: { index: i, type: 'invoke', f: 'read', process: k }, line: k + 1 }));
        const seen = new Map<number, number>();
        let expected: string | undefined;
        for (const [k, i] of indices.entries()) {
          if (seen.has(i)) {
            expected = `line ${k + 1}: duplicate :index ${i} (also at line ${seen.get(i)})`;
            break;
          }
          seen.set(i, k + 1);
        }
        const got = outcome(() => toJepsenOps(forms) as unknown as LocatedForm[]);
        if (expected === undefined) expect(Array.isArray(got)).toBe(true);
        else expect(got).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('lineChunks', () => {
  it('gives whole lines with their numbers, multi-byte characters split between reads included', () => {
    const { file } = scratchFiles('stateright-chunks-');
    const text = 'ä€😀 one\n\ntwo 😀😀\nthree without a newline ä';
    const path = file('text.txt', text);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const fd = openSync(path, 'r');
      try {
        const chunks = [...lineChunks(fd, size)];
        expect(chunks.map((c) => c.text).join('')).toBe(text);
        expect(chunks.slice(0, -1).every((c) => c.text.endsWith('\n') && !c.last)).toBe(true);
        expect(chunks[chunks.length - 1].last).toBe(true);
        let before = '';
        for (const chunk of chunks) {
          expect(chunk.firstLine).toBe(before.split('\n').length);
          before += chunk.text;
        }
      } finally {
        closeSync(fd);
      }
    }
  });
});

describe('loadHistoryFile streams long files to what parseHistory reads from their text', () => {
  const { dir } = scratchFiles('stateright-stream-');
  const same = (a: LoadedHistory, b: LoadedHistory): void => {
    expect(a.format).toBe(b.format);
    expect(a.ops).toEqual(b.ops);
    expect(a.operations).toEqual(b.operations);
  };
  // Over two chunks of 1 MiB each, so the stream is really cut.
  const lines = (format: 'edn' | 'jsonl'): string[] =>
    Array.from({ length: 60_000 }, (_, i) => {
      const type = i % 2 === 0 ? 'invoke' : 'ok';
      const value = Math.floor(i / 2) % 5;
      return format === 'edn' ? `{:type :${type}, :f :write, :value ${value}, :process ${(i >> 1) % 7}}` : JSON.stringify({ type, f: 'write', value, process: (i >> 1) % 7 });
    });

  it.each(['edn', 'jsonl'] as const)('%s, valid and with an error near the end', (format) => {
    const text = lines(format).join('\n') + '\n';
    expect(text.length).toBeGreaterThan(2 ** 21);
    const path = join(dir, `long.${format}`);
    writeFileSync(path, text);
    same(loadHistoryFile(path), parseHistory(path, text));
    const broken = lines(format);
    broken[59_990] = format === 'edn' ? '{:type :ok, :f :write' : '{"type": "ok", "f":';
    writeFileSync(path, broken.join('\n'));
    const message = outcome(() => [parseHistory(path, broken.join('\n'))] as unknown as LocatedForm[]);
    expect(message).toMatch(format === 'edn' ? /:60000: unexpected end of file: '\{' opened at line 59991/ : /:59991: /);
    expect(outcome(() => [loadHistoryFile(path)] as unknown as LocatedForm[])).toBe(message);
    // A malformed op map early and a syntax error late: the syntax error is reported, as when the text is read whole.
    broken[10] = format === 'edn' ? '{:type :sideways, :f :write, :process 1}' : '{"type": "sideways", "f": "write", "process": 1}';
    writeFileSync(path, broken.join('\n'));
    expect(outcome(() => [loadHistoryFile(path)] as unknown as LocatedForm[])).toBe(message);
  });
});
