/**
 * A loaded history as the causal checks want it: each client process is a session, each
 * operation a read or a write of a key (registers have one key, ''), and the vector clocks the
 * operations carry in a `vc` field, when they do.
 */
import { LineError, withFile } from './history-error.js';
import { shorten } from './jepsen-op.js';
import type { LoadedHistory } from './load-history.js';
import type { CausalOperation } from '../consistency/causal/index.js';
import { UNKNOWN } from '../consistency/model.js';
import { describeValue } from '../consistency/value.js';
import type { Value } from '../consistency/value.js';

export interface CausalInput {
  readonly operations: readonly CausalOperation[];
  readonly initialValue: (key: string) => Value;
  /** The file line of each operation id (its completion's, or its invocation's when it never completed). */
  readonly lineOf: ReadonlyMap<number, number>;
}

const CAUSAL_MODELS = ['register', 'cas-register', 'kv', 'kv-nopartition'];

/**
 * Translates the engine operations of `history` (a register or kv history) into reads and writes.
 * `init` is the --init value: a register's initial value, or a kv store's map of initial values.
 */
export function toCausalInput(history: LoadedHistory, init: Value | undefined): CausalInput {
  return withFile(history.file, () => {
    if (!CAUSAL_MODELS.includes(history.modelName)) {
      throw new LineError(0, `causal levels check read/write registers and key-value stores (--model register or kv); the ${history.modelName} model is neither`);
    }
    const kv = history.modelName === 'kv' || history.modelName === 'kv-nopartition';
    const operations: CausalOperation[] = [];
    const lineOf = new Map<number, number>();
    for (const op of history.operations) {
      const paired = history.byId.get(op.id)!;
      const line = paired.synthetic ? paired.invocation.line : paired.completion.line;
      lineOf.set(op.id, line);
      const input = op.input as { readonly f: string; readonly key?: string; readonly value?: Value };
      const kind = input.f === 'read' || input.f === 'get' ? 'read' : input.f === 'write' || input.f === 'put' ? 'write' : null;
      if (kind === null) {
        throw new LineError(line, `:${input.f} is neither a read nor a write; causal levels check histories of reads and writes (:read/:write, or :get/:put on a kv store)`);
      }
      const value = kind === 'write' ? (input.value as Value) : (op.output as Value | typeof UNKNOWN);
      operations.push({ id: op.id, session: op.process, kind, key: kv ? String(input.key) : '', value, status: op.status === 'info' ? 'info' : 'ok' });
    }
    const initialValue = kv ? kvInitial(init) : (): Value => (init === undefined ? (history.model.init as Value) : init);
    return { operations, initialValue, lineOf };
  });
}

function kvInitial(init: Value | undefined): (key: string) => Value {
  if (init !== undefined && (typeof init !== 'object' || init === null || Array.isArray(init))) {
    throw new LineError(0, `--init for a kv store must be a JSON object of initial values, got ${shorten(describeValue(init))}`);
  }
  const map = (init ?? {}) as { readonly [key: string]: Value };
  return (key) => map[key] ?? '';
}

/**
 * The `vc` field of each operation (the completion's, else the invocation's) as a map from
 * session or replica name to count; null for an operation without one. Arrays count as maps from
 * their indices. Throws a LineError for a malformed clock.
 */
export function recordedClocks(history: LoadedHistory): ReadonlyMap<number, ReadonlyMap<string, number> | null> {
  return withFile(history.file, () => {
    const clocks = new Map<number, ReadonlyMap<string, number> | null>();
    for (const op of history.operations) {
      const paired = history.byId.get(op.id)!;
      const source = !paired.synthetic && paired.completion.fields['vc'] !== undefined ? paired.completion : paired.invocation;
      const raw = source.fields['vc'];
      if (raw === undefined || raw === null) {
        clocks.set(op.id, null);
        continue;
      }
      const entries = Array.isArray(raw) ? (raw as readonly Value[]).map((v, i) => [String(i), v] as const) : typeof raw === 'object' ? Object.entries(raw as { readonly [key: string]: Value }) : null;
      if (entries === null) throw new LineError(source.line, `:vc must be a map from session or replica to count, e.g. {"a": 2, "b": 1}; got ${shorten(describeValue(raw))}`);
      const clock = new Map<string, number>();
      for (const [name, count] of entries) {
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
          throw new LineError(source.line, `:vc entry ${JSON.stringify(name)} must be a non-negative integer, got ${shorten(describeValue(count))}`);
        }
        clock.set(name, count);
      }
      clocks.set(op.id, clock);
    }
    return clocks;
  });
}
