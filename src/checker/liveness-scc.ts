/**
 * Strongly connected components of parts of the explored graph, and which of them contain a fair
 * cycle. Internal; the completeness argument is in liveness-check.ts.
 */
import type { LivenessGraph } from './liveness-graph.js';

/**
 * Tarjan's algorithm, iterative, over the nodes `allowed` admits, from given roots. Its arrays
 * span the whole graph and are reset after each run for the nodes it touched only, so one finder
 * serves many small runs without clearing the graph's worth of memory each time; a run that
 * touched more than an eighth of the graph clears the whole index instead (in order, where the
 * touched nodes lie scattered: on two-phase commit with 8 RMs the scattered reset took a fifth
 * of the finder's time).
 */
export class SccFinder {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: Int32Array;
  private readonly callNode: Int32Array;
  private readonly callEdge: Int32Array;
  /** The nodes the current run gave an index, in order (each at most once). */
  private readonly touched: Int32Array;

  constructor(private readonly g: LivenessGraph) {
    const n = g.size;
    this.index = new Int32Array(n).fill(-1);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.callNode = new Int32Array(n);
    this.callEdge = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  /**
   * Calls `onScc` with each component (its members, valid during the call) in reverse topological
   * order; a component of one state goes to `onSingleton` instead when given (most components of
   * a protocol's graph are single states: no view is made for them).
   */
  run(roots: Iterable<number>, allowed: (v: number) => boolean, onScc: (members: Int32Array) => void, onSingleton?: (v: number) => void): void {
    const { g, index, low, onStack, stack, callNode, callEdge, touched } = this;
    let sp = 0;
    let cp = 0;
    let counter = 0;
    const visit = (w: number): void => {
      touched[counter] = w;
      index[w] = low[w] = counter++;
      stack[sp++] = w;
      onStack[w] = 1;
      callNode[cp] = w;
      callEdge[cp++] = g.edgeStart[w];
    };
    for (const root of roots) {
      if (index[root] >= 0 || !allowed(root)) continue;
      visit(root);
      while (cp > 0) {
        const v = callNode[cp - 1];
        const e = callEdge[cp - 1];
        if (e < g.edgeEnd[v]) {
          callEdge[cp - 1] = e + 1;
          const w = g.edgeTarget[e];
          if (index[w] < 0) {
            if (allowed(w)) visit(w);
          } else if (onStack[w] === 1 && index[w] < low[v]) low[v] = index[w];
          continue;
        }
        cp--;
        if (cp > 0) {
          const u = callNode[cp - 1];
          if (low[v] < low[u]) low[u] = low[v];
        }
        if (low[v] !== index[v]) continue;
        let k = sp;
        do k--;
        while (stack[k] !== v);
        for (let i = k; i < sp; i++) onStack[stack[i]] = 0;
        if (k === sp - 1 && onSingleton !== undefined) onSingleton(v);
        else onScc(stack.subarray(k, sp));
        sp = k;
      }
    }
    if (counter > index.length >>> 3) index.fill(-1);
    else for (let i = 0; i < counter; i++) index[touched[i]] = -1;
  }
}

/**
 * Finds the fair components inside a strongly connected set: the largest strongly connected sets
 * within it on which the closed walk over every state and edge is fair. Each gets an id in `comp`.
 *
 * Weak classes: a weak class enabled at every state of the set and taken by no edge inside it
 * makes every cycle inside the set unfair (each such cycle has it enabled throughout and does not
 * take it). Strong classes: a strong class (enabled infinitely often ⇒ taken infinitely often) that
 * is enabled at some state of the set but taken by no edge inside it cannot be enabled anywhere on
 * a fair cycle, so the states where it is enabled are removed and the rest split into components
 * again, recursively (the Emerson–Lei refinement). When neither applies, the walk over all the
 * set's states and edges is fair: weak classes by the argument in liveness-check.ts, and every
 * strong class enabled on it is taken on it.
 */
export class FairComponents {
  /** Per node: the id of the fair component it lies in, or -1. */
  readonly comp: Int32Array;
  private count = 0;
  private readonly inSet: Int32Array;
  private stamp = 0;
  /** For the refinement; separate from the finder whose components are being examined. */
  private finder: SccFinder | undefined;
  // Per class scratch: states of the set where it is enabled, and whether an inside edge takes it.
  private readonly enabledCount: Int32Array;
  private readonly lastSeen: Int32Array;
  private readonly taken: Uint8Array;

