/**
 * A worker's share of a level-synchronous BFS (see parallel-bfs.ts for the algorithm and why it
 * reproduces the single-threaded search exactly). The worker holds the states of its part of the
 * current level, in ascending id order, and the successors it claimed for the next level. Internal.
 */
import { fingerprintInto } from './fingerprint.js';
import { IntList } from './int-list.js';
import type { LoadedModel } from './model-spec.js';
import { boundedInitStates } from './model.js';
import { NOT_AWAITING, PropertyChecks } from './property-checks.js';
import { PRESENT, type SharedTable } from './shared-table.js';
import { forEachSuccessor } from './successors.js';
import type { Found, SliceDone } from './worker-protocol.js';

export class BfsWorkerRun<State, Action> {
  private states: (State | undefined)[] = [];
  private ids: Int32Array = new Int32Array(0);
  private bits: Uint32Array = new Uint32Array(0);
  private cursor = 0;
  // Successors claimed this level: state, parent id, action index, bits, fingerprint.
  private nextStates: State[] = [];
  private nextParents = new IntList();
  private nextActions = new IntList();
  private nextBits = new IntList();
  private nextLo = new IntList();
  private nextHi = new IntList();
  private survivors: { states: State[]; bits: Uint32Array } | undefined;
  private readonly checks: PropertyChecks<State>;
  private readonly fp = new Uint32Array(2);
  private readonly actions: Action[] = [];

  constructor(
    private readonly model: LoadedModel<State, Action>,
    public table: SharedTable,
    private readonly targetMaxDepth: number,
  ) {
    this.checks = new PropertyChecks(model.properties());
  }

  inits(positions: readonly number[], ids: readonly number[]): void {
    const inits = boundedInitStates(this.model);
    this.states = positions.map((p) => inits[p]);
    this.ids = Int32Array.from(ids);
    this.bits = new Uint32Array(positions.length).fill(this.checks.allBits);
    this.cursor = 0;
  }

  slice(maxPops: number, level: number, levelStart: number, discovered: readonly boolean[]): SliceDone {
    const { model, table, checks, fp, actions } = this;
    discovered.forEach((d, i) => (checks.discovered[i] ||= d));
    const found: Found[] = [];
    const seen = new Set<number>();
    let current = 0;
    const onFound = (i: number): void => {
      if (!seen.has(i)) {
        seen.add(i);
        found.push([i, current]);
      }
    };
    let generated = 0;
    let popped = 0;
    let notAwaiting = false;
    let full = false;
    const end = this.states.length;
    while (popped < maxPops && this.cursor < end) {
      if (table.full) {
        full = true;
        break;
      }
      const k = this.cursor++;
      popped++;
      const state = this.states[k] as State;
      this.states[k] = undefined;
      const id = this.ids[k];
      if (level >= this.targetMaxDepth) continue;
      current = id;
      const bits = checks.evaluate(state, this.bits[k], onFound);
      if (bits === NOT_AWAITING) {
        notAwaiting = true;
        break;
      }
      const counted = forEachSuccessor(model, state, actions, (next, idx) => {
        fingerprintInto(next, fp);
        if (table.claim(fp[0], fp[1], id, levelStart) === PRESENT) return;
        this.nextStates.push(next);
        this.nextParents.push(id);
        this.nextActions.push(idx);
        this.nextBits.push(bits);
        this.nextLo.push(fp[0]);
        this.nextHi.push(fp[1]);
      });
      generated += counted;
      if (counted === 0) checks.terminal(bits, onFound);
    }
    table.flush();
    return {
      type: 'slice-done',
      generated,
      maxDepth: popped > 0 ? level : 0,
      found,
      notAwaiting,
      remaining: end - this.cursor,
      full,
    };
  }

  /** Keeps the successors whose claim is still this worker's; returns their parents and actions. */
  endLevel(): { parents: Int32Array; actions: Int32Array } {
    const parents = new IntList();
    const actions = new IntList();
    const states: State[] = [];
    const bits = new IntList();
    for (let k = 0; k < this.nextStates.length; k++) {
      const parent = this.nextParents.get(k);
      if (this.table.claimOf(this.nextLo.get(k), this.nextHi.get(k)) !== parent) continue;
      parents.push(parent);
      actions.push(this.nextActions.get(k));
      states.push(this.nextStates[k]);
      bits.push(this.nextBits.get(k));
    }
    this.survivors = { states, bits: new Uint32Array(bits.toArray().buffer) };
    this.nextStates = [];
    this.nextParents = new IntList();
    this.nextActions = new IntList();
    this.nextBits = new IntList();
    this.nextLo = new IntList();
    this.nextHi = new IntList();
    this.states = [];
    return { parents: parents.toArray(), actions: actions.toArray() };
  }

  /** The survivors, now with their ids, become the level to process. */
  assignIds(ids: Int32Array): void {
    const s = this.survivors!;
    this.states = s.states;
    this.bits = s.bits;
    this.ids = ids;
    this.cursor = 0;
    this.survivors = undefined;
  }
}
