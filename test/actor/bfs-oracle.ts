/**
 * The brute-force oracle of the actor tests: a plain BFS to `maxDepth` that keys states by
 * `key` and keeps the first state reached per key, stepping each state with a model built
 * afresh by `make` (so nothing a model interns or caches can stand in for an exact state).
 */
import { ActorModel, type ActorAction, type ActorModelState } from '../../src/actor/index.js';

export function bfsOracle<S, M, T>(
  make: () => ActorModel<S, M, undefined, T>,
  maxDepth: number,
  key: (state: ActorModelState<S, M, undefined, T>) => string,
): { generated: number; unique: number } {
  const init = make().initStates()[0];
  const seen = new Set([key(init)]);
  let frontier = [init];
  let generated = 1;
  for (let depth = 1; depth < maxDepth && frontier.length > 0; depth++) {
    const next: ActorModelState<S, M, undefined, T>[] = [];
    for (const s of frontier) {
      const actions: ActorAction<M, T>[] = [];
      make().actions(s, actions);
      for (const a of actions) {
        const t = make().nextState(s, a);
        if (t === undefined) continue;
        generated++;
        const k = key(t);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push(t);
      }
    }
    frontier = next;
  }
  return { generated, unique: seen.size };
}
