/**
 * Jepsen op records as they appear in a history file, independent of the file format: `:type`,
 * `:f`, `:value`, `:process`, `:index` and any other keys (kept, and shown when an op is reported).
 */
import { LineError } from './history-error.js';
import type { LocatedForm } from './edn-reader.js';
import { describeValue } from '../consistency/value.js';
import type { Value } from '../consistency/value.js';

export type OpType = 'invoke' | 'ok' | 'fail' | 'info';
const OP_TYPES: readonly string[] = ['invoke', 'ok', 'fail', 'info'];

export interface JepsenOp {
  /** Knossos's P1 index: the file's `:index` when the first op has one, else the position among op maps. */
  readonly index: number;
  readonly type: OpType;
  readonly f: string;
  /** `:value`, null when absent. */
  readonly value: Value;
  /** An integer for clients; anything else (e.g. "nemesis") is a non-client actor. */
  readonly process: number | string;
  /** 1-based line of the op in its file. */
  readonly line: number;
  /** Every key of the op as read, including the ones above (e.g. `time`, `error`). */
  readonly fields: { readonly [key: string]: Value };
}

export const isClient = (op: JepsenOp): boolean => typeof op.process === 'number';

const isObject = (v: Value): v is { readonly [key: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Turns located forms (maps) into ops, assigning indices as Knossos does (P1): when the first op
 * has an integer `:index`, every op must have a unique integer index; otherwise each op gets its
 * 0-based position in the file. Throws a LineError naming the first problem.
 */
export function toJepsenOps(forms: readonly LocatedForm[]): JepsenOp[] {
  const reader = new JepsenOpReader();
  return forms.map((form) => reader.read(form));
}

/** {@link toJepsenOps} one form at a time, for a file read as a stream. */
export class JepsenOpReader {
  private position = 0;
  private useFileIndices = false;
  private readonly seenIndices = new IndexLines();

  read({ value: fields, line }: LocatedForm): JepsenOp {
    const position = this.position++;
    if (position === 0) {
      const firstIndex = isObject(fields) ? fields['index'] : undefined;
      this.useFileIndices = typeof firstIndex === 'number' && Number.isInteger(firstIndex);
    }
    if (!isObject(fields)) throw new LineError(line, `expected an op map such as {:type :invoke, :f :read, :process 0}, got ${shorten(describeValue(fields))}`);
    let index = position;
    if (this.useFileIndices) {
      const given = fields['index'];
      if (typeof given !== 'number' || !Number.isInteger(given)) {
        throw new LineError(line, `the first op has an :index, so every op needs an integer :index; this one has ${given === undefined ? 'none' : shorten(describeValue(given))}`);
      }
      const earlier = this.seenIndices.get(given);
      if (earlier !== undefined) throw new LineError(line, `duplicate :index ${given} (also at line ${earlier})`);
      this.seenIndices.set(given, line);
      index = given;
    }
    return toJepsenOp(fields, line, index);
  }
}

/**
 * The line of each :index seen. Files number their ops 0, 1, 2, ..., so an index below eight
 * times the number seen goes to a growing typed array (a Map of two million entries costs a tenth
 * of reading a million-op file), which stays within 32 bytes per op; any other to a Map. An index
 * may be looked up in both, as the bound grows.
 */
class IndexLines {
  private dense = new Int32Array(1024);
  private readonly sparse = new Map<number, number>();
  private count = 0;

  get(index: number): number | undefined {
    // Lines start at 1, so 0 in the array means "not seen".
    if (index >= 0 && index < this.dense.length && this.dense[index] !== 0) return this.dense[index];
    return this.sparse.size === 0 ? undefined : this.sparse.get(index);
  }

  set(index: number, line: number): void {
    this.count++;
    if (!(index >= 0 && index < 8 * (this.count + 1024))) {
      this.sparse.set(index, line);
      return;
    }
    if (index >= this.dense.length) {
      let length = this.dense.length;
      while (length <= index) length *= 2;
      const grown = new Int32Array(length);
      grown.set(this.dense);
      this.dense = grown;
    }
    this.dense[index] = line;
  }
}

function toJepsenOp(fields: { readonly [key: string]: Value }, line: number, index: number): JepsenOp {
  const type = fields['type'];
  if (type === undefined) throw new LineError(line, 'the op has no :type (expected :invoke, :ok, :fail or :info)');
  if (typeof type !== 'string' || !OP_TYPES.includes(type)) {
    throw new LineError(line, `unknown :type ${shorten(describeValue(type))} (expected :invoke, :ok, :fail or :info)`);
  }
  const rawProcess = fields['process'];
  if (rawProcess === undefined) throw new LineError(line, 'the op has no :process');
  const process = typeof rawProcess === 'number' && Number.isInteger(rawProcess) ? rawProcess : typeof rawProcess === 'string' ? rawProcess : describeValue(rawProcess);
  const rawF = fields['f'];
  let f: string;
  if (typeof rawF === 'string') f = rawF;
  else if (rawF === undefined || rawF === null) {
    // Nemesis ops sometimes carry no :f; a client op must say what it does.
    if (typeof process === 'number') throw new LineError(line, 'the op has no :f (what the client did, e.g. :read)');
    f = '';
  } else throw new LineError(line, `:f must be a keyword such as :read, got ${shorten(describeValue(rawF))}`);
  const value = fields['value'] ?? null;
  return { index, type: type as OpType, f, value, process, line, fields };
}

export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** An op in Jepsen's own notation, e.g. `{:process 1, :type :ok, :f :read, :value 3, :index 4}`. */
export function describeJepsenOp(op: JepsenOp): string {
  return `process ${op.process} :${op.type} :${op.f} ${describeValue(op.value)} (index ${op.index}, line ${op.line})`;
}
