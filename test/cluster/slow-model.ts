import { always, type Model } from '../../src/checker/index.js';

/** States of the binary tree on 0..62 (successors 2s+1 and 2s+2). */
const LAST = 62;

/**
 * A model with one state whose expansion is a single synchronous step of `stallMs`: a model
 * function the worker cannot split, like a heavy step or a machine so loaded that a worker gets
 * the CPU for a fraction of the time. A worker holding that state's shard cannot turn its event
 * loop for that long.
 */
export function slowTree(stallMs: number, slowState = 5): Model<number, number> {
  return {
    initStates: () => [0],
    actions: (s, out) => {
      if (s === slowState) {
        const until = Date.now() + stallMs;
        while (Date.now() < until);
      }
      for (const next of [2 * s + 1, 2 * s + 2]) if (next <= LAST) out.push(next);
    },
    nextState: (_s, next) => next,
    properties: () => [always('in the tree', (s) => s <= LAST)],
    stateCodec: { words: 1, encode: (s, w, at) => void (w[at] = s), decode: (w, at) => w[at] },
  };
}

/** The same tree, whose model throws when it expands state `broken`. */
export function brokenTree(broken: number): Model<number, number> {
  const tree = slowTree(0);
  return {
    ...tree,
    actions: (s, out) => {
      if (s === broken) throw new Error(`state ${s} is broken`);
      tree.actions(s, out);
    },
  };
}
