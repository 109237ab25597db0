/**
 * The liveness analysis over the explored graph (liveness-graph.ts), run on one thread after the
 * search: `eventually` (◇P), `leadsTo` (□(P ⇒ ◇Q)) and `alwaysEventually` (□◇P) under weak
 * fairness per action class. Internal.
 *
 * Behaviours. A behaviour is a maximal path from an init state: it ends in a terminal state (one
 * with no successor) or is infinite. In a finite graph an infinite path that stays in a set of
 * states eventually stays in one strongly connected component of it, so its suffix is a cycle
 * there, and a counterexample can always be shown as a lasso: a prefix, then a cycle.
 *
 * Fairness (weak, per class). Each action may belong to a fairness class (the model's
 * `fairClass`). A class is *enabled* at a state when some action of the class leads to a successor
 * there (an ignored action, or one leading outside the boundary, is no step). An infinite
 * behaviour is fair when every class that is enabled at every state of its cycle is taken on the
 * cycle. Only fair behaviours count; a path to a terminal state is always fair (nothing is enabled
 * at its end, and it stays there forever).
 *
 * Each property is refuted by a behaviour that, from some *entry* state on, stays in the *bad*
 * set B of states where the awaited predicate is false, and then ends in a terminal state of B or
 * cycles fairly inside B:
 * - eventually P: B = ¬P, entries = init states in B (the whole behaviour avoids P);
 * - alwaysEventually P: B = ¬P, entries = every state of B (P stops holding for good);
 * - leadsTo(P, Q): B = ¬Q, entries = states of B where P holds (a P-state never followed by Q).
 *
 * Why looking at strongly connected components of B is enough (the completeness argument). Let S
 * be the SCC of B that a fair cycle C inside B lies in (C is inside one SCC since it is a cycle).
 * Consider the closed walk W that starts at a state of S and traverses every state and every edge
 * of S (it exists because S is strongly connected). For each class c: if c is disabled at some
 * state of C, that state is on W, so c is not enabled everywhere on W; if c is taken on C, that
 * edge is on W. So W is fair whenever C is: an SCC contains a fair cycle iff the walk over all of
 * it is fair, which is iff every class enabled at all of its states has an edge inside it (edges
 * leaving S or B count for "enabled" but cannot be taken by a cycle inside S). This is weak
 * fairness; strong fairness would need the recursive decomposition of Emerson–Lei, and is not
 * offered. A nontrivial SCC is one with an edge inside it (two or more states, or a self-loop).
 * Tarjan's algorithm, started from every entry and following only edges into B, visits exactly
 * the states of B reachable from an entry inside B, so every refuting behaviour is found, and
 * every one reported is real: its states were expanded, their edges and enabled classes are
 * exactly the model's.
 *
 * Bounds. Nodes the search did not expand (left at a depth, state-count or time bound) have
 * unknown successors: they are never part of B, never terminal and never on a cycle. A lasso
 * found among expanded nodes is still a real counterexample, but when some node was not expanded
 * the absence of one proves nothing: the verdict is then "unknown", never "holds".
 */
import type { LivenessGraph } from './liveness-graph.js';
import { isLiveness, type Expectation, type Property } from './property.js';

/** How `eventually` is checked: soundly on the graph, or as Stateright 0.31 does (terminal paths only). */
export type LivenessMode = 'sound' | 'stateright';

/** A liveness counterexample: a path, and where its cycle starts (undefined: it ends in a terminal state). */
export interface Lasso {
  /** `[initIndex, actionIndex, ...]`. */
  readonly indices: number[];
  /** The index into the path's states where the cycle starts; the last state equals that state. */
  readonly cycleStart: number | undefined;
}

export interface LivenessAnalysis {
  /** Per property (declaration order): the counterexample found by the graph analysis. */
  readonly findings: (Lasso | undefined)[];
  /** Per property: analysed on the graph (so a missing finding is "holds" or "unknown"). */
  readonly analysed: boolean[];
  /** Every node of the graph was expanded: a missing finding is a proof. */
  readonly complete: boolean;
}

/** Whether the property is decided by the graph analysis under `mode`. */
export function onGraph(expectation: Expectation, mode: LivenessMode): boolean {
  return isLiveness(expectation) && !(mode === 'stateright' && expectation === 'eventually');
}

