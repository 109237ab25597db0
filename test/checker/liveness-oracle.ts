/**
 * A brute-force reference for liveness verdicts under weak fairness, written only for the tests:
 * it follows the definitions directly and shares nothing with the checker's SCC analysis.
 *
 * A behaviour refutes the property when, from an entry state on, it stays in the bad set B and
 * either stops in a terminal state or cycles fairly. Fair cycles are found by enumerating closed
 * walks from each state of B: a walk is summarised by where it is, the set of states it visited
 * and the set of classes it took (all that weak fairness looks at), and every summary reachable
 * is enumerated, so walks of any length are covered by the finitely many summaries. A closed walk
 * is fair when every weak class enabled at all of its states, and every strong class enabled at
 * one of its states, is among those it took.
 */
export interface OracleEdge {
  readonly target: number;
  /** Fairness class, or -1 for an unfair action; classes from {@link FIRST_STRONG} on are strongly fair. */
  readonly cls: number;
}

export const FIRST_STRONG = 2;

export interface OracleGraph {
  readonly n: number;
  readonly inits: readonly number[];
  readonly edges: readonly (readonly OracleEdge[])[];
  /** Per state: P holds. */
  readonly p: readonly boolean[];
  /** Per state: Q holds. */
  readonly q: readonly boolean[];
}

export type OracleKind = 'eventually' | 'alwaysEventually' | 'leadsTo';

/** Whether some fair behaviour refutes `eventually P`, `alwaysEventually P` or `leadsTo(Q, P)`. */
export function refuted(g: OracleGraph, kind: OracleKind): boolean {
  const inB = (v: number) => !g.p[v];
  const reachable = closure(g.inits, (v) => g.edges[v].map((e) => e.target));
  const entries =
    kind === 'eventually' ? g.inits.filter(inB) : [...reachable].filter((v) => inB(v) && (kind === 'alwaysEventually' || g.q[v]));
  const within = closure(entries, (v) => g.edges[v].map((e) => e.target).filter(inB));
  for (const v of within) {
    if (g.edges[v].length === 0) return true;
    if (fairClosedWalkFrom(g, v, inB)) return true;
  }
  return false;
}

/** Whether the cycle given by its states and the classes of its steps is fair (the definition). */
export function fairCycle(g: OracleGraph, states: readonly number[], taken: readonly number[]): boolean {
  const classes = new Set(g.edges.flatMap((es) => es.map((e) => e.cls)).filter((c) => c >= 0));
  for (const c of classes) {
    const enabledAt = (v: number) => g.edges[v].some((e) => e.cls === c);
    const mustBeTaken = c >= FIRST_STRONG ? states.some(enabledAt) : states.every(enabledAt);
    if (mustBeTaken && !taken.includes(c)) return false;
  }
  return true;
}

function fairClosedWalkFrom(g: OracleGraph, start: number, inB: (v: number) => boolean): boolean {
  const seen = new Set<string>();
  const stack: [at: number, visited: number, taken: number][] = [[start, 1 << start, 0]];
  while (stack.length > 0) {
    const [at, visited, taken] = stack.pop()!;
    const key = `${at}/${visited}/${taken}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const e of g.edges[at]) {
      if (!inB(e.target)) continue;
      const nowTaken = e.cls >= 0 ? taken | (1 << e.cls) : taken;
      const nowVisited = visited | (1 << e.target);
      if (e.target === start && fair(g, nowVisited, nowTaken)) return true;
      stack.push([e.target, nowVisited, nowTaken]);
    }
  }
  return false;
}

function fair(g: OracleGraph, visited: number, taken: number): boolean {
  const states: number[] = [];
  for (let v = 0; v < g.n; v++) if ((visited & (1 << v)) !== 0) states.push(v);
  const classes: number[] = [];
  for (let c = 0; c < 31; c++) if ((taken & (1 << c)) !== 0) classes.push(c);
  return fairCycle(g, states, classes);
}

function closure(from: Iterable<number>, next: (v: number) => number[]): Set<number> {
  const out = new Set<number>();
  const todo = [...from];
  while (todo.length > 0) {
    const v = todo.pop()!;
    if (out.has(v)) continue;
    out.add(v);
    todo.push(...next(v));
  }
  return out;
}
