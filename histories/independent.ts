/**
 * `jepsen.independent` histories: every client value is a `[key value]` tuple, and each key is an
 * independent object. The tuples are unwrapped here, and the model is wrapped so the engine
 * checks each key as its own partition.
 */
import { LineError } from './history-error.js';
import type { PairedOperation } from './jepsen-history.js';
import { shorten } from './jepsen-op.js';
import type { JepsenOp } from './jepsen-op.js';
import { ILLEGAL } from '../consistency/model.js';
import type { SequentialModel, Unknown } from '../consistency/model.js';
import { describeValue, mix32, stringHash, valueEquals } from '../consistency/value.js';
import type { Value } from '../consistency/value.js';

export type IndependentKey = string | number;

/** An input of the wrapped model: the key and the inner model's input. */
export interface KeyedInput<I> {
  readonly key: IndependentKey;
  readonly input: I;
}

const asKey = (key: Value): IndependentKey => (typeof key === 'string' || typeof key === 'number' ? key : JSON.stringify(key));

function untuple(op: JepsenOp, value: Value): { key: Value; value: Value } {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new LineError(op.line, `with --independent every client value must be a [key value] tuple, got ${shorten(describeValue(value))}`);
  }
  const [key, inner] = value as readonly Value[];
  return { key, value: inner };
}

/** Splits a paired operation's tuple values into its key and the operation on that key. */
export function unwrapIndependent(op: PairedOperation): { readonly key: IndependentKey; readonly operation: PairedOperation } {
  const invoked = untuple(op.invocation, op.invocation.value);
  const invocation: JepsenOp = { ...op.invocation, value: invoked.value };
  let value = invoked.value;
  let completion = op.completion;
  if (!op.synthetic && op.outcome !== 'info') {
    const completed = untuple(op.completion, op.value);
    if (!valueEquals(completed.key, invoked.key)) {
      throw new LineError(op.completion.line, `the completion's key ${shorten(describeValue(completed.key))} differs from its invocation's ${shorten(describeValue(invoked.key))} (line ${op.invocation.line})`);
    }
    value = completed.value;
    completion = { ...op.completion, value: completed.value };
  }
  return { key: asKey(invoked.key), operation: { ...op, invocation, completion, value } };
}

/**
 * The model over keyed inputs: each key is its own object, starting from the inner model's
 * initial state. The whole-state form holds every key's state (a key absent from the map is at
 * the inner `init`, which keeps equal states equal); the engine always splits these histories
 * by key (`independent`), and searches each key with the inner model alone.
 */
export function independentModel<S, I, O>(inner: SequentialModel<S, I, O>): SequentialModel<ReadonlyMap<IndependentKey, S>, KeyedInput<I>, O> {
  const perKey: SequentialModel<S, KeyedInput<I>, O> = {
    name: inner.name,
    init: inner.init,
    step: (state, keyed, output) => inner.step(state, keyed.input, output),
    equals: (a, b) => inner.equals(a, b),
    hash: (s) => inner.hash(s),
    describeOperation: (keyed, output: O | Unknown) => inner.describeOperation(keyed.input, output),
    describeState: (s) => inner.describeState(s),
    explainRejection: inner.explainRejection ? (s, keyed, output) => inner.explainRejection!(s, keyed.input, output) : undefined,
  };
  const stateOf = (states: ReadonlyMap<IndependentKey, S>, key: IndependentKey): S => (states.has(key) ? (states.get(key) as S) : inner.init);
  return {
    name: inner.name,
    init: new Map(),
    step(states, keyed, output) {
      const next = inner.step(stateOf(states, keyed.key), keyed.input, output);
      if (next === ILLEGAL) return ILLEGAL;
      const copy = new Map(states);
      if (inner.equals(next, inner.init)) copy.delete(keyed.key);
      else copy.set(keyed.key, next);
      return copy;
    },
    equals: (a, b) => a.size === b.size && [...a].every(([key, s]) => b.has(key) && inner.equals(s, b.get(key) as S)),
    hash(states) {
      let h = 0x5bd1e995;
      for (const [key, s] of states) h = (h + mix32(typeof key === 'number' ? key | 0 : stringHash(key), inner.hash(s))) | 0;
      return h;
    },
    describeOperation: perKey.describeOperation,
    describeState: (states) => `{${[...states].map(([key, s]) => `${JSON.stringify(key)}: ${inner.describeState(s)}`).join(', ')}}`,
    explainRejection: inner.explainRejection ? (states, keyed, output) => inner.explainRejection!(stateOf(states, keyed.key), keyed.input, output) : undefined,
    partitioning: { key: (keyed) => keyed.key, model: perKey, independent: true },
  };
}
