/**
 * A worker's share of a level-synchronous BFS (see parallel-bfs.ts for the algorithm and why it
 * reproduces the single-threaded search exactly). The worker holds the states of its part of the
 * current level, in ascending id order, and the successors it claimed for the next level. Internal.
 */
import { IntList } from './int-list.js';
import type { LoadedModel } from './model-spec.js';
import { boundedInitStates } from './model.js';
import { replayStep } from './path.js';
import type { LivenessMode } from './liveness-check.js';
import { NOT_AWAITING, PropertyChecks } from './property-checks.js';
import { PRESENT, type SharedTable } from './shared-table.js';
import { stateList, type StateList } from './state-list.js';
import { stateFingerprinter, type Fingerprinter } from './state-fingerprint.js';
import { SuccessorBatch } from './successors.js';
import type { Found, SliceDone } from './worker-protocol.js';

export class BfsWorkerRun<State, Action> {
  private states: StateList<State>;
  private ids: Int32Array = new Int32Array(0);
  private bits: Uint32Array = new Uint32Array(0);
  private cursor = 0;
  // Successors claimed this level: state, parent id, action index, bits, and slot in the table.
  private nextStates: StateList<State>;
  private readonly nextParents = new IntList();
  private readonly nextActions = new IntList();
  private readonly nextBits = new IntList();
  private readonly nextSlots = new IntList();
  private currentTable: SharedTable;
  /**
   * After the table grew: the table in which the first {@link relocateCount} slots above are
   * still expressed. They are moved to the new table's slots before the next claim or level end,
   * when every worker has finished copying (the coordinator waits for all of them).
   */
  private staleTable: SharedTable | undefined;
  private relocateCount = 0;
  private survivors: { states: StateList<State>; bits: Uint32Array } | undefined;
  private initStates: readonly State[] | undefined;
  private readonly checks: PropertyChecks<State>;
  private readonly actions: Action[] = [];
  private readonly batch = new SuccessorBatch<State>();
  private readonly fingerprintState: Fingerprinter<State>;
  /** Keeps {@link SharedTable.touch}'s reads from being optimised away. */
  private sink = 0;

  constructor(
    private readonly model: LoadedModel<State, Action>,
    table: SharedTable,
    private readonly targetMaxDepth: number,
    liveness: LivenessMode,
  ) {
    this.currentTable = table;
    this.fingerprintState = stateFingerprinter(model);
    this.checks = new PropertyChecks(model.properties(), liveness);
    this.states = stateList(model.stateCodec);
    this.nextStates = this.states.empty();
  }

  get table(): SharedTable {
    return this.currentTable;
  }

  /** The grown table (its slots filled by every worker's share of the copy). */
  set table(next: SharedTable) {
    if (this.staleTable === undefined) {
      this.staleTable = this.currentTable;
      this.relocateCount = this.nextSlots.length;
    }
    this.currentTable = next;
  }

  /** Re-expresses the slots recorded before the table grew in the grown table. */
  private relocate(): void {
    const stale = this.staleTable;
    if (stale === undefined) return;
    const key = new Int32Array(2);
    const slots = this.nextSlots;
    for (let k = 0; k < this.relocateCount; k++) {
      stale.keyAt(slots.get(k), key);
      slots.set(k, this.currentTable.slotHolding(key[0], key[1]));
    }
    this.staleTable = undefined;
    this.relocateCount = 0;
  }

  inits(positions: readonly number[], ids: readonly number[]): void {
    const inits = boundedInitStates(this.model);
    this.states = this.states.empty();
    for (const p of positions) this.states.push(inits[p]);
    this.ids = Int32Array.from(ids);
    this.bits = new Uint32Array(positions.length).fill(this.checks.allBits);
    this.cursor = 0;
  }

  slice(maxPops: number, level: number, levelStart: number, discovered: readonly boolean[]): SliceDone {
    this.relocate();
    const { model, table, checks, actions, batch } = this;
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
      const state = this.states.get(k);
      this.states.release(k);
      const id = this.ids[k];
      if (level >= this.targetMaxDepth) continue;
      current = id;
      const bits = checks.evaluate(state, this.bits[k], onFound);
      if (bits === NOT_AWAITING) {
        notAwaiting = true;
        break;
      }
      const counted = batch.fill(model, state, actions, this.fingerprintState);
      this.sink |= table.touch(batch.los, batch.his, counted);
      for (let j = 0; j < counted; j++) {
        if (table.claimEntry(batch.los, batch.his, j, id, levelStart) === PRESENT) continue;
        this.nextStates.push(batch.states[j]!);
        this.nextParents.push(id);
        this.nextActions.push(batch.indices[j]);
        this.nextBits.push(bits);
        this.nextSlots.push(table.lastSlot);
      }
      generated += counted;
      if (counted === 0) checks.terminal(bits, onFound);
    }
    batch.clear();
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