  constructor(private readonly g: LivenessGraph) {
    this.comp = new Int32Array(g.size).fill(-1);
    this.inSet = new Int32Array(g.size);
    this.enabledCount = new Int32Array(g.classCount);
    this.lastSeen = new Int32Array(g.classCount).fill(-1);
    this.taken = new Uint8Array(g.classCount);
  }

  /**
   * Examines a strongly connected set of one state, `v`: it holds a fair cycle iff it has a
   * self-loop and every class enabled at `v` is taken by a self-loop. (A weak class enabled at the
   * one state of the cycle is enabled at all of its states; a strong class enabled there but not
   * taken would be removed by the refinement, and `v` with it.) The same verdict as
   * {@link examine}, without its scratch work: graphs are mostly such sets.
   */
  examineSingleton(v: number): void {
    const g = this.g;
    const start = g.edgeStart[v];
    const end = g.edgeEnd[v];
    let loops = false;
    for (let e = start; e < end; e++) {
      if (g.edgeTarget[e] !== v) continue;
      loops = true;
      break;
    }
    if (!loops) return;
    for (let e = start; e < end; e++) {
      const c = g.edgeClass[e];
      if (c === 0 || g.edgeTarget[e] === v) continue;
      let taken = false;
      for (let f = start; f < end && !taken; f++) taken = g.edgeTarget[f] === v && g.edgeClass[f] === c;
      if (!taken) return;
    }
    this.comp[v] = this.count++;
  }

  /** Examines one strongly connected set (as found by Tarjan). */
  examine(members: Int32Array): void {
    const g = this.g;
    if (members.length === 1 && !this.hasSelfLoop(members[0])) return;
    const stamp = ++this.stamp;
    for (const m of members) this.inSet[m] = stamp;
    const { enabledCount, lastSeen, taken } = this;
    const touchedClasses: number[] = [];
    for (const m of members) {
      for (let e = g.edgeStart[m]; e < g.edgeEnd[m]; e++) {
        const c = g.edgeClass[e] - 1;
        if (c < 0) continue;
        if (lastSeen[c] !== m) {
          lastSeen[c] = m;
          if (enabledCount[c]++ === 0) touchedClasses.push(c);
        }
        if (this.inSet[g.edgeTarget[e]] === stamp) taken[c] = 1;
      }
    }
    let weakUnfair = false;
    const refuting: number[] = [];
    for (const c of touchedClasses) {
      if (taken[c] === 0) {
        if (g.classStrong[c] === 1) refuting.push(c);
        else if (enabledCount[c] === members.length) weakUnfair = true;
      }
      enabledCount[c] = 0;
      taken[c] = 0;
    }
    // lastSeen may keep stale members: a member is never examined twice at the same stamp.
    for (const c of touchedClasses) lastSeen[c] = -1;
    if (weakUnfair) return;
    if (refuting.length === 0) {
      const id = this.count++;
      for (const m of members) this.comp[m] = id;
      return;
    }
    const blocked = new Set(refuting);
    const kept: number[] = [];
    for (const m of members) {
      let enablesBlocked = false;
      for (let e = g.edgeStart[m]; e < g.edgeEnd[m] && !enablesBlocked; e++) enablesBlocked = blocked.has(g.edgeClass[e] - 1);
      if (!enablesBlocked) kept.push(m);
    }
    const keep = ++this.stamp;
    for (const m of kept) this.inSet[m] = keep;
    // Collected first and examined after the run, so that one finder serves every depth.
    const subsets: Int32Array[] = [];
    (this.finder ??= new SccFinder(g)).run(kept, (v) => this.inSet[v] === keep, (sub) => subsets.push(sub.slice()));
    for (const sub of subsets) this.examine(sub);
  }

  private hasSelfLoop(v: number): boolean {
    const g = this.g;
    for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) if (g.edgeTarget[e] === v) return true;
    return false;
  }
}
