/**
 * A history's header (`{"model": ..., "init": ...}` before the first op) makes reads of the
 * initial value real values: they must be explained by the order, as any other read.
 */
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHistoryFile, HistoryError, parseHistory, verifyHistory } from '../../histories/index.js';
import type { LoadOptions } from '../../histories/index.js';

const op = (type: string, process: number, f: string, value: unknown): string => JSON.stringify({ type, process, f, value });
const REGISTER_HEADER = JSON.stringify({ model: 'register', init: 'init' });

/** A write of v1 acknowledged, then a read of the initial value: not linearizable. */
const STALE_READ = [op('invoke', 0, 'write', 'v1'), op('ok', 0, 'write', 'v1'), op('invoke', 1, 'read', null), op('ok', 1, 'read', 'init')];
/** A read of the initial value, then a write: linearizable. */
const FRESH_READ = [op('invoke', 1, 'read', null), op('ok', 1, 'read', 'init'), op('invoke', 0, 'write', 'v1'), op('ok', 0, 'write', 'v1')];

const verdict = (lines: readonly string[], options: LoadOptions = {}, name = 'h.jsonl') => verifyHistory(parseHistory(name, `${lines.join('\n')}\n`, options)).valid;

describe('history header', () => {
  it('the initial value is the register initial state: a read of it after an acknowledged write is rejected', () => {
    expect(verdict([REGISTER_HEADER, ...STALE_READ])).toBe(false);
    expect(verdict([REGISTER_HEADER, ...FRESH_READ])).toBe(true);
    // Without the header, "init" is a value nobody wrote.
    expect(verdict(FRESH_READ)).toBe(false);
  });

  it('a read of nil stays "any value" (Knossos), header or not', () => {
    const nilRead = [op('invoke', 0, 'write', 'v1'), op('ok', 0, 'write', 'v1'), op('invoke', 1, 'read', null), op('ok', 1, 'read', null)];
    expect(verdict(nilRead)).toBe(true);
    expect(verdict([REGISTER_HEADER, ...nilRead])).toBe(true);
  });

  it('the header is not an op: indices and lines of the ops are those of a file without it', () => {
    const h = parseHistory('h.jsonl', `${[REGISTER_HEADER, ...STALE_READ].join('\n')}\n`);
    expect(h.ops.map((o) => o.index)).toEqual([0, 1, 2, 3]);
    expect(h.ops.map((o) => o.line)).toEqual([2, 3, 4, 5]);
    expect(h.init).toBe('init');
  });

  it('command-line options win: --init and --model replace the header', () => {
    expect(verdict([REGISTER_HEADER, ...FRESH_READ], { init: 'x' })).toBe(false);
    expect(parseHistory('h.jsonl', [REGISTER_HEADER, ...FRESH_READ].join('\n'), { model: 'cas-register' }).modelName).toBe('cas-register');
  });

  it('names the model, so a write-once history needs no flag; its initial value reads as the empty register', () => {
    const header = JSON.stringify({ model: 'write-once-register', init: 'init' });
    // A failed write is a result in a write-once register: v2 failed because v1 was there.
    const ok = [...FRESH_READ, op('invoke', 2, 'write', 'v2'), op('fail', 2, 'write', 'v2'), op('invoke', 1, 'read', null), op('ok', 1, 'read', 'v1')];
    const h = parseHistory('h.jsonl', [header, ...ok].join('\n'));
    expect(h.modelName).toBe('write-once-register');
    expect(verifyHistory(h).valid).toBe(true);
    expect(verdict([header, ...STALE_READ])).toBe(false);
    // Inferred without the header: a register, in which the failed write could not be told apart.
    expect(parseHistory('h.jsonl', ok.join('\n')).modelName).toBe('register');
  });

  it('works in EDN and in files read as a stream, and through checkHistoryFile', () => {
    const edn = `{:init 0}\n{:type :invoke, :process 0, :f :write, :value 1}\n{:type :ok, :process 0, :f :write, :value 1}\n{:type :invoke, :process 1, :f :read}\n{:type :ok, :process 1, :f :read, :value 0}\n`;
    expect(verifyHistory(parseHistory('h.edn', edn)).valid).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'history-header-'));
    writeFileSync(join(dir, 'h.edn'), edn);
    writeFileSync(join(dir, 'h.jsonl'), `${[REGISTER_HEADER, ...STALE_READ].join('\n')}\n`);
    expect(checkHistoryFile(join(dir, 'h.edn')).valid).toBe(false);
    expect(checkHistoryFile(join(dir, 'h.jsonl')).valid).toBe(false);
  });

  it('a malformed header is a file:line error', () => {
    const error = (header: string, rest: readonly string[] = STALE_READ): string => {
      try {
        parseHistory('h.jsonl', [header, ...rest].join('\n'));
      } catch (e) {
        expect(e).toBeInstanceOf(HistoryError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(error('{"init":"init","seed":3}')).toBe('h.jsonl:1: a history header holds only :init and :model, not :seed (an op needs a :type)');
    expect(error('{"model":"registr"}')).toBe('h.jsonl:1: the header\'s :model must name a model such as "register", got registr');
    expect(error('{"init":null}')).toMatch(/^h\.jsonl:1: the header's :init must not be nil/);
    const kv = [JSON.stringify({ type: 'invoke', process: 0, f: 'get', key: 'a', value: null }), JSON.stringify({ type: 'ok', process: 0, f: 'get', key: 'a', value: '' })];
    expect(error('{"init":"x"}', kv)).toMatch(/^h\.jsonl:1: the header's :init: /);
    // A map without :type that is not a header is still reported as an op.
    expect(error('{"process":0,"f":"read"}')).toBe('h.jsonl:1: the op has no :type (expected :invoke, :ok, :fail or :info)');
  });
});
