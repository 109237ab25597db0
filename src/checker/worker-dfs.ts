/**
 * A worker's share of a parallel DFS: its own stack, the shared visited set, and paths (init
 * index and action indices) to hand jobs to other workers, who replay them into states. Internal.
 */
import { LifoQueue } from './job-queue.js';
import type { LoadedModel } from './model-spec.js';
import { replayPath } from './path.js';
import type { LivenessMode } from './liveness-check.js';
import { NOT_AWAITING, PropertyChecks } from './property-checks.js';
import { INSERTED, type SharedTable } from './shared-table.js';
import { stateFingerprinter, type Fingerprinter } from './state-fingerprint.js';
import { SuccessorBatch } from './successors.js';
import { PathNode } from './visited-set.js';
import type { Found, RunSetup, SliceDone } from './worker-protocol.js';

/** Replay steps a donation may cost its receiver (about the work of a few thousand expansions). */
const REPLAY_BUDGET = 50_000;

export class DfsWorkerRun<State, Action> {
  private readonly stack = new LifoQueue<State, PathNode>();
  private readonly checks: PropertyChecks<State>;
  private readonly actions: Action[] = [];
  private readonly batch = new SuccessorBatch<State>();
  /** Keeps {@link SharedTable.touch}'s reads from being optimised away. */
  private sink = 0;
  private readonly fingerprintState: Fingerprinter<State>;
  /** This worker's word of {@link RunSetup.donationWanted} (a one-word stand-in without it). */
  private readonly wanted: Int32Array;
  private readonly me: number;

  constructor(
    private readonly model: LoadedModel<State, Action>,
    public table: SharedTable,
    private readonly targetMaxDepth: number,
    liveness: LivenessMode,
    symmetry: boolean,
    donationWanted?: RunSetup['donationWanted'],
  ) {
    this.wanted = donationWanted === undefined ? new Int32Array(1) : new Int32Array(donationWanted.words);
    this.me = donationWanted?.worker ?? 0;
    this.checks = new PropertyChecks(model.properties(), liveness);
    if (symmetry && model.representative === undefined) throw new Error('symmetry needs a model with a representative(state) method');
    this.fingerprintState = stateFingerprinter(model, symmetry ? (s) => model.representative!(s) : undefined);
  }

  /** Jobs handed to this worker, as paths; pushed in order (the last is popped first). */
  addJobs(paths: readonly (readonly number[])[], bits: readonly number[]): void {
    paths.forEach((path, k) => {
      const replayed = replayPath(this.model, path);
      let node = new PathNode(undefined, path[0]);
      for (let i = 1; i < path.length; i++) node = new PathNode(node, path[i]);
      this.stack.push(replayed.lastState, node, bits[k] ?? this.checks.allBits, path.length);
    });
  }

  /**
   * Up to `count` of the oldest jobs, removed from the stack, as paths. The receiver replays each
   * path, so the jobs given stop once their paths add up to {@link REPLAY_BUDGET} steps.
   */
  donate(count: number): { paths: number[][]; bits: number[]; oldestDepth: number } {
    Atomics.store(this.wanted, this.me, 0);
    let n = 0;
    for (let steps = 0; n < Math.min(count, this.stack.size) && (n === 0 || steps < REPLAY_BUDGET); n++) steps += this.stack.depthAt(n);
    const taken = this.stack.takeBottom(n);
    return { paths: taken.refs.map((n) => n.indices()), bits: taken.bits, oldestDepth: this.stack.size > 0 ? this.stack.depthAt(0) : 0 };
  }

  slice(maxPops: number, discovered: readonly boolean[]): SliceDone {
    const { model, table, checks, actions, stack, fingerprintState, batch } = this;
    discovered.forEach((d, i) => (checks.discovered[i] ||= d));
    const found: Found[] = [];
    const seen = new Set<number>();
    let current!: PathNode;
    const onFound = (i: number): void => {
      if (!seen.has(i)) {
        seen.add(i);
        found.push([i, current.indices()]);
      }
    };
    let generated = 0;
    let maxDepth = 0;
    let notAwaiting = false;
    let full = false;
    const { wanted, me } = this;
    for (let pops = 0; pops < maxPops && stack.size > 0; pops++) {
      if (table.full) {
        full = true;
        break;
      }
      // An idle worker waits for jobs from this one: end the slice, so that the request queued
      // behind it is answered now rather than after up to PIPELINE full slices. (A plain read: a
      // stale 0 only delays the answer by another 64 pops.)
      if ((pops & 63) === 0 && wanted[me] !== 0) break;
      stack.pop();
      const state = stack.state;
      const node = stack.ref;
      const depth = stack.depth;
      if (depth > maxDepth) maxDepth = depth;
      if (depth >= this.targetMaxDepth) continue;
      current = node;
      const bits = checks.evaluate(state, stack.bits, onFound);
      if (bits === NOT_AWAITING) {
        notAwaiting = true;
        break;
      }
      const counted = batch.fill(model, state, actions, fingerprintState);
      this.sink |= table.touch(batch.los, batch.his, counted);
      for (let k = 0; k < counted; k++) {
        if (table.insertEntry(batch.los, batch.his, k) === INSERTED) stack.push(batch.states[k]!, new PathNode(node, batch.indices[k]), bits, depth + 1);
      }
      generated += counted;
      if (counted === 0) checks.terminal(bits, onFound);
    }
    batch.clear();
    table.flush();
    return { type: 'slice-done', generated, maxDepth, found, notAwaiting, remaining: stack.size, full, oldestDepth: stack.size > 0 ? stack.depthAt(0) : 0 };
  }
}
