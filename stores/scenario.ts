/**
 * Scenarios: a model state reached by following a script of actions given in words, the words
 * `describeAction` prints (`server 0's election timer fires`, `server 1 receives RequestVote`).
 * Each step names one enabled action by a prefix of its description; a step that names none, or
 * several different ones, is an error that says which step and what was enabled.
 */
import type { Model } from '../src/checker/index.js';

export interface DescribedModel<S, A> extends Model<S, A> {
  describeAction(action: A): string;
}

/** The state after following `script` from `start`. */
export function followScript<S, A>(model: DescribedModel<S, A>, start: S, script: readonly string[]): S {
  let state = start;
  script.forEach((step, i) => {
    const enabled: A[] = [];
    model.actions(state, enabled);
    const matches = new Map<string, S>();
    for (const action of enabled) {
      const words = model.describeAction(action);
      if (!words.startsWith(step)) continue;
      const next = model.nextState(state, action);
      if (next !== undefined) matches.set(words, next);
    }
    if (matches.size !== 1) {
      const names = matches.size === 0 ? enabled.map((a) => model.describeAction(a)) : [...matches.keys()];
      throw new Error(`scenario step ${i + 1} "${step}" ${matches.size === 0 ? 'matches no enabled action' : 'is ambiguous'}; candidates: ${names.join('; ')}`);
    }
    state = [...matches.values()][0];
  });
  return state;
}
