/**
 * The exhaustive search shared by BFS and DFS (Stateright's single-threaded block loop, §1.4 of
 * the reference). The two strategies differ only in where new jobs go (the {@link JobQueue}), so
 * the loop is written once.
 */
import { fingerprintInto } from './fingerprint.js';
import { FifoQueue, LifoQueue, type JobQueue } from './job-queue.js';
import { boundedInitStates, type Model } from './model.js';
import type { Property } from './property.js';
import type { ResolvedOptions } from './options.js';
import { progressSnapshot } from './progress.js';
import { VisitedSet } from './visited-set.js';

/** Stateright checks stop conditions after blocks of this many pops; counts depend on it. */
export const BLOCK_SIZE = 1500;

export interface SearchOutcome {
  generated: number;
  unique: number;
  maxDepth: number;
  /** The queue was exhausted. */
  complete: boolean;
  timedOut: boolean;
  /** Per property (declaration order): the first discovery's path indices. */
  discoveries: (number[] | undefined)[];
}

const ALWAYS = 0;
const SOMETIMES = 1;
const EVENTUALLY = 2;

export function search<State, Action>(
  model: Model<State, Action>,
  properties: readonly Property<State>[],
  opts: ResolvedOptions<State>,
): SearchOutcome {
  const started = Date.now();
  const queue: JobQueue<State> = opts.strategy === 'dfs' ? new LifoQueue<State>() : new FifoQueue<State>();
  const visited = new VisitedSet();
  const fp = new Uint32Array(2);
  const representative = opts.representative;
  const boundary = model.withinBoundary ? (s: State) => model.withinBoundary!(s) : undefined;

  const nProps = properties.length;
  const kinds = properties.map((p) => (p.expectation === 'always' ? ALWAYS : p.expectation === 'sometimes' ? SOMETIMES : EVENTUALLY));
  const conds = properties.map((p) => p.condition);
  // Eventually property i owns bit `bitOf[i]` of a job's bits.
  const bitOf = new Array<number>(nProps).fill(0);
  let allBits = 0;
  let nextBit = 0;
  for (let i = 0; i < nProps; i++) {
    if (kinds[i] === EVENTUALLY) {
      bitOf[i] = 1 << nextBit++;
      allBits |= bitOf[i];
    }
  }
  const discoveredId = new Int32Array(nProps).fill(-1);
  const discovered = new Array<boolean>(nProps).fill(false);

  const inits = boundedInitStates(model);
  let generated = inits.length;
  const initJobs: [State, number][] = [];
  inits.forEach((s, j) => {
    fingerprintInto(representative ? representative(s) : s, fp);
    const id = visited.insert(fp[0], fp[1], -1, j, 1);
    if (id >= 0) initJobs.push([s, id]);
  });
  // Both strategies pop the LAST init state first: the stack gets them in order, the FIFO reversed.
  if (opts.strategy === 'dfs') for (const [s, id] of initJobs) queue.push(s, id, allBits);
  else for (let j = initJobs.length - 1; j >= 0; j--) queue.push(initJobs[j][0], initJobs[j][1], allBits);

  let maxDepth = 0;
  let timedOut = false;
  let lastProgress = started;
  const targetMaxDepth = opts.targetMaxDepth;
  const visitor = opts.visitor;
  const actions: Action[] = [];

  for (;;) {
    // One block: at most BLOCK_SIZE pops, left early when a popped state awaits nothing.
    block: for (let pops = 0; pops < BLOCK_SIZE && queue.size > 0; pops++) {
      queue.pop();
      const state = queue.state;
      const id = queue.id;
      let bits = queue.bits;
      const depth = visited.depth(id);
      if (depth > maxDepth) maxDepth = depth;
      if (depth >= targetMaxDepth) continue;
      if (visitor) visitor(state, { depth, pathIndices: () => visited.pathIndices(id) });

      let awaiting = false;
      for (let i = 0; i < nProps; i++) {
        const kind = kinds[i];
        if (kind === ALWAYS) {
          if (!conds[i](state)) {
            if (discoveredId[i] < 0) discoveredId[i] = id;
            discovered[i] = true;
          } else awaiting = true;
        } else if (kind === SOMETIMES) {
          if (conds[i](state)) {
            if (discoveredId[i] < 0) discoveredId[i] = id;
            discovered[i] = true;
          } else awaiting = true;
        } else {
          if (discovered[i] && (bits & bitOf[i]) === 0) continue;
          awaiting = true;
          if (conds[i](state)) bits &= ~bitOf[i];
        }
      }
      if (!awaiting) break block;

      let terminal = true;
      actions.length = 0;
      model.actions(state, actions);
      const nActions = actions.length;
      const childDepth = depth + 1;
      for (let idx = 0; idx < nActions; idx++) {
        const next = model.nextState(state, actions[idx]);
        if (next === undefined) continue;
        if (boundary !== undefined && !boundary(next)) continue;
        generated++;
        terminal = false;
        fingerprintInto(representative ? representative(next) : next, fp);
        const childId = visited.insert(fp[0], fp[1], id, idx, childDepth);
        if (childId < 0) continue;
        queue.push(next, childId, bits);
      }
      if (terminal && bits !== 0) {
        for (let i = 0; i < nProps; i++) {
          if (kinds[i] === EVENTUALLY && (bits & bitOf[i]) !== 0) {
            if (discoveredId[i] < 0) discoveredId[i] = id;
            discovered[i] = true;
          }
        }
      }
    }

    const now = Date.now();
    if (opts.onProgress && now - lastProgress >= opts.progressIntervalMs) {
      lastProgress = now;
      opts.onProgress(progressSnapshot(generated, visited.size, maxDepth, queue.size, now - started));
    }
    if (opts.finished(discovered)) break;
    if (generated >= opts.targetStateCount) break;
    if (queue.size === 0) break;
    if (now >= opts.deadline) {
      timedOut = true;
      break;
    }
  }

  return {
    generated,
    unique: visited.size,
    maxDepth,
    complete: queue.size === 0,
    timedOut,
    discoveries: Array.from(discoveredId, (id) => (id < 0 ? undefined : visited.pathIndices(id))),
  };
}
