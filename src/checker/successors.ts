/**
 * Enumerating a state's counted successors (not ignored, within the boundary: §1.4 of the
 * reference), as the worker loops do. Internal.
 */
import type { Model } from './model.js';
import type { Fingerprinter } from './state-fingerprint.js';

/**
 * The counted successors of one state with their action indices and fingerprints, gathered before
 * any of them is looked up in the visited set, so that the lookups' cache misses can overlap
 * ({@link SharedTable.touch}). Reused from state to state.
 */
export class SuccessorBatch<State> {
  readonly states: (State | undefined)[] = [];
  indices = new Int32Array(64);
  los = new Uint32Array(64);
  his = new Uint32Array(64);
  length = 0;
  private readonly fp = new Uint32Array(2);

  /** Gathers the successors of `state` with their fingerprints. Returns their count. */
  fill<Action>(model: Model<State, Action>, state: State, actions: Action[], fingerprintState: Fingerprinter<State>): number {
    const previous = this.length;
    this.length = 0;
    actions.length = 0;
    model.actions(state, actions);
    const fp = this.fp;
    for (let idx = 0; idx < actions.length; idx++) {
      const next = model.nextState(state, actions[idx]);
      if (next === undefined) continue;
      if (model.withinBoundary !== undefined && !model.withinBoundary(next)) continue;
      const k = this.length;
      if (k === this.indices.length) this.grow();
      fingerprintState(next, fp);
      this.states[k] = next;
      this.indices[k] = idx;
      this.los[k] = fp[0];
      this.his[k] = fp[1];
      this.length = k + 1;
    }
    // Entries past the new length still hold the previous state's successors.
    for (let k = this.length; k < previous; k++) this.states[k] = undefined;
    return this.length;
  }

  /** Lets the gathered states be collected. */
  clear(): void {
    for (let k = 0; k < this.length; k++) this.states[k] = undefined;
    this.length = 0;
  }

  private grow(): void {
    const n = this.indices.length * 2;
    const indices = new Int32Array(n);
    const los = new Uint32Array(n);
    const his = new Uint32Array(n);
    indices.set(this.indices);
    los.set(this.los);
    his.set(this.his);
    this.indices = indices;
    this.los = los;
    this.his = his;
  }
}
