/** Enumerating a state's counted successors, as the worker loops do. Internal. */
import type { Model } from './model.js';

/**
 * Calls `visit(next, actionIndex)` for each successor of `state` that counts: not ignored and
 * within the boundary (§1.4 of the reference). Returns how many there were (0: terminal).
 * `actions` is scratch space.
 */
export function forEachSuccessor<State, Action>(
  model: Model<State, Action>,
  state: State,
  actions: Action[],
  visit: (next: State, actionIndex: number) => void,
): number {
  let counted = 0;
  actions.length = 0;
  model.actions(state, actions);
  for (let idx = 0; idx < actions.length; idx++) {
    const next = model.nextState(state, actions[idx]);
    if (next === undefined) continue;
    if (model.withinBoundary !== undefined && !model.withinBoundary(next)) continue;
    counted++;
    visit(next, idx);
  }
  return counted;
}
