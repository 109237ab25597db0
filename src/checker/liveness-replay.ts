/**
 * A liveness counterexample's edges as action indices, found by replaying the model. Internal.
 *
 * The explored graph keeps, per edge, only its target and fairness class (4 bytes of action index
 * a generated successor saved: liveness-graph.ts). A counterexample is a handful of edges, so its
 * action indices are recomputed: from the init state, for each edge, the first action whose
 * successor (within the boundary) has the edge's target node and whose class is the edge's
 * class. That action may differ from the one the search generated the edge by, but it makes the
 * same step for the analysis (the same target and the same class taken), so the path is the
 * same counterexample: it replays, and its cycle is fair exactly when the edges' cycle is.
 */
import type { EdgePathIndices } from './liveness-check.js';
import type { LivenessGraph } from './liveness-graph.js';
import { boundedInitStates, type Model } from './model.js';
import type { Fingerprinter } from './state-fingerprint.js';

export function replayEdges<State, Action>(model: Model<State, Action>, graph: LivenessGraph, fingerprint: Fingerprinter<State>): EdgePathIndices {
  return (initIndex, edges) => {
    const fp = new Uint32Array(2);
    let state = boundedInitStates(model)[initIndex];
    const indices = [initIndex];
    const actions: Action[] = [];
    for (const e of edges) {
      const target = graph.edgeTarget[e];
      const cls = graph.classOfEdge(e);
      actions.length = 0;
      model.actions(state, actions);
      let next: State | undefined;
      for (let idx = 0; idx < actions.length && next === undefined; idx++) {
        const candidate = model.nextState(state, actions[idx]);
        if (candidate === undefined || (model.withinBoundary !== undefined && !model.withinBoundary(candidate))) continue;
        fingerprint(candidate, fp);
        if (graph.find(fp[0], fp[1]) !== target || graph.classIdOf(actions[idx], false) !== cls) continue;
        next = candidate;
        indices.push(idx);
      }
      if (next === undefined) throw new Error('internal error: an edge of the explored graph does not replay on the model');
      state = next;
    }
    return indices;
  };
}
