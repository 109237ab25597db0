/** `stateright check`: verdicts, exit codes, JSON output, bad input, directories, progress. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckCaptured, scratchFiles } from './check-harness.js';
import { progressReporter } from '../../cli/progress.js';

const { dir, file } = scratchFiles('stateright-check-');
const run = runCheckCaptured;

const VALID = file('ok.edn', '[{:process 0 :type :invoke :f :write :value 1}\n {:process 0 :type :ok :f :write :value 1}\n {:process 1 :type :invoke :f :read}\n {:process 1 :type :ok :f :read :value 1}]\n');
const INVALID = file('bad.edn', '[{:process 0 :type :invoke :f :write :value 1}\n {:process 0 :type :ok :f :write :value 1}\n {:process 1 :type :invoke :f :read}\n {:process 1 :type :ok :f :read :value 2}]\n');

describe('verdicts and exit codes', () => {
  it('exits 0 when every file is valid', () => {
    const { code, stdout } = run([VALID]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ok\.edn: linearizable \(register, 2 ops/);
  });
  it('exits 1 when a file is invalid, naming the failing op and the previous ok op', () => {
    const { code, stdout } = run([VALID, INVALID]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/bad\.edn: NOT linearizable/);
    expect(stdout).toMatch(/fails at process 1: :ok :read 2 \(index 3, line 4\) = read 2/);
    expect(stdout).toMatch(/previous ok: process 0: :ok :write 1 \(index 1, line 2\)/);
  });
  it('exits 3 when nothing is invalid but a verdict is unknown', () => {
    const { code, stdout } = run([VALID], { timeout: 1e-12 });
    expect(code).toBe(3);
    expect(stdout).toMatch(/unknown \(timed out\)/);
  });
  it('prints one JSON object per file with --json', () => {
    const { code, stdout } = run([VALID, INVALID], { json: true });
    expect(code).toBe(1);
    const [ok, bad] = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(ok).toMatchObject({ file: VALID, valid: true, model: 'register', consistency: 'linearizable', ops: 2 });
    expect(typeof ok.ms).toBe('number');
    expect(bad).toMatchObject({ valid: false, op: { index: 3, process: 1, f: 'read', value: 2 }, previousOk: { index: 1, process: 0, f: 'write', value: 1 } });
  });
  it('takes --model, --init and --consistency', () => {
    const stale = file('stale.edn', '{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read :value 0}\n');
    expect(run([stale], { model: 'cas-register', init: '0' }).code).toBe(0);
    expect(run([stale], { model: 'cas-register', init: '5' }).code).toBe(1);
    expect(run([INVALID], { consistency: 'sequential' }).code).toBe(1);
    expect(run([stale], { init: '{oops' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/--init must be JSON/) });
    expect(run([stale], { model: 'mutex', init: '3' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/--init for mutex must be/) });
  });
  it('checks the bundled examples as their names say (npm start)', () => {
    const examples = new URL('../../histories/examples/', import.meta.url).pathname;
    expect(run([examples], { expectFromNames: true }).code).toBe(0);
    expect(run([`${examples}independent`], { expectFromNames: true, independent: true }).code).toBe(0);
    const mislabelled = file('really-valid-invalid.edn', '{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :ok :f :write :value 1}\n');
    expect(run([mislabelled], { expectFromNames: true })).toMatchObject({ code: 1, stdout: expect.stringMatching(/UNEXPECTED/) });
  });
});

describe('bad input: file:line: what is wrong, exit 2, other files still checked', () => {
  const cases: [string, string, string, RegExp][] = [
    ['malformed EDN', 'm.edn', '[{:process 0 :type :invoke :f :read}\n {:process 0 :type ]\n', /m\.edn:2: '\]' does not match/],
    ['malformed JSON', 'm.json', '[{"process": 0,\n "type": }]', /m\.json:2: unexpected '}'/],
    ['malformed JSON Lines', 'm.jsonl', '{"process":0,"type":"invoke","f":"read"}\n{"process":0,"type":"ok",\n', /m\.jsonl:2: unexpected end of file/],
    ['a truncated file', 't.edn', '[{:process 0 :type :invoke :f :write :value 1}\n {:process 0 :type :ok :f :wr', /t\.edn:2: unexpected end of file/],
    ['an unknown :type', 'u.edn', '{:process 0 :type :invoke :f :read}\n{:process 0 :type :done :f :read}\n', /u\.edn:2: unknown :type done/],
    ['an :f the model does not know', 'f.edn', '{:process 0 :type :invoke :f :cas :value [1 2]}\n{:process 0 :type :ok :f :cas :value [1 2]}\n', /f\.edn:1: the register model has no :cas/],
    ['a return with no invocation', 'r.edn', '{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read}\n{:process 0 :type :ok :f :read}\n', /r\.edn:3: :ok by process 0, but it has no invocation in flight/],
    ['a second invocation in flight', 's.edn', '{:process 0 :type :invoke :f :read}\n{:process 0 :type :invoke :f :read}\n', /s\.edn:2: process 0 invokes again, but it already has an operation in flight \(invoked at line 1\)/],
    ['a duplicate :index', 'd.edn', '{:index 0 :process 0 :type :invoke :f :read}\n{:index 0 :process 0 :type :ok :f :read}\n', /d\.edn:2: duplicate :index 0 \(also at line 1\)/],
    ['a value of the wrong shape', 'w.edn', '{:process 0 :type :invoke :f :cas :value 7}\n{:process 0 :type :ok :f :cas :value 7}\n', /w\.edn:2: :cas needs \[expected new\]/],
    ['an empty file', 'e.edn', '', /e\.edn: the file is empty/],
    ['a blank file', 'b.edn', '\n  \n', /b\.edn: the file is empty/],
    ['a big integer', 'i.edn', '{:process 0 :type :invoke :f :write :value 123456789012345678901}\n', /i\.edn:1: the integer .* too large/],
  ];
  it.each(cases)('%s', (_what, name, text, message) => {
    const path = file(name, text);
    const model = name === 'w.edn' ? 'cas-register' : name === 'f.edn' ? 'register' : undefined;
    const { code, stdout, stderr } = run([path, VALID], { model });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toMatch(/ok\.edn: linearizable/);
  });
  it('a missing file', () => {
    const { code, stderr, stdout } = run([join(dir, 'nope.edn'), VALID]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope\.edn: no such file/);
    expect(stdout).toMatch(/ok\.edn: linearizable/);
  });
  it('a directory is expanded to its history files; one without any is an error', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'notes.md'), 'not a history');
    expect(run([empty])).toMatchObject({ code: 2, stderr: expect.stringMatching(/empty: is a directory with no history files/) });
    const some = join(dir, 'some');
    mkdirSync(some, { recursive: true });
    writeFileSync(join(some, 'a.edn'), '{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read}\n');
    expect(run([some])).toMatchObject({ code: 0, stdout: expect.stringMatching(/a\.edn: linearizable/) });
  });
  it('reports errors as JSON objects too with --json', () => {
    const { code, stdout } = run([join(dir, 'nope.edn')], { json: true });
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ error: { line: 0, message: 'no such file' } });
  });
});

describe('progress', () => {
  const progress = { partitionsDone: 1, partitions: 3, configurations: 12_345, elapsedMs: 1500 };
  it('rewrites one line on a terminal, after the first second only', () => {
    let out = '';
    const reporter = progressReporter({ isTTY: true, write: (t: string) => (out += t) }, { json: false, stdoutIsTTY: true });
    const onProgress = reporter.forFile('h.edn');
    onProgress({ ...progress, elapsedMs: 500 });
    expect(out).toBe('');
    onProgress(progress);
    onProgress({ ...progress, elapsedMs: 2500 });
    reporter.finish();
    expect(out.split('\r\x1b[K').filter(Boolean)).toEqual(['checking h.edn: 1.5 s, 12k configurations, 1/3 partitions done', 'checking h.edn: 2.5 s, 12k configurations, 1/3 partitions done']);
  });
  it('prints an occasional plain line otherwise, and nothing for --json to a pipe', () => {
    let out = '';
    const plain = progressReporter({ isTTY: false, write: (t: string) => (out += t) }, { json: false, stdoutIsTTY: false }).forFile('h.edn');
    plain(progress);
    plain({ ...progress, elapsedMs: 2000 });
    expect(out.trim().split('\n').length).toBe(1);
    out = '';
    progressReporter({ isTTY: false, write: (t: string) => (out += t) }, { json: true, stdoutIsTTY: false }).forFile('h.edn')(progress);
    expect(out).toBe('');
  });
});

describe('sequential consistency is not checked key by key', () => {
  // Store buffering: each process puts one key, then reads the other key's initial value.
  const STORE_BUFFERING = file(
    'store-buffering.jsonl',
    [
      '{"type":"invoke","process":0,"f":"put","key":"x","value":"1"}',
      '{"type":"ok","process":0,"f":"put","key":"x","value":"1"}',
      '{"type":"invoke","process":1,"f":"put","key":"y","value":"1"}',
      '{"type":"ok","process":1,"f":"put","key":"y","value":"1"}',
      '{"type":"invoke","process":0,"f":"get","key":"y","value":null}',
      '{"type":"ok","process":0,"f":"get","key":"y","value":""}',
      '{"type":"invoke","process":1,"f":"get","key":"x","value":null}',
      '{"type":"ok","process":1,"f":"get","key":"x","value":""}',
    ].join('\n') + '\n',
  );
  for (const model of ['kv', 'kv-nopartition'] as const) {
    it(`--model ${model} --consistency sequential: NOT sequentially consistent`, () => {
      const { code, stdout } = run([STORE_BUFFERING], { model, consistency: 'sequential' });
      expect(code).toBe(1);
      expect(stdout).toMatch(/store-buffering\.jsonl: NOT sequentially consistent/);
    });
  }
});