/** The predicates recorded per node: for each analysed property its condition, then its premise. */
export function livenessAtoms<State>(properties: readonly Property<State>[], mode: LivenessMode): ((state: State) => boolean)[] {
  const atoms: ((state: State) => boolean)[] = [];
  for (const p of properties) {
    if (!onGraph(p.expectation, mode)) continue;
    atoms.push(p.condition);
    if (p.expectation === 'leadsTo') atoms.push(p.premise ?? (() => false));
  }
  return atoms;
}

export function analyseLiveness<State>(graph: LivenessGraph, properties: readonly Property<State>[], mode: LivenessMode): LivenessAnalysis {
  const findings: (Lasso | undefined)[] = properties.map(() => undefined);
  const analysed = properties.map((p) => onGraph(p.expectation, mode));
  let atom = 0;
  properties.forEach((p, i) => {
    if (!analysed[i]) return;
    const condBit = 1 << atom++;
    const premiseBit = p.expectation === 'leadsTo' ? 1 << atom++ : 0;
    findings[i] = new PropertyAnalysis(graph, p.expectation, condBit, premiseBit).run();
  });
  return { findings, analysed, complete: graph.expandedCount === graph.size };
}

class PropertyAnalysis {
  private readonly n: number;
  /** Per node: its SCC number inside B (as Tarjan numbers them), -1 when not reached. */
  private readonly sccOf: Int32Array;
  /** Per node: a refuting behaviour can end here (terminal in B, or in a fair SCC of B). */
  private readonly bad: Uint8Array;
  // Scratch for the per-SCC fairness count, by class.
  private readonly enabledCount: Int32Array;
  private readonly lastSeen: Int32Array;
  private readonly taken: Uint8Array;
  private readonly touched: number[] = [];

  constructor(
    private readonly g: LivenessGraph,
    private readonly expectation: Expectation,
    private readonly condBit: number,
    private readonly premiseBit: number,
  ) {
    this.n = g.size;
    this.sccOf = new Int32Array(this.n).fill(-1);
    this.bad = new Uint8Array(this.n);
    this.enabledCount = new Int32Array(g.classCount);
    this.lastSeen = new Int32Array(g.classCount).fill(-1);
    this.taken = new Uint8Array(g.classCount);
  }

  run(): Lasso | undefined {
    const entries = this.entries();
    this.tarjan(entries);
    const reach = this.pathInB(entries);
    if (reach === undefined) return undefined;
    const { entry, edges: toBad, end } = reach;
    const g = this.g;
    const prefix = this.prefixTo(entry);
    const body = [...prefix.edges, ...toBad];
    const indices = [prefix.initIndex, ...body.map((e) => g.edgeAction[e])];
    if (g.edgeStart[end] === g.edgeEnd[end]) return { indices, cycleStart: undefined };
    const cycle = new CycleBuilder(g, this.sccOf, end).build();
    return { indices: [...indices, ...cycle.map((e) => g.edgeAction[e])], cycleStart: body.length };
  }

  private inB(node: number): boolean {
    return this.g.edgeStart[node] >= 0 && (this.g.labels[node] & this.condBit) === 0;
  }

  private entries(): number[] {
    const g = this.g;
    if (this.expectation === 'eventually') return g.inits.map(([node]) => node).filter((v) => this.inB(v));
    const out: number[] = [];
    for (let v = 0; v < this.n; v++) {
      if (!this.inB(v)) continue;
      if (this.expectation === 'leadsTo' && (g.labels[v] & this.premiseBit) === 0) continue;
      out.push(v);
    }
    return out;
  }

