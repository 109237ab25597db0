import { always, eventually, type Model } from '../../src/checker/index.js';

/**
 * Three states in a cycle (0 → 1 → 2 → 0) that never reach 3: sound liveness finds the lasso
 * that never satisfies "reaches 3"; Stateright's terminal-only check sees no terminal state
 * and says it holds.
 */
export const cycle: Model<number, number> = {
  initStates: () => [0],
  actions: (s, out) => void out.push((s + 1) % 3),
  nextState: (_s, next) => next,
  properties: () => [always('below 3', (s) => s < 3), eventually('reaches 3', (s) => s === 3)],
  stateCodec: { words: 1, encode: (s, w, at) => void (w[at] = s), decode: (w, at) => w[at] },
};
