/**
 * A tiny test-only reader for the reference corpora (../shared/corpora), so the explain tests do
 * not depend on histories/ while it is being written. It reads just the EDN subset of the Knossos
 * files (corpora README §2) and the Porcupine etcd log lines (§4.2–4.4).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UNKNOWN } from '../../consistency/model.js';
import type { Operation } from '../../consistency/model.js';
import type { CasRegisterInput, MutexInput } from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPORA = resolve(repoRoot, '../shared/corpora');

export function corporaPath(...parts: string[]): string {
  if (!existsSync(CORPORA)) throw new Error(`reference corpora not found at ${CORPORA}: the explain tests need ../shared/corpora beside the checkout`);
  return join(CORPORA, ...parts);
}

type Edn = Value;

/** Parses every top-level form of the EDN subset used by the corpus. Keywords become strings. */
export function parseEdn(text: string): Edn[] {
  let i = 0;
  const skip = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === ';') while (i < text.length && text[i] !== '\n') i++;
      else if (c === ' ' || c === ',' || c === '\n' || c === '\t' || c === '\r') i++;
      else break;
    }
  };
  const form = (): Edn => {
    skip();
    const c = text[i];
    if (c === '{' || c === '[' || c === '(') {
      const close = c === '{' ? '}' : c === '[' ? ']' : ')';
      i++;
      const items: Edn[] = [];
      for (skip(); text[i] !== close; skip()) items.push(form());
      i++;
      if (c !== '{') return items;
      const map: Record<string, Edn> = {};
      for (let k = 0; k < items.length; k += 2) map[String(items[k])] = items[k + 1];
      return map;
    }
    if (c === '"') {
      let s = '';
      for (i++; text[i] !== '"'; i++) s += text[i] === '\\' ? text[++i] : text[i];
      i++;
      return s;
    }
    const start = i;
    while (i < text.length && !/[\s,{}[\]()]/.test(text[i])) i++;
    const token = text.slice(start, i);
    if (token === 'nil') return null;
    if (token === 'true' || token === 'false') return token === 'true';
    if (/^-?\d+$/.test(token)) return Number(token);
    return token.startsWith(':') ? token.slice(1) : token;
  };
  const forms: Edn[] = [];
  for (skip(); i < text.length; skip()) forms.push(form());
  return forms;
}

interface RawOp {
  readonly type: string;
  readonly f: string;
  readonly process: Value;
  readonly value: Value;
  readonly index: number;
}

/**
 * Pairs Knossos ops (README §2.5): failed ops dropped, `:info` makes the open op indeterminate,
 * unfinished invocations end indeterminate. Ids are the invocation's index; stamps are positions.
 */
function pairKnossos(raw: readonly RawOp[]): { f: string; value: Value; invokeValue: Value; process: number; status: 'ok' | 'info'; call: number; ret: number; id: number }[] {
  const open = new Map<number, { op: RawOp; position: number }>();
  const out: { f: string; value: Value; invokeValue: Value; process: number; status: 'ok' | 'info'; call: number; ret: number; id: number }[] = [];
  raw.forEach((op, position) => {
    if (typeof op.process !== 'number') return;
    const p = op.process;
    if (op.type === 'invoke') {
      open.set(p, { op, position });
      return;
    }
    const inv = open.get(p);
    if (!inv) return;
    open.delete(p);
    if (op.type === 'fail') return;
    const ok = op.type === 'ok';
    out.push({ f: inv.op.f, value: ok ? op.value : inv.op.value, invokeValue: inv.op.value, process: p, status: ok ? 'ok' : 'info', call: inv.position, ret: ok ? position : Infinity, id: inv.op.index });
  });
  for (const [p, inv] of open) out.push({ f: inv.op.f, value: inv.op.value, invokeValue: inv.op.value, process: p, status: 'info', call: inv.position, ret: Infinity, id: inv.op.index });
  return out.sort((a, b) => a.call - b.call);
}

