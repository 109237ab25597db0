/**
 * A deliberately naive oracle for the engine: try every order of every subset of the
 * indeterminate operations, with no memoisation. Only for tiny histories in tests.
 */
import { ILLEGAL } from '../../consistency/model.js';
import type { Operation, SequentialModel } from '../../consistency/model.js';

export function bruteForceConsistent<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: 'linearizable' | 'sequential',
): boolean {
  const ops = history.filter((op) => op.status !== 'fail');
  const used = new Array<boolean>(ops.length).fill(false);
  const mustPrecede = (a: Operation<I, O>, b: Operation<I, O>): boolean =>
    consistency === 'linearizable'
      ? a.status === 'ok' && a.return < b.call
      : a.process === b.process && a.call < b.call;

  const extend = (state: S, placedCount: number): boolean => {
    if (ops.every((op, i) => used[i] || op.status === 'info')) return true;
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      // Every unplaced op that must come first blocks this one, unless it is indeterminate and
      // (in sequential mode) skippable: an omitted indeterminate op blocks nothing.
      let blocked = false;
      for (let j = 0; j < ops.length; j++) {
        if (j !== i && !used[j] && ops[j].status === 'ok' && mustPrecede(ops[j], ops[i])) blocked = true;
      }
      if (blocked) continue;
      const after = model.step(state, ops[i].input, ops[i].output);
      if (after === ILLEGAL) continue;
      used[i] = true;
      const found = extend(after, placedCount + 1);
      used[i] = false;
      if (found) return true;
    }
    return false;
  };
  return extend(model.init, 0);
}
