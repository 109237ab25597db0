import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alwaysEventually, check, eventually, leadsTo, type Model, type ModelCheckResult } from '../../src/checker/index.js';
import { FIRST_STRONG, fairCycle, refuted, type OracleGraph, type OracleKind } from './liveness-oracle.js';

/** An action of the graph model: the edge's target and fairness class packed in one number. */
const CLASSES = 4;
const pack = (target: number, cls: number) => target * (CLASSES + 1) + cls + 1;
const targetOf = (a: number) => Math.floor(a / (CLASSES + 1));
const classOf = (a: number) => (a % (CLASSES + 1)) - 1;

function graphModel(g: OracleGraph): Model<number, number> {
  return {
    initStates: () => [...g.inits],
    actions: (s, out) => {
      for (const e of g.edges[s]) out.push(pack(e.target, e.cls));
    },
    nextState: (_s, a) => targetOf(a),
    fairClass: (a) => (classOf(a) < 0 ? undefined : classOf(a) >= FIRST_STRONG ? { strong: classOf(a) } : classOf(a)),
    properties: () => [
      eventually('eventually P', (s) => g.p[s]),
      alwaysEventually('alwaysEventually P', (s) => g.p[s]),
      leadsTo('Q leadsTo P', (s) => g.q[s], (s) => g.p[s]),
    ],
  };
}

const KINDS: [OracleKind, string][] = [
  ['eventually', 'eventually P'],
  ['alwaysEventually', 'alwaysEventually P'],
  ['leadsTo', 'Q leadsTo P'],
];

const graphs: fc.Arbitrary<OracleGraph> = fc.integer({ min: 1, max: 12 }).chain((n) => {
  const node = fc.integer({ min: 0, max: n - 1 });
  const edge = fc.record({ target: node, cls: fc.integer({ min: -1, max: CLASSES - 1 }) });
  return fc.record({
    n: fc.constant(n),
    inits: fc.uniqueArray(node, { minLength: 1, maxLength: 2 }),
    edges: fc.array(fc.uniqueArray(edge, { maxLength: 3, selector: (e) => pack(e.target, e.cls) }), { minLength: n, maxLength: n }),
    p: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    q: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  });
});

/** The counterexample replays on the model, violates the property, and its cycle is fair. */
function assertValidCounterexample(g: OracleGraph, r: ModelCheckResult<number, number>, kind: OracleKind, name: string): void {
  const path = r.discovery(name)!;
  const states = path.states;
  const start = r.cycleStart(name);
  const last = states.length - 1;
  const tailFrom = start ?? last;
  if (start === undefined) expect(g.edges[states[last]]).toEqual([]);
  else {
    expect(start).toBeLessThan(last);
    expect(states[last]).toBe(states[start]);
    const taken = path.actions.slice(start).map(classOf).filter((c) => c >= 0);
    expect(fairCycle(g, states.slice(start, last), taken)).toBe(true);
  }
  if (kind === 'eventually') expect(states.some((s) => g.p[s])).toBe(false);
  else {
    // Some entry state from which P never holds again, up to and around the cycle.
    const entry = states.findIndex((s, i) => states.slice(i).every((t) => !g.p[t]) && (kind === 'alwaysEventually' || g.q[s]));
    expect(entry).toBeGreaterThanOrEqual(0);
    expect(entry).toBeLessThanOrEqual(tailFrom);
  }
}

describe('liveness under weak fairness', () => {
  it('agrees with the brute-force reference on random graphs, and its lassos are real and fair', () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const r = check(graphModel(g));
        for (const [kind, name] of KINDS) {
          const expected = refuted(g, kind);
          expect(r.verdict(name), `${name} on ${JSON.stringify(g)}`).toBe(expected ? 'fails' : 'holds');
          if (expected) assertValidCounterexample(g, r, kind, name);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the reference tells the sound semantics from terminal-only and from no fairness', () => {
    // 0 → 1 → 0 forever, P nowhere: a lasso that Stateright's terminal-only search never reports.
    const loop: OracleGraph = { n: 2, inits: [0], edges: [[{ target: 1, cls: -1 }], [{ target: 0, cls: -1 }]], p: [false, false], q: [false, false] };
    expect(refuted(loop, 'eventually')).toBe(true);
    expect(check(graphModel(loop), { liveness: 'stateright' }).verdict('eventually P')).toBe('holds');
    // 0 loops on itself unfairly while fair class 0 leads to P: no fair behaviour avoids P.
    const fairExit: OracleGraph = {
      n: 2,
      inits: [0],
      edges: [[{ target: 0, cls: -1 }, { target: 1, cls: 0 }], [{ target: 1, cls: -1 }]],
      p: [false, true],
      q: [false, false],
    };
    expect(refuted(fairExit, 'eventually')).toBe(false);
    expect(check(graphModel(fairExit)).verdict('eventually P')).toBe('holds');
    expect(check(graphModel({ ...fairExit, edges: [[{ target: 0, cls: -1 }, { target: 1, cls: -1 }], fairExit.edges[1]] })).verdict('eventually P')).toBe('fails');
    // A retry loop 0 → 1 → 0 where the exit to P is enabled only at 1: weak fairness allows
    // skipping it forever, strong fairness does not.
    const retry = (cls: number): OracleGraph => ({
      n: 3,
      inits: [0],
      edges: [[{ target: 1, cls: -1 }], [{ target: 0, cls: -1 }, { target: 2, cls }], []],
      p: [false, false, true],
      q: [false, false, false],
    });
    expect([refuted(retry(0), 'eventually'), refuted(retry(FIRST_STRONG), 'eventually')]).toEqual([true, false]);
    expect(check(graphModel(retry(0))).verdict('eventually P')).toBe('fails');
    expect(check(graphModel(retry(FIRST_STRONG))).verdict('eventually P')).toBe('holds');
  });

  it('keeps every class apart past 65,535 classes (the narrow class column widens)', () => {
    // A chain 0 → 1 → … → N, step i in its own weak class i. At N, a self-loop in class 5 and an
    // exit to P in class N, the first class past the narrow column: stored narrow it would read
    // as class 5, taken by the loop, and the loop would be a fair way to avoid P forever.
    const N = 65_536 + 5;
    type Step = { readonly to: number; readonly cls: number };
    const model: Model<number, Step> = {
      initStates: () => [0],
      actions: (s, out) => {
        if (s < N) out.push({ to: s + 1, cls: s });
        else if (s === N) out.push({ to: N, cls: 5 }, { to: N + 1, cls: N });
      },
      nextState: (_s, a) => a.to,
      fairClass: (a) => a.cls,
      properties: () => [eventually('P', (s) => s === N + 1)],
    };
    expect(check(model).verdict('P')).toBe('holds');
    const unfairExit = check({ ...model, fairClass: (a) => (a.to === N + 1 ? undefined : a.cls) });
    expect(unfairExit.verdict('P')).toBe('fails');
    expect(unfairExit.discovery('P')!.indices.slice(-1)).toEqual([0]);
  });
});