  /**
   * Keeps the successors whose claim is still this worker's; returns their parents, actions and
   * property bits (the bits travel with any state the coordinator moves to another worker).
   */
  endLevel(): { parents: Int32Array; actions: Int32Array; bits: Uint32Array } {
    this.relocate();
    const table = this.currentTable;
    const { nextStates: states, nextParents: parents, nextActions: actions, nextBits: bits, nextSlots: slots } = this;
    // Compacted in place: survivors keep their order, and when none was lost nothing moves.
    let kept = 0;
    for (let k = 0; k < states.length; k++) {
      const parent = parents.get(k);
      if (table.claimAt(slots.get(k)) !== parent) continue;
      if (kept !== k) {
        parents.set(kept, parent);
        actions.set(kept, actions.get(k));
        states.moveDown(k, kept);
        bits.set(kept, bits.get(k));
      }
      kept++;
    }
    states.truncate(kept);
    parents.truncate(kept);
    actions.truncate(kept);
    bits.truncate(kept);
    const survivorBits = new Uint32Array(bits.toArray().buffer);
    this.survivors = { states, bits: survivorBits };
    const message = { parents: parents.toArray(), actions: actions.toArray(), bits: survivorBits.slice() };
    this.nextStates = states.empty();
    parents.truncate(0);
    actions.truncate(0);
    bits.truncate(0);
    slots.truncate(0);
    this.states = this.states.empty();
    return message;
  }

  /**
   * The survivors, now with their ids, become the level to process; the last `giveAway` of them
   * (the largest ids) move to another worker, which rebuilds them from their paths.
   */
  assignIds(ids: Int32Array, giveAway: number): void {
    const s = this.survivors!;
    const keep = ids.length - giveAway;
    s.states.truncate(keep);
    this.states = s.states;
    this.bits = giveAway === 0 ? s.bits : s.bits.slice(0, keep);
    this.ids = giveAway === 0 ? ids : ids.slice(0, keep);
    this.cursor = 0;
    this.survivors = undefined;
  }

  /**
   * States moved here from another worker (after {@link assignIds}): their ids (ascending), paths
   * (`[init, action, ...]` laid end to end, `offsets[k]` to `offsets[k + 1]`) and property bits.
   * Consecutive ids are mostly siblings and cousins, so each path is replayed only from where it
   * leaves the previous one. The adopted states are merged into this worker's level in id order,
   * the order its successors must be generated in (parallel-bfs.ts).
   */
  adopt(ids: Int32Array, paths: Int32Array, offsets: Int32Array, bits: Uint32Array): void {
    const { model, actions } = this;
    const inits = (this.initStates ??= boundedInitStates(model));
    const along: State[] = [];
    const adopted = this.states.empty();
    let prev = 0;
    let prevLength = 0;
    for (let k = 0; k < ids.length; k++) {
      const start = offsets[k];
      const length = offsets[k + 1] - start;
      let common = 0;
      while (common < length && common < prevLength && paths[start + common] === paths[prev + common]) common++;
      for (let i = common; i < length; i++) {
        const index = paths[start + i];
        if (i === 0) {
          along[0] = inits[index];
          continue;
        }
        try {
          along[i] = replayStep(model, along[i - 1], index, i, actions);
        } catch (error) {
          throw new Error(`checker worker: replaying a moved state failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      adopted.push(along[length - 1]);
      prev = start;
      prevLength = length;
    }
    this.mergeLevel(ids, adopted, bits);
  }

  private mergeLevel(ids: Int32Array, states: StateList<State>, bits: Uint32Array): void {
    const total = this.ids.length + ids.length;
    const mergedIds = new Int32Array(total);
    const mergedBits = new Uint32Array(total);
    const mergedStates = states.empty();
    let a = 0;
    let b = 0;
    for (let k = 0; k < total; k++) {
      if (b >= ids.length || (a < this.ids.length && this.ids[a] < ids[b])) {
        mergedIds[k] = this.ids[a];
        mergedBits[k] = this.bits[a];
        mergedStates.copyFrom(this.states, a++);
      } else {
        mergedIds[k] = ids[b];
        mergedBits[k] = bits[b];
        mergedStates.copyFrom(states, b++);
      }
    }
    this.ids = mergedIds;
    this.bits = mergedBits;
    this.states = mergedStates;
  }
}