function rawOps(text: string): RawOp[] {
  const forms = parseEdn(text);
  const maps = (forms.length === 1 && Array.isArray(forms[0]) ? (forms[0] as Value[]) : forms) as Record<string, Value>[];
  const indexed = typeof maps[0]?.index === 'number';
  return maps.map((m, position) => ({
    type: String(m.type),
    f: String(m.f),
    process: m.process ?? null,
    value: m.value ?? null,
    index: indexed ? (m.index as number) : position,
  }));
}

/** A Knossos cas-register history (nil reads are unknown, §2.7). */
export function readKnossosCasRegister(text: string): Operation<CasRegisterInput, Value>[] {
  return pairKnossos(rawOps(text)).map((op) => {
    const base = { id: op.id, process: op.process, status: op.status, call: op.call, return: op.ret };
    if (op.f === 'read') return { ...base, input: { f: 'read' }, output: op.status === 'ok' && op.value !== null ? op.value : UNKNOWN };
    if (op.f === 'write') return { ...base, input: { f: 'write', value: op.value }, output: op.status === 'ok' ? null : UNKNOWN };
    const [expected, value] = op.value as Value[];
    return { ...base, input: { f: 'cas', expected, value }, output: op.status === 'ok' ? true : UNKNOWN };
  });
}

/** A Knossos mutex history. */
export function readKnossosMutex(text: string): Operation<MutexInput, null>[] {
  return pairKnossos(rawOps(text)).map((op) => ({
    id: op.id,
    process: op.process,
    status: op.status,
    call: op.call,
    return: op.ret,
    input: { f: op.f === 'acquire' ? 'acquire' : 'release' },
    output: op.status === 'ok' ? null : UNKNOWN,
  }));
}

/**
 * A Porcupine etcd log (README §4.3): `:ok :read nil` reads "absent" (null, the initial value),
 * `:fail :cas` is a cas that happened and failed, `:fail :read :timed-out` is closed there with an
 * unknown result, `:info` lines are ignored and their ops end indeterminate after everything.
 */
export function readPorcupineEtcd(text: string): Operation<CasRegisterInput, Value>[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const open = new Map<number, { f: string; value: Value; call: number; id: number }>();
  const ops: Operation<CasRegisterInput, Value>[] = [];
  const parseValue = (s: string): Value => (s === 'nil' ? null : s.startsWith('[') ? (parseEdn(s)[0] as Value) : s.startsWith(':') ? s.slice(1) : Number(s));
  const inputOf = (f: string, value: Value): CasRegisterInput =>
    f === 'read' ? { f: 'read' } : f === 'write' ? { f: 'write', value } : { f: 'cas', expected: (value as Value[])[0], value: (value as Value[])[1] };
  lines.forEach((line, position) => {
    const m = /jepsen\.util\s+-\s+(\d+)\s+:(\w+)\s+:(\w+)\s+(.*?)\s*$/.exec(line);
    if (!m) return;
    const [, p, type, f, rest] = m;
    const process = Number(p);
    const value = parseValue(rest);
    if (type === 'invoke') {
      open.set(process, { f, value, call: position, id: position });
      return;
    }
    if (type === 'info') return;
    const inv = open.get(process);
    if (!inv) throw new Error(`line ${position + 1}: completion without invocation`);
    open.delete(process);
    const base = { id: inv.id, process, call: inv.call, return: position, input: inputOf(f, inv.value) };
    if (type === 'ok') ops.push({ ...base, status: 'ok', output: f === 'read' ? value : f === 'cas' ? true : null });
    else if (f === 'cas') ops.push({ ...base, status: 'ok', output: false });
    else if (f === 'read') ops.push({ ...base, status: 'ok', output: UNKNOWN });
    else ops.push({ ...base, status: 'info', output: UNKNOWN, return: Infinity });
  });
  for (const [process, inv] of open) ops.push({ id: inv.id, process, call: inv.call, return: Infinity, input: inputOf(inv.f, inv.value), status: 'info', output: UNKNOWN });
  return ops.sort((a, b) => a.call - b.call);
}

export function readTsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  const names = header.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, k) => [names[k], v])));
}
