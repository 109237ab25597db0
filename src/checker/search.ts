/**
 * The exhaustive search shared by BFS and DFS (Stateright's single-threaded block loop, §1.4 of
 * the reference). The two strategies differ only in where new jobs go (the {@link JobQueue}) and
 * how a job names its path (a {@link Trail}), so the loop is written once.
 *
 * Memory per visited state: the fingerprint set (8 bytes a slot, 10.7–21.3 bytes a state), plus
 * for BFS a parent record (8 bytes). DFS jobs carry their path as a {@link PathNode} list, which
 * lives only as long as a pending job or a discovery points at it. BFS queues states as objects,
 * or as a few words each when the model has a `stateCodec` (encoded-queue.ts).
 */
import { EncodedFifoQueue } from './encoded-queue.js';
import { FifoQueue, LifoQueue, type JobQueue } from './job-queue.js';
import { boundedInitStates, type Model } from './model.js';
import { analyseLiveness, livenessAtoms, onGraph, type LivenessAnalysis } from './liveness-check.js';
import { LivenessGraph } from './liveness-graph.js';
import { replayEdges } from './liveness-replay.js';
import type { Property } from './property.js';
import { NOT_AWAITING, PropertyChecks } from './property-checks.js';
import type { ResolvedOptions } from './options.js';
import { progressSnapshot } from './progress.js';
import { stateFingerprinter } from './state-fingerprint.js';
import { FingerprintSet, ParentRecords, PathNode } from './visited-set.js';

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
  /** Bytes held by the visited set (and BFS parent records) at the end; 0 for simulation. */
  visitedBytes?: number;
  /** The liveness analysis of the explored graph, when some property is decided on it. */
  liveness?: LivenessAnalysis;
  /** Bytes held by the explored graph for the liveness analysis. */
  livenessBytes?: number;
}

/** How jobs name their paths: BFS record ids, or DFS path nodes. */
interface Trail<Ref> {
  root(initIndex: number): Ref;
  child(parent: Ref, actionIndex: number): Ref;
  indices(ref: Ref): number[];
  readonly byteLength: number;
}

class RecordTrail implements Trail<number> {
  private readonly records = new ParentRecords();
  root(initIndex: number): number {
    return this.records.add(-1, initIndex);
  }
  child(parent: number, actionIndex: number): number {
    return this.records.add(parent, actionIndex);
  }
  indices(ref: number): number[] {
    return this.records.pathIndices(ref);
  }
  get byteLength(): number {
    return this.records.byteLength;
  }
}

class NodeTrail implements Trail<PathNode> {
  root(initIndex: number): PathNode {
    return new PathNode(undefined, initIndex);
  }
  child(parent: PathNode, actionIndex: number): PathNode {
    return new PathNode(parent, actionIndex);
  }
  indices(ref: PathNode): number[] {
    return ref.indices();
  }
  readonly byteLength = 0;
}

export function search<State, Action>(
  model: Model<State, Action>,
  properties: readonly Property<State>[],
  opts: ResolvedOptions<State>,
): SearchOutcome {
  return opts.strategy === 'dfs'
    ? searchWith(model, properties, opts, new LifoQueue<State, PathNode>(), new NodeTrail())
    : searchWith(model, properties, opts, model.stateCodec ? new EncodedFifoQueue(model.stateCodec) : new FifoQueue<State, number>(), new RecordTrail());
}

