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
 * Fairness (per class). Each action may belong to a fairness class (the model's `fairClass`). A
 * class is *enabled* at a state when some action of the class leads to a successor there (an
 * ignored action, or one leading outside the boundary, is no step). An infinite behaviour is fair
 * when every weakly fair class that is enabled at every state of its cycle, and every strongly fair
 * class that is enabled at some state of its cycle, is taken on the cycle. Only fair behaviours
 * count; a path to a terminal state is always fair (nothing is enabled at its end, and it stays
 * there forever). A behaviour never stutters forever in a state where some action is enabled.
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
 * leaving S or B count for "enabled" but cannot be taken by a cycle inside S). Strong classes
 * need one more step, the Emerson–Lei refinement (liveness-scc.ts): a strong class enabled
 * somewhere in S but taken nowhere inside it cannot be enabled on a fair cycle, so its states are
 * removed and what remains is split into SCCs again. A nontrivial SCC is one with an edge inside
 * it (two or more states, or a self-loop).
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
import { CycleBuilder } from './lasso-cycle.js';
import type { LivenessGraph } from './liveness-graph.js';
import { FairComponents, SccFinder } from './liveness-scc.js';
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

/**
 * Turns a counterexample's edges (from the init state at `initIndex`) into action indices; the
 * graph does not keep them (liveness-replay.ts).
 */
export type EdgePathIndices = (initIndex: number, edges: readonly number[]) => number[];

export function analyseLiveness<State>(graph: LivenessGraph, properties: readonly Property<State>[], mode: LivenessMode, indicesOf: EdgePathIndices): LivenessAnalysis {
  const findings: (Lasso | undefined)[] = properties.map(() => undefined);
  const analysed = properties.map((p) => onGraph(p.expectation, mode));
  let atom = 0;
  properties.forEach((p, i) => {
    if (!analysed[i]) return;
    const condBit = 1 << atom++;
    const premiseBit = p.expectation === 'leadsTo' ? 1 << atom++ : 0;
    const found = new PropertyAnalysis(graph, p.expectation, condBit, premiseBit).run();
    if (found !== undefined) findings[i] = { indices: indicesOf(found.initIndex, found.edges), cycleStart: found.cycleStart };
  });
  return { findings, analysed, complete: graph.expandedCount === graph.size };
}

class PropertyAnalysis {
  private readonly n: number;
  /** Per node: a refuting behaviour can end here (terminal in B, or in a fair component of B). */
  private readonly bad: Uint8Array;
  private readonly fair: FairComponents;

  constructor(
    private readonly g: LivenessGraph,
    private readonly expectation: Expectation,
    private readonly condBit: number,
    private readonly premiseBit: number,
  ) {
    this.n = g.size;
    this.bad = new Uint8Array(this.n);
    this.fair = new FairComponents(g);
  }

  /** The counterexample as edges from the init state at `initIndex`; `cycleStart` counts edges. */
  run(): { initIndex: number; edges: number[]; cycleStart: number | undefined } | undefined {
    const g = this.g;
    const entries = this.entries();
    const inB = (v: number) => this.inB(v);
    const bad = this.bad;
    let badCount = 0;
    new SccFinder(g).run(
      entries,
      inB,
      (members) => this.fair.examine(members),
      (v) => {
        if (g.edgeStart[v] !== g.edgeEnd[v]) this.fair.examineSingleton(v);
        else if (bad[v] === 0) {
          bad[v] = 1;
          badCount++;
        }
      },
    );
    const comp = this.fair.comp;
    for (let v = 0; v < this.n; v++) {
      if (comp[v] < 0 || bad[v] === 1) continue;
      bad[v] = 1;
      badCount++;
    }
    // Nothing to reach: skip the search over B, as large as the graph for a property that holds.
    if (badCount === 0) return undefined;
    const reach = this.pathInB(entries);
    if (reach === undefined) return undefined;
    const { entry, edges: toBad, end } = reach;
    const prefix = this.prefixTo(entry);
    const body = [...prefix.edges, ...toBad];
    if (comp[end] < 0) return { initIndex: prefix.initIndex, edges: body, cycleStart: undefined };
    const cycle = new CycleBuilder(g, comp, end).build();
    return { initIndex: prefix.initIndex, edges: [...body, ...cycle], cycleStart: body.length };
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

  /** Breadth-first from the entries inside B to the nearest bad state: the entry, the edges, the end. */
  private pathInB(entries: readonly number[]): { entry: number; edges: number[]; end: number } | undefined {
    const found = shortestPath(this.g, entries, (v) => this.inB(v), (v) => this.bad[v] === 1);
    return found === undefined ? undefined : { entry: found.root, edges: found.edges, end: found.end };
  }

  /** A shortest path in the whole graph from an init state to `target`. */
  private prefixTo(target: number): { initIndex: number; edges: number[] } {
    const g = this.g;
    const found = shortestPath(g, g.inits.map(([node]) => node), () => true, (v) => v === target);
    if (found === undefined) throw new Error('internal error: a liveness counterexample starts at a state no init state reaches');
    return { initIndex: g.inits.find(([node]) => node === found.root)![1], edges: found.edges };
  }
}

/** Breadth-first from `roots` through nodes `allowed` admits, to the first `goal` node. */
function shortestPath(
  g: LivenessGraph,
  roots: readonly number[],
  allowed: (v: number) => boolean,
  goal: (v: number) => boolean,
): { root: number; edges: number[]; end: number } | undefined {
  const parentEdge = new Int32Array(g.size).fill(-2);
  const parentNode = new Int32Array(g.size);
  const queue: number[] = [];
  for (const v of roots) {
    if (parentEdge[v] !== -2) continue;
    parentEdge[v] = -1;
    queue.push(v);
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    if (goal(v)) {
      const edges: number[] = [];
      let cur = v;
      while (parentEdge[cur] >= 0) {
        edges.push(parentEdge[cur]);
        cur = parentNode[cur];
      }
      return { root: cur, edges: edges.reverse(), end: v };
    }
    for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) {
      const w = g.edgeTarget[e];
      if (parentEdge[w] !== -2 || !allowed(w)) continue;
      parentEdge[w] = e;
      parentNode[w] = v;
      queue.push(w);
    }
  }
  return undefined;
}
