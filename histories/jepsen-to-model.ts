/**
 * Maps paired Jepsen operations (`:f`, `:value`, outcome) onto each model's inputs and outputs.
 *
 * Knossos's rule for reads (§2.7 of the corpus README): a read whose value is nil at check time
 * accepts any state, so it becomes an UNKNOWN output. Porcupine's etcd reading instead takes an
 * `:ok :read nil` as a definite "absent" (null), a failed cas as a cas that happened and saw
 * another value (output false), and a failed read as a read with an unknown result.
 */
import { LineError } from './history-error.js';
import type { PairedOperation, Reading } from './jepsen-history.js';
import { shorten } from './jepsen-op.js';
import type { JepsenOp } from './jepsen-op.js';
import { UNKNOWN } from '../consistency/model.js';
import type { Unknown } from '../consistency/model.js';
import type { ModelName } from '../consistency/models/index.js';
import { describeValue, valueEquals } from '../consistency/value.js';
import type { Value } from '../consistency/value.js';

/** What the engine needs from one paired operation. */
export interface ModelStep {
  readonly input: unknown;
  readonly output: unknown;
  readonly status: 'ok' | 'info';
}

/** The `:f` names each model understands. */
export const MODEL_FUNCTIONS: Record<ModelName, readonly string[]> = {
  register: ['read', 'write'],
  'cas-register': ['read', 'write', 'cas'],
  'write-once-register': ['read', 'write'],
  vec: ['push', 'pop', 'len'],
  'fifo-queue': ['enqueue', 'dequeue'],
  'unordered-queue': ['enqueue', 'dequeue'],
  set: ['add', 'read'],
  mutex: ['acquire', 'release'],
  'multi-register': ['txn'],
  kv: ['get', 'put', 'append', 'cas'],
  counter: ['add', 'read'],
};

/**
 * The model the `:f` names imply, or a sentence saying why none can be chosen. Read/write
 * histories are registers (a cas-register accepts them too); enqueue/dequeue and add/read are
 * ambiguous.
 */
export function inferModel(functions: ReadonlySet<string>): ModelName | { readonly reason: string } {
  const has = (f: string): boolean => functions.has(f);
  const only = (...allowed: string[]): boolean => [...functions].every((f) => allowed.includes(f));
  const list = [...functions].map((f) => `:${f}`).join(' ');
  if (functions.size === 0) return { reason: 'the history has no client operations to infer a model from' };
  if (only('read', 'write', 'cas')) return has('cas') ? 'cas-register' : 'register';
  if (only('get', 'put', 'cas') && has('cas')) return 'kv';
  if (only('acquire', 'release')) return 'mutex';
  if (only('txn')) return 'multi-register';
  if (only('push', 'pop', 'len')) return 'vec';
  if (only('get', 'put', 'append')) return 'kv';
  if (only('enqueue', 'dequeue')) return { reason: `the functions ${list} fit both fifo-queue and unordered-queue` };
  if (only('add', 'read')) return { reason: `the functions ${list} fit both set and counter` };
  return { reason: `no model has all of the functions ${list}` };
}

/**
 * Is `value` a transaction's micro-op list, `[[:w 9 1] [:r 0 nil]]` (`:r`/`:read`, `:w`/`:write`,
 * a keyword, string or number key, any value)? Some Jepsen multi-register tests name their
 * transactions `:read`, `:write` and `:txn` alike; the list, not the name, makes a transaction.
 */
export function isMicroOpList(value: Value): boolean {
  return (
    Array.isArray(value) &&
    (value as readonly Value[]).every((micro) => {
      if (!Array.isArray(micro) || micro.length !== 3) return false;
      const [f, key] = micro as readonly Value[];
      return (f === 'r' || f === 'w' || f === 'read' || f === 'write') && (typeof key === 'string' || typeof key === 'number');
    })
  );
}

/**
 * Translates one paired operation for `model`; throws a LineError for an unknown `:f` or a value
 * of the wrong shape. `emptyRead` (write-once register only): the value a read of the
 * never-written register returned, per the history's header; such a read reads nil, definitely.
 */