  /** Iterative Tarjan over B from every entry; marks the states where a refuting behaviour can end. */
  private tarjan(entries: readonly number[]): void {
    const { g, n } = this;
    const index = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const stack = new Int32Array(n);
    const callNode = new Int32Array(n);
    const callEdge = new Int32Array(n);
    let sp = 0;
    let cp = 0;
    let counter = 0;
    let sccCount = 0;
    const visit = (w: number): void => {
      index[w] = low[w] = counter++;
      stack[sp++] = w;
      onStack[w] = 1;
      callNode[cp] = w;
      callEdge[cp++] = g.edgeStart[w];
    };
    for (const root of entries) {
      if (index[root] >= 0) continue;
      visit(root);
      while (cp > 0) {
        const v = callNode[cp - 1];
        const e = callEdge[cp - 1];
        if (e < g.edgeEnd[v]) {
          callEdge[cp - 1] = e + 1;
          const w = g.edgeTarget[e];
          if (!this.inB(w)) continue;
          if (index[w] < 0) visit(w);
          else if (onStack[w] === 1 && index[w] < low[v]) low[v] = index[w];
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
        const members = stack.subarray(k, sp);
        for (const m of members) {
          onStack[m] = 0;
          this.sccOf[m] = sccCount;
        }
        this.classify(members, sccCount++);
        sp = k;
      }
    }
  }

  /** Marks the SCC's states bad when it is a terminal state or contains a fair cycle. */
  private classify(members: Int32Array, scc: number): void {
    const g = this.g;
    if (members.length === 1) {
      const v = members[0];
      if (g.edgeStart[v] === g.edgeEnd[v]) {
        this.bad[v] = 1;
        return;
      }
      let selfLoop = false;
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v] && !selfLoop; e++) selfLoop = g.edgeTarget[e] === v;
      if (!selfLoop) return;
    }
    // Fair iff every class enabled at all of its states is taken by an edge inside it (see top).
    const { enabledCount, lastSeen, taken, touched } = this;
    for (const m of members) {
      for (let e = g.edgeStart[m]; e < g.edgeEnd[m]; e++) {
        const c = g.edgeClass[e];
        if (c < 0) continue;
        if (lastSeen[c] !== m) {
          lastSeen[c] = m;
          if (enabledCount[c]++ === 0) touched.push(c);
        }
        if (this.sccOf[g.edgeTarget[e]] === scc) taken[c] = 1;
      }
    }
    let fair = true;
    for (const c of touched) {
      if (enabledCount[c] === members.length && taken[c] === 0) fair = false;
      enabledCount[c] = 0;
      taken[c] = 0;
    }
    touched.length = 0;
    if (fair) for (const m of members) this.bad[m] = 1;
  }

  /** Breadth-first from the entries inside B to the nearest bad state: the entry, the edges, the end. */
  private pathInB(entries: readonly number[]): { entry: number; edges: number[]; end: number } | undefined {
    const g = this.g;
    const parentEdge = new Int32Array(this.n).fill(-2);
    const parentNode = new Int32Array(this.n);
    const queue: number[] = [];
    for (const v of entries) {
      if (parentEdge[v] !== -2) continue;
      parentEdge[v] = -1;
      queue.push(v);
    }
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      if (this.bad[v] === 1) {
        const edges: number[] = [];
        let cur = v;
        while (parentEdge[cur] >= 0) {
          edges.push(parentEdge[cur]);
          cur = parentNode[cur];
        }
        return { entry: cur, edges: edges.reverse(), end: v };
      }
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) {
        const w = g.edgeTarget[e];
        if (parentEdge[w] !== -2 || !this.inB(w)) continue;
        parentEdge[w] = e;
        parentNode[w] = v;
        queue.push(w);
      }
    }
    return undefined;
  }

  /** A shortest path in the whole graph from an init state to `target`. */
  private prefixTo(target: number): { initIndex: number; edges: number[] } {
    const g = this.g;
    const parentEdge = new Int32Array(this.n).fill(-2);
    const parentNode = new Int32Array(this.n);
    const rootInit = new Map<number, number>();
    const queue: number[] = [];
    for (const [node, initIndex] of g.inits) {
      parentEdge[node] = -1;
      rootInit.set(node, initIndex);
      queue.push(node);
    }
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      if (v === target) {
        const edges: number[] = [];
        let cur = v;
        while (parentEdge[cur] >= 0) {
          edges.push(parentEdge[cur]);
          cur = parentNode[cur];
        }
        return { initIndex: rootInit.get(cur)!, edges: edges.reverse() };
      }
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) {
        const w = g.edgeTarget[e];
        if (parentEdge[w] !== -2) continue;
        parentEdge[w] = e;
        parentNode[w] = v;
        queue.push(w);
      }
    }
    throw new Error('internal error: a liveness counterexample starts at a state no init state reaches');
  }
}