function searchWith<State, Action, Ref>(
  model: Model<State, Action>,
  properties: readonly Property<State>[],
  opts: ResolvedOptions<State>,
  queue: JobQueue<State, Ref>,
  trail: Trail<Ref>,
): SearchOutcome {
  const started = Date.now();
  const visited = new FingerprintSet();
  const fp = new Uint32Array(2);
  const fingerprintState = stateFingerprinter(model, opts.representative);
  const boundary = model.withinBoundary ? (s: State) => model.withinBoundary!(s) : undefined;
  const checks = new PropertyChecks(properties, opts.liveness);
  const graph = recordedGraph(model, properties, opts);
  const discoveries: (Ref | undefined)[] = properties.map(() => undefined);
  let current!: Ref;
  const found = (i: number): void => {
    if (discoveries[i] === undefined) discoveries[i] = current;
  };

  const inits = boundedInitStates(model);
  let generated = inits.length;
  const initJobs: [State, Ref][] = [];
  inits.forEach((s, j) => {
    fingerprintState(s, fp);
    if (graph !== undefined ? graph.addInit(fp[0], fp[1], j) >= 0 : visited.add(fp[0], fp[1])) initJobs.push([s, trail.root(j)]);
  });
  // Both strategies pop the LAST init state first: the stack gets them in order, the FIFO reversed.
  // With the graph and no eventually bits to carry, a job's bits carry its node id instead.
  const carryNode = graph !== undefined && checks.allBits === 0;
  const initBits = (k: number) => (carryNode ? graph.inits[k][0] : checks.allBits);
  if (opts.strategy === 'dfs') initJobs.forEach(([s, ref], k) => queue.push(s, ref, initBits(k), 1));
  else for (let j = initJobs.length - 1; j >= 0; j--) queue.push(initJobs[j][0], initJobs[j][1], initBits(j), 1);

  let maxDepth = 0;
  let timedOut = false;
  let lastProgress = started;
  const targetMaxDepth = opts.targetMaxDepth;
  const visitor = opts.visitor;
  const actions: Action[] = [];

  for (;;) {
    // One block: at most BLOCK_SIZE pops, left early when a popped state awaits nothing.
    for (let pops = 0; pops < BLOCK_SIZE && queue.size > 0; pops++) {
      queue.pop();
      const state = queue.state;
      const ref = queue.ref;
      const depth = queue.depth;
      if (depth > maxDepth) maxDepth = depth;
      if (depth >= targetMaxDepth) continue;
      if (visitor) visitor(state, { depth, pathIndices: () => trail.indices(ref) });

      current = ref;
      const bits = checks.evaluate(state, carryNode ? 0 : queue.bits, found);
      if (bits === NOT_AWAITING) break;
      if (graph !== undefined) {
        let node = queue.bits;
        if (!carryNode) {
          fingerprintState(state, fp);
          node = graph.nodeOf(fp[0], fp[1]);
        }
        graph.beginExpand(node, state);
      }

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
        fingerprintState(next, fp);
        if (graph !== undefined) {
          // The graph's table is the visited set then: one lookup per generated state, not two.
          const target = graph.addEdge(fp[0], fp[1], actions[idx]);
          if (graph.created) queue.push(next, trail.child(ref, idx), carryNode ? target : bits, childDepth);
          continue;
        }
        if (!visited.add(fp[0], fp[1])) continue;
        queue.push(next, trail.child(ref, idx), bits, childDepth);
      }
      if (terminal) checks.terminal(bits, found);
    }

    const now = Date.now();
    if (opts.onProgress && now - lastProgress >= opts.progressIntervalMs) {
      lastProgress = now;
      opts.onProgress(progressSnapshot(generated, graph?.size ?? visited.size, maxDepth, queue.size, now - started));
    }
    if (opts.finished(checks.discovered)) break;
    if (generated >= opts.targetStateCount) break;
    if (queue.size === 0) break;
    if (now >= opts.deadline) {
      timedOut = true;
      break;
    }
  }

  return {
    generated,
    unique: graph?.size ?? visited.size,
    maxDepth,
    complete: queue.size === 0,
    timedOut,
    discoveries: discoveries.map((ref) => (ref === undefined ? undefined : trail.indices(ref))),
    visitedBytes: visited.byteLength + trail.byteLength,
    liveness: graph === undefined ? undefined : analyseLiveness(graph, properties, opts.liveness, replayEdges(model, graph, fingerprintState)),
    livenessBytes: graph?.byteLength,
  };
}

/**
 * The graph the liveness analysis needs, when some property is decided on it. Symmetry reduction
 * is refused: a cycle among representatives need not be a path of the model, and the analysis
 * reports paths that replay.
 */
function recordedGraph<State, Action>(model: Model<State, Action>, properties: readonly Property<State>[], opts: ResolvedOptions<State>): LivenessGraph | undefined {
  if (!properties.some((p) => onGraph(p.expectation, opts.liveness))) return undefined;
  if (opts.representative !== undefined) {
    throw new Error('liveness properties cannot be checked with symmetry reduction (representative); drop it, or use liveness: "stateright" for eventually properties');
  }
  return new LivenessGraph(livenessAtoms(properties, opts.liveness), model.fairClass === undefined ? undefined : (a: Action) => model.fairClass!(a));
}
