/**
 * `jepsen.independent` histories: every client value is a `[key value]` tuple, and each key is an
 * independent object. The tuples are unwrapped here, and the model is wrapped so the engine
 * checks each key as its own partition.
 */
import { LineError } from './history-error.js';
import type { PairedOperation } from './jepsen-history.js';
import { shorten } from './jepsen-op.js';
import type { JepsenOp } from './jepsen-op.js';
import type { SequentialModel, Unknown } from '../consistency/model.js';
import { describeValue, valueEquals } from '../consistency/value.js';
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

/** The model over keyed inputs: each key starts from the inner model's initial state. */
export function independentModel<S, I, O>(inner: SequentialModel<S, I, O>): SequentialModel<S, KeyedInput<I>, O> {
  return {
    name: inner.name,
    init: inner.init,
    step: (state, keyed, output) => inner.step(state, keyed.input, output),
    equals: (a, b) => inner.equals(a, b),
    hash: (s) => inner.hash(s),
    partitionKey: (keyed) => keyed.key,
    partitionsAreIndependent: true,
    describeOperation: (keyed, output: O | Unknown) => inner.describeOperation(keyed.input, output),
    describeState: (s) => inner.describeState(s),
    explainRejection: inner.explainRejection ? (s, keyed, output) => inner.explainRejection!(s, keyed.input, output) : undefined,
  };
}
