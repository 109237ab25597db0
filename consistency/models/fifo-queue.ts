import { ILLEGAL, UNKNOWN } from '../model.js';
import type { SequentialModel } from '../model.js';
import { describeValue, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';

export type QueueInput = { readonly f: 'enqueue'; readonly value: Value } | { readonly f: 'dequeue' };
/** A dequeue's output is the value taken, or null when the queue was empty. */
export type QueueOutput = Value;

/** A first-in first-out queue. */
export function fifoQueueModel(init: readonly Value[] = []): SequentialModel<readonly Value[], QueueInput, QueueOutput> {
  return {
    name: 'fifo-queue',
    init,
    step(state, input, output) {
      if (input.f === 'enqueue') return [...state, input.value];
      const head = state.length === 0 ? null : state[0];
      if (output !== UNKNOWN && !valueEquals(head, output)) return ILLEGAL;
      return state.length === 0 ? state : state.slice(1);
    },
    equals: valueEquals,
    respond: (state, input) => (input.f === 'enqueue' || state.length === 0 ? null : state[0]),
    hash: valueHash,
    describeOperation: describeQueueOperation,
    describeState: (s) => `queue ${describeValue(s)}`,
    explainRejection(state, _input, output) {
      const head = state.length === 0 ? 'the queue is empty' : `the head is ${describeValue(state[0])}`;
      return `dequeue → ${output === null ? 'nothing' : describeValue(output as Value)}, but ${head}`;
    },
  };
}

export function describeQueueOperation(input: QueueInput, output: Value | typeof UNKNOWN): string {
  if (input.f === 'enqueue') return `enqueue ${describeValue(input.value)}`;
  return `dequeue → ${output === UNKNOWN ? '(unknown)' : output === null ? 'nothing' : describeValue(output)}`;
}
