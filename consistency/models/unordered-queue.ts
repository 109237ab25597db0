import { UNKNOWN } from '../model.js';
import type { SequentialModel } from '../model.js';
import { describeValue, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';
import { describeQueueOperation } from './fifo-queue.js';
import type { QueueInput, QueueOutput } from './fifo-queue.js';
import { powerSetModel } from './power-set.js';

/** A multiset kept sorted by a canonical key, so equal multisets are equal arrays. */
type Bag = readonly Value[];

const sortKey = (v: Value): string => JSON.stringify(v);
function insert(bag: Bag, v: Value): Bag {
  const key = sortKey(v);
  let i = 0;
  while (i < bag.length && sortKey(bag[i]) < key) i++;
  return [...bag.slice(0, i), v, ...bag.slice(i)];
}
function removeAt(bag: Bag, i: number): Bag {
  return [...bag.slice(0, i), ...bag.slice(i + 1)];
}

/**
 * A queue that may hand out its elements in any order (Knossos's unordered-queue). A dequeue
 * whose result is unknown could have taken any element, so the model tracks the set of
 * possible contents.
 */
export function unorderedQueueModel(init: readonly Value[] = []): SequentialModel<readonly Bag[], QueueInput, QueueOutput> {
  return powerSetModel<Bag, QueueInput, QueueOutput>({
    name: 'unordered-queue',
    init: init.reduce<Bag>(insert, []),
    stepAll(bag, input, output) {
      if (input.f === 'enqueue') return [insert(bag, input.value)];
      if (output === UNKNOWN) return bag.length === 0 ? [bag] : bag.map((_, i) => removeAt(bag, i));
      if (output === null) return bag.length === 0 ? [bag] : [];
      const i = bag.findIndex((v) => valueEquals(v, output));
      return i < 0 ? [] : [removeAt(bag, i)];
    },
    equals: valueEquals,
    hash: valueHash,
    describeOperation: describeQueueOperation,
    describeState: (bag) => `bag ${describeValue(bag)}`,
    explainRejection(bag, _input, output) {
      return output === null
        ? `dequeue → nothing, but the queue holds ${describeValue(bag)}`
        : `dequeue → ${describeValue(output as Value)}, but the queue holds ${describeValue(bag)}, without that value`;
    },
  });
}