/**
 * A fair cycle through `root` inside its SCC, as edges: loops through `root`, added one class at a
 * time. Each round takes a class that is enabled at every state of the cycle so far but not taken
 * on it, and adds a loop that either takes it (an edge of the class inside the SCC exists when the
 * class is enabled at all the SCC's states, because the SCC is fair) or visits a state of the SCC
 * where it is disabled. The cycle only grows, so a resolved class stays resolved: at most one round
 * per class. A cycle over a few loops is much shorter than one through every state of the SCC.
 */
class CycleBuilder {
  private readonly members: number[] = [];
  private readonly onCycle: Uint8Array;
  private readonly cycleNodes: number[] = [];
  private readonly takenOnCycle = new Set<number>();
  private readonly edges: number[] = [];

  constructor(
    private readonly g: LivenessGraph,
    private readonly sccOf: Int32Array,
    private readonly root: number,
  ) {
    const scc = sccOf[root];
    for (let v = 0; v < g.size; v++) if (sccOf[v] === scc) this.members.push(v);
    this.onCycle = new Uint8Array(g.size);
  }

  build(): number[] {
    this.add(this.loopThrough(this.root, (v) => v === this.root));
    for (let round = 0; round <= this.g.classCount; round++) {
      const c = this.unresolvedClass();
      if (c === undefined) return this.edges;
      const edge = this.edgeOfClassInside(c);
      if (edge !== undefined) {
        const [from, e] = edge;
        this.add([...this.path(this.root, (v) => v === from), e, ...this.path(this.g.edgeTarget[e], (v) => v === this.root)]);
      } else {
        const away = this.members.find((v) => !this.enables(v, c))!;
        this.add([...this.path(this.root, (v) => v === away), ...this.path(away, (v) => v === this.root)]);
      }
    }
    throw new Error('internal error: no fair cycle in a component classified as fair');
  }

  private add(edges: readonly number[]): void {
    const g = this.g;
    for (const e of edges) {
      this.edges.push(e);
      if (g.edgeClass[e] >= 0) this.takenOnCycle.add(g.edgeClass[e]);
      const w = g.edgeTarget[e];
      if (this.onCycle[w] === 0) {
        this.onCycle[w] = 1;
        this.cycleNodes.push(w);
      }
    }
  }

  /** A class enabled at every state of the cycle so far and not taken on it. */
  private unresolvedClass(): number | undefined {
    const g = this.g;
    const count = new Map<number, number>();
    for (const v of this.cycleNodes) {
      const seen = new Set<number>();
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) {
        const c = g.edgeClass[e];
        if (c >= 0 && !seen.has(c)) {
          seen.add(c);
          count.set(c, (count.get(c) ?? 0) + 1);
        }
      }
    }
    for (const [c, k] of count) if (k === this.cycleNodes.length && !this.takenOnCycle.has(c)) return c;
    return undefined;
  }

  private enables(v: number, c: number): boolean {
    const g = this.g;
    for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) if (g.edgeClass[e] === c) return true;
    return false;
  }

  private edgeOfClassInside(c: number): [from: number, edge: number] | undefined {
    const g = this.g;
    const scc = this.sccOf[this.root];
    for (const v of this.members) {
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) if (g.edgeClass[e] === c && this.sccOf[g.edgeTarget[e]] === scc) return [v, e];
    }
    return undefined;
  }

  /** A shortest path inside the SCC from `from` to a goal state (empty when `from` is one). */
  private path(from: number, goal: (v: number) => boolean): number[] {
    return goal(from) ? [] : this.loopThrough(from, goal);
  }

  /** A shortest path of at least one edge inside the SCC from `from` to a goal state. */
  private loopThrough(from: number, goal: (v: number) => boolean): number[] {
    const g = this.g;
    const scc = this.sccOf[this.root];
    const parentEdge = new Map<number, number>();
    const parentNode = new Map<number, number>();
    const queue = [from];
    const seen = new Set<number>();
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) {
        const w = g.edgeTarget[e];
        if (this.sccOf[w] !== scc || seen.has(w)) continue;
        seen.add(w);
        parentEdge.set(w, e);
        parentNode.set(w, v);
        if (goal(w)) {
          const edges: number[] = [];
          let cur = w;
          do {
            edges.push(parentEdge.get(cur)!);
            cur = parentNode.get(cur)!;
          } while (cur !== from);
          return edges.reverse();
        }
        queue.push(w);
      }
    }
    throw new Error('internal error: a strongly connected component is not strongly connected');
  }
}
