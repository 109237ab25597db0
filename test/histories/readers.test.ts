/** The EDN and JSON readers, format detection, and the JSON Lines and Porcupine line formats. */
import { describe, expect, it } from 'vitest';
import { detectFormat, parseHistory, readEdnHistoryForms, readEdnValue, readJsonHistoryForms, readJsonLinesForms } from '../../histories/index.js';

describe('EDN reader', () => {
  it('reads every construct Jepsen histories use', () => {
    expect(readEdnValue('{:a 1, :b -2 :c 1.5 :d nil :e true :f false :g "s\\"q\\n" :h [1 (2) #{3}] :i :ns/kw}')).toEqual({
      a: 1,
      b: -2,
      c: 1.5,
      d: null,
      e: true,
      f: false,
      g: 's"q\n',
      h: [1, [2], [3]],
      i: 'ns/kw',
    });
    expect(readEdnValue('[1 #_ 2 3 ; comment\n 4]')).toEqual([1, 3, 4]);
    expect(readEdnValue('9007199254740991')).toBe(9007199254740991);
    expect(readEdnValue('12N')).toBe(12);
    expect(readEdnValue('#inst "2020-01-01"')).toBe('2020-01-01');
    expect(readEdnValue('\\a')).toBe('a');
  });

  it('rejects integers that a double cannot hold exactly', () => {
    expect(() => readEdnValue('9007199254740993')).toThrow(/too large/);
  });

  it('reads a vector, a list, or a stream of bare maps, with each op\'s line', () => {
    const ops = '{:type :invoke, :f :read, :process 0}\n{:type :ok, :f :read, :process 0, :value 1}\n';
    const expectLines = (text: string, lines: number[]) => expect(readEdnHistoryForms(text).map((f) => f.line)).toEqual(lines);
    expectLines(`[${ops}]`, [1, 2]);
    expectLines(`; comment\n(${ops})`, [2, 3]);
    expectLines(ops, [1, 2]);
    expectLines(`\n\n${ops}`, [3, 4]);
  });

  it('reports syntax errors with their line', () => {
    expect(() => readEdnHistoryForms('[{:a 1}\n {:b 2}\n')).toThrow(/line 3: unexpected end of file: '\[' opened at line 1/);
    expect(() => readEdnHistoryForms('[{:a 1}\n {:b 2]')).toThrow(/line 2: '\]' does not match '\{'/);
    expect(() => readEdnHistoryForms('{:a "open\n\n')).toThrow(/line 1: unexpected end of file inside a string/);
    expect(() => readEdnHistoryForms('{:a}')).toThrow(/key without a value/);
    expect(() => readEdnHistoryForms(']')).toThrow(/nothing open/);
    expect(() => readEdnHistoryForms('{:a 1/2}')).toThrow(/ratios/);
    expect(() => readEdnHistoryForms('['.repeat(10_000))).toThrow(/nested more than/);
    expect(() => readEdnHistoryForms('#_'.repeat(100_000))).toThrow(/nested more than/);
    expect(() => readEdnHistoryForms('#a '.repeat(100_000))).toThrow(/nested more than/);
    expect(() => readEdnHistoryForms('{'.repeat(100_000))).toThrow(/nested more than/);
  });
});

describe('JSON reader', () => {
  it('reads an array of op objects with each element\'s line', () => {
    const forms = readJsonHistoryForms('[\n  {"type": "invoke", "f": "read", "process": 0},\n  {"type": "ok", "f": "read", "process": 0, "value": [1, 2.5, null, true]}\n]\n');
    expect(forms.map((f) => f.line)).toEqual([2, 3]);
    expect(forms[1].value).toEqual({ type: 'ok', f: 'read', process: 0, value: [1, 2.5, null, true] });
  });

  it('reports errors with their line', () => {
    expect(() => readJsonHistoryForms('[\n{"a": 1},\n{"a": }\n]')).toThrow(/line 3: unexpected '}'/);
    expect(() => readJsonHistoryForms('[{"a": 1},\n{"a": 2}')).toThrow(/line 2: unexpected end of file/);
    expect(() => readJsonHistoryForms('[{"a": 9007199254740993}]')).toThrow(/too large/);
    expect(() => readJsonHistoryForms("[{'a': 1}]")).toThrow(/double quotes/);
    expect(() => readJsonHistoryForms('{"a": 1}')).toThrow(/--format jsonl/);
  });

  it('reads JSON Lines, skipping blank lines', () => {
    const forms = readJsonLinesForms('{"type":"invoke","f":"read","process":0}\n\n{"type":"ok","f":"read","process":0,"value":1}\n');
    expect(forms.map((f) => f.line)).toEqual([1, 3]);
    expect(() => readJsonLinesForms('{"a":1}\n{"a":1} {"b":2}\n')).toThrow(/line 2: unexpected text/);
  });
});

describe('format detection', () => {
  it.each([
    ['[{:type :invoke}]', 'edn'],
    ['; c\n({:type :invoke})', 'edn'],
    ['{:type :invoke}\n{:type :ok}', 'edn'],
    ['[{"type":"invoke"}]', 'json'],
    ['[\n  {\n "type": "invoke"}]', 'json'],
    ['{"type":"invoke"}\n', 'jsonl'],
    ['INFO  jepsen.util - 2\t:invoke\t:write\t4\n', 'porcupine-etcd'],
    ['{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}\n', 'porcupine-kv'],
  ])('%j is %s', (text, format) => {
    expect(detectFormat(text)).toBe(format);
  });
  it('finds nothing in an empty or blank file', () => {
    expect(detectFormat('')).toBeNull();
    expect(detectFormat(' \n\t\n')).toBeNull();
  });
});

describe('Porcupine etcd lines', () => {
  it('reads tab- and space-separated columns alike, and skips other lines', () => {
    const text = 'lein test output\nINFO  jepsen.util - 2\t:invoke\t:cas\t[1 2]\nINFO  jepsen.util - :nemesis :info :start nil\nINFO  jepsen.util - 2   :fail   :cas    [1 2]\n';
    const h = parseHistory('etcd.log', text);
    expect(h.ops.map((op) => [op.line, op.type, op.value])).toEqual([
      [2, 'invoke', [1, 2]],
      [4, 'fail', [1, 2]],
    ]);
    // Porcupine's reading: a failed cas happened, and its compare failed.
    expect(h.operations).toMatchObject([{ status: 'ok', output: false, input: { f: 'cas', expected: 1, value: 2 } }]);
  });
});
