import { always, type Model } from '../../src/checker/index.js';

/** A model with neither a stateCodec nor a stateSerializer. */
export const counter: Model<number, 'inc'> = {
  initStates: () => [0],
  actions: (s, out) => void (s < 3 && out.push('inc')),
  nextState: (s) => s + 1,
  properties: () => [always('small', (s) => s < 10)],
};
