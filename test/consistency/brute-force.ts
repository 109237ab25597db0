/**
 * A deliberately naive oracle for the engine: try every order of every subset of the optional
 * (crashed or weakened) operations, with no memoisation. Only for tiny histories in tests.
 */
import { ILLEGAL, latestEffect } from '../../consistency/model.js';
import type { Operation, SequentialModel } from '../../consistency/model.js';

export function bruteForceConsistent<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: 'linearizable' | 'sequential',
): boolean {
  const ops = history.filter((op) => op.status !== 'fail');
  const used = new Array<boolean>(ops.length).fill(false);
  // Real time: a took effect before b's call whenever its latest effect is before that call.
  const mustPrecede = (a: Operation<I, O>, b: Operation<I, O>): boolean =>
    consistency === 'linearizable' ? latestEffect(a) < b.call : a.process === b.process && a.call < b.call;

  const extend = (state: S): boolean => {
    if (ops.every((op, i) => used[i] || op.status !== 'ok')) return true;
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      // An unplaced required op that must come first blocks this one (an omitted optional op
      // blocks nothing); a placed op that this one must precede rules it out for good.
      let blocked = false;
      for (let j = 0; j < ops.length; j++) {
        if (j === i) continue;
        if (!used[j] && ops[j].status === 'ok' && mustPrecede(ops[j], ops[i])) blocked = true;
        if (used[j] && mustPrecede(ops[i], ops[j])) blocked = true;
      }
      if (blocked) continue;
      const after = model.step(state, ops[i].input, ops[i].output);
      if (after === ILLEGAL) continue;
      used[i] = true;
      const found = extend(after);
      used[i] = false;
      if (found) return true;
    }
    return false;
  };
  return extend(model.init);
}
