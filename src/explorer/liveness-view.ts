/**
 * Liveness verdicts for the Explorer. The background check explores as Stateright's Explorer does
 * (its counts and its terminal-only `eventually`, for the API scripts written against Stateright),
 * so liveness properties are decided apart: once the background run is done, the session runs the
 * checker's sound analysis (liveness-check.ts in the checker) once, on the server's thread, and
 * keeps its counterexamples, lassos included. The Explorer is for models small enough to browse,
 * so this second exploration is short; until it has run, liveness properties show as searching.
 */
import { check, type Model, type ModelCheckResult, type Property } from '../checker/index.js';

/** A liveness counterexample as the page shows it. */
export interface LassoView {
  /** The path, `0/1/2`: "Jump to discovery" leads to its last state, where the cycle closes. */
  readonly discovery: string;
  /** The index into the path's states where the cycle starts (absent: it ends in a terminal state). */
  readonly cycleStart?: number;
}

/** Per property: decided by the sound analysis. */
export function isGraphLiveness(p: Property<unknown>): boolean {
  return p.expectation === 'eventually' || p.expectation === 'leadsTo' || p.expectation === 'alwaysEventually';
}

export class ExplorerLiveness<State, Action> {
  private result: ModelCheckResult<State, Action> | undefined;

  constructor(
    private readonly model: Model<State, Action>,
    private readonly properties: readonly Property<State>[],
  ) {}

  /** Whether the model has a liveness property at all. */
  get wanted(): boolean {
    return this.properties.some((p) => isGraphLiveness(p as Property<unknown>));
  }

  /** Per property (liveness only, once `done`): the verdict and counterexample; undefined before. */
  verdicts(done: boolean): ({ verdict: 'holds' | 'fails' | 'unknown'; lasso?: LassoView } | undefined)[] | undefined {
    if (!this.wanted || !done) return undefined;
    const r = (this.result ??= check(this.model));
    return this.properties.map((p) => {
      if (!isGraphLiveness(p as Property<unknown>)) return undefined;
      const path = r.discovery(p.name);
      const verdict = r.verdict(p.name);
      if (path === undefined) return { verdict };
      const start = r.cycleStart(p.name);
      return { verdict, lasso: { discovery: path.encode(), ...(start === undefined ? {} : { cycleStart: start }) } };
    });
  }
}