export function toModelStep(model: ModelName, op: PairedOperation, reading: Reading, emptyRead?: Value): ModelStep {
  const { invocation } = op;
  const f = invocation.f;
  if (model === 'multi-register' && isMicroOpList(invocation.value)) return multiRegisterStep(op, op.outcome === 'ok' && !op.synthetic ? op.completion : invocation, () => invalidMicroOps(op));
  if (!MODEL_FUNCTIONS[model].includes(f)) {
    throw new LineError(invocation.line, `the ${model} model has no :${f} (it knows ${MODEL_FUNCTIONS[model].map((n) => `:${n}`).join(', ')}); pass --model to choose another`);
  }
  const source: JepsenOp = op.outcome === 'ok' && !op.synthetic ? op.completion : invocation;
  const wrong = (expected: string): never => {
    throw new LineError(source.line, `:${f} needs ${expected} for the ${model} model, got ${shorten(describeValue(op.value))}`);
  };
  const status: 'ok' | 'info' = op.outcome === 'info' ? 'info' : 'ok';
  const unknownOutcome = op.outcome !== 'ok';
  // A read's result: nil means "unknown" in Knossos's reading, "absent" in Porcupine's.
  const readResult = (): Value | Unknown => {
    if (op.outcome === 'fail' || (op.outcome === 'info' && reading !== 'knossos')) return UNKNOWN;
    if (op.value === null && reading === 'knossos') return UNKNOWN;
    if (emptyRead !== undefined && valueEquals(op.value, emptyRead)) return null;
    return op.value;
  };
  const step = (input: unknown, output: unknown, s: 'ok' | 'info' = status): ModelStep => ({ input, output, status: s });
  // Porcupine's readings keep failed writes and the like; they may or may not have happened.
  const effectOutput = (ok: unknown): { output: unknown; status: 'ok' | 'info' } =>
    op.outcome === 'ok' ? { output: ok, status: 'ok' } : { output: UNKNOWN, status: 'info' };

  switch (model) {
    case 'register':
    case 'cas-register':
    case 'write-once-register': {
      if (f === 'read') return step({ f: 'read' }, readResult());
      if (f === 'write') {
        if (model === 'write-once-register') {
          if (op.outcome === 'fail') return step({ f: 'write', value: op.value }, 'fail', 'ok');
          // As for cas below: an indeterminate write that failed would change nothing, so "ok" is exact.
          return step({ f: 'write', value: op.value }, 'ok');
        }
        const { output, status: s } = effectOutput(null);
        return step({ f: 'write', value: op.value }, output, s);
      }
      const pair = op.value;
      if (!Array.isArray(pair) || pair.length !== 2) return wrong('[expected new]');
      const [expected, value] = pair as readonly Value[];
      // An indeterminate cas is given the output "succeeded": a cas that fails changes nothing, so
      // placing it as failed is the same as not placing it (Knossos P6), and the stricter output
      // lets the search prune (it halves the etcd corpus's checking time).
      const output = op.outcome === 'fail' ? false : true;
      return step({ f: 'cas', expected, value }, output, op.outcome === 'fail' ? 'ok' : status);
    }
    case 'vec':
    case 'fifo-queue':
    case 'unordered-queue': {
      if (f === 'push' || f === 'enqueue') {
        const { output, status: s } = effectOutput(null);
        return step({ f, value: op.value }, output, s);
      }
      if (f === 'len') {
        const result = readResult();
        if (result !== UNKNOWN && typeof result !== 'number') wrong('a number');
        return step({ f }, result);
      }
      // pop / dequeue: nil means the collection was empty, not "unknown".
      return step({ f }, unknownOutcome ? UNKNOWN : op.value, unknownOutcome ? 'info' : 'ok');
    }
    case 'set': {
      if (f === 'add') {
        const { output, status: s } = effectOutput(null);
        return step({ f, value: op.value }, output, s);
      }
      const result = readResult();
      if (result !== UNKNOWN && !Array.isArray(result)) wrong('a set or vector of elements');
      return step({ f }, result);
    }
    case 'counter': {
      if (f === 'add') {
        if (typeof op.value !== 'number') wrong('a number');
        const { output, status: s } = effectOutput(null);
        return step({ f, value: op.value }, output, s);
      }
      const result = readResult();
      if (result !== UNKNOWN && typeof result !== 'number') wrong('a number');
      return step({ f }, result);
    }
    case 'mutex': {
      const { output, status: s } = effectOutput(null);
      return step({ f }, output, s);
    }
    case 'multi-register':
      return multiRegisterStep(op, source, wrong);
    case 'kv':
      return kvStep(op, source, reading, wrong);
  }
}

