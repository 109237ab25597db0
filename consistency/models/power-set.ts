import { ILLEGAL } from '../model.js';
import type { SequentialModel, Unknown } from '../model.js';

/**
 * A nondeterministic specification: like a sequential model, but a step may lead to several
 * states (none: the operation is illegal there).
 */
export interface NondeterministicModel<State, Input, Output> extends Omit<SequentialModel<State, Input, Output>, 'step' | 'respond'> {
  stepAll(state: State, input: Input, output: Output | Unknown): readonly State[];
}

/**
 * Turns a nondeterministic model into a deterministic one over the set of states it could be in
 * (the set kept as an array without duplicates, sorted by hash so equal sets compare equal).
 */
export function powerSetModel<State, Input, Output>(
  model: NondeterministicModel<State, Input, Output>,
): SequentialModel<readonly State[], Input, Output> {
  const setHash = (states: readonly State[]): number => {
    let h = 0x1234567;
    for (const s of states) h = (h + Math.imul(model.hash(s) | 0, 0x9e3779b1)) | 0;
    return h;
  };
  const contains = (states: readonly State[], s: State): boolean => states.some((t) => model.equals(s, t));
  return {
    name: model.name,
    init: [model.init],
    step(states, input, output) {
      const next: State[] = [];
      for (const s of states) for (const t of model.stepAll(s, input, output)) if (!contains(next, t)) next.push(t);
      if (next.length === 0) return ILLEGAL;
      next.sort((a, b) => model.hash(a) - model.hash(b));
      return next;
    },
    equals(a, b) {
      return a.length === b.length && a.every((s) => contains(b, s));
    },
    hash: setHash,
    // The per-partition form is already a deterministic model (e.g. `powerSetModel` of one key).
    partitioning: model.partitioning,
    describeOperation: (input, output) => model.describeOperation(input, output),
    describeState: (states) => (states.length === 1 ? model.describeState(states[0]) : `one of ${states.map((s) => model.describeState(s)).join(' | ')}`),
    explainRejection: (states, input, output) =>
      model.explainRejection && states.length === 1
        ? model.explainRejection(states[0], input, output)
        : `${model.describeOperation(input, output)} is impossible in every state the object could be in`,
  };
}