function invalidMicroOps(op: PairedOperation): never {
  throw new LineError(op.completion.line, `:${op.invocation.f} completes with ${shorten(describeValue(op.value))}, not a vector of micro-ops [[:r :x 1] [:w :y 2] …] like its invocation`);
}

function multiRegisterStep(op: PairedOperation, source: JepsenOp, wrong: (expected: string) => never): ModelStep {
  const microOps = (value: Value, line: number): (readonly ['read' | 'write', string, Value])[] => {
    if (!Array.isArray(value)) return wrong('a vector of micro-ops [[:read :x 1] [:write :y 2] …]');
    return (value as readonly Value[]).map((micro) => {
      if (!Array.isArray(micro) || micro.length !== 3) throw new LineError(line, `each :txn micro-op must be [f key value], got ${shorten(describeValue(micro))}`);
      const [f, key, v] = micro as readonly Value[];
      const name = f === 'r' ? 'read' : f === 'w' ? 'write' : f;
      if (name !== 'read' && name !== 'write') throw new LineError(line, `a :txn micro-op must be :read or :write, got ${shorten(describeValue(f))}`);
      if (typeof key !== 'string' && typeof key !== 'number') throw new LineError(line, `a :txn micro-op's key must be a keyword, string or number, got ${shorten(describeValue(key))}`);
      return [name, String(key), v] as const;
    });
  };
  const invoked = microOps(op.invocation.value, op.invocation.line);
  if (op.outcome !== 'ok') return { input: { f: 'txn', ops: invoked }, output: UNKNOWN, status: 'info' };
  return { input: { f: 'txn', ops: invoked }, output: microOps(op.value, source.line), status: 'ok' };
}

function kvStep(op: PairedOperation, source: JepsenOp, reading: Reading, wrong: (expected: string) => never): ModelStep {
  const f = op.invocation.f;
  const rawKey = op.invocation.fields['key'];
  if (typeof rawKey !== 'string' && typeof rawKey !== 'number') {
    throw new LineError(op.invocation.line, `a kv op needs a :key (string or number), got ${rawKey === undefined ? 'none' : shorten(describeValue(rawKey))}`);
  }
  const key = String(rawKey);
  if (f === 'get') {
    if (op.outcome !== 'ok') return { input: { f, key }, output: UNKNOWN, status: op.outcome === 'info' ? 'info' : 'ok' };
    if (op.value === null) return { input: { f, key }, output: reading === 'knossos' ? UNKNOWN : null, status: 'ok' };
    if (typeof op.value !== 'string') wrong('a string');
    return { input: { f, key }, output: op.value, status: 'ok' };
  }
  if (f === 'cas') {
    const pair = op.value;
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') return wrong('[from to], two strings');
    const [from, to] = pair as unknown as readonly [string, string];
    // As for the cas register: ok swapped, fail did not (definitely); an indeterminate cas is given
    // the output "swapped", since a cas that does not swap changes nothing and placing it so is the
    // same as leaving it out.
    return { input: { f, key, from, to }, output: op.outcome !== 'fail', status: op.outcome === 'info' ? 'info' : 'ok' };
  }
  if (typeof op.value !== 'string') {
    throw new LineError(source.line, `:${f} needs a string :value for the kv model, got ${shorten(describeValue(op.value))}`);
  }
  return { input: { f, key, value: op.value }, output: op.outcome === 'ok' ? null : UNKNOWN, status: op.outcome === 'ok' ? 'ok' : 'info' };
}
