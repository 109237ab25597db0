/**
 * The outcome of a checker run, with the assertion helpers tests use.
 */
import { collisionProbability, sameValue } from './fingerprint.js';
import { boundedInitStates, formatActionOf, type Model } from './model.js';
import type { Strategy } from './options.js';
import { replayPath, type Path } from './path.js';
import { discoveryIsFailure, type Expectation, type Property } from './property.js';
import type { SearchOutcome } from './search.js';

export class ModelCheckResult<State, Action> {
  readonly generated: number;
  readonly unique: number;
  readonly maxDepth: number;
  /** The queue was exhausted: absence of a discovery is then a proof (within the boundary). */
  readonly complete: boolean;
  readonly timedOut: boolean;
  readonly elapsedMs: number;
  /**
   * Bytes held at the end by the visited set (the fingerprint table, plus BFS parent records);
   * 0 for simulation. Divide by `unique` for the cost per visited state.
   */
  readonly visitedBytes: number;
  readonly properties: readonly Property<State>[];
  /**
   * Bytes held at the end by the explored graph that liveness properties are checked on (0 when
   * the model has none). Divide by `unique` for the cost per state.
   */
  readonly livenessBytes: number;
  private readonly discoveryIndices: ReadonlyMap<string, readonly number[]>;
  /** Liveness counterexamples that end in a cycle: where the cycle starts, by property name. */
  private readonly cycleStarts: ReadonlyMap<string, number>;
  /** Names of the properties decided on the explored graph. */
  private readonly onGraph: ReadonlySet<string>;
  private readonly livenessComplete: boolean;

  constructor(
    readonly model: Model<State, Action>,
    readonly strategy: Strategy,
    properties: readonly Property<State>[],
    outcome: SearchOutcome,
    elapsedMs: number,
  ) {
    this.properties = properties;
    this.generated = outcome.generated;
    this.unique = outcome.unique;
    this.maxDepth = outcome.maxDepth;
    this.complete = outcome.complete;
    this.timedOut = outcome.timedOut;
    this.elapsedMs = elapsedMs;
    this.visitedBytes = outcome.visitedBytes ?? 0;
    this.livenessBytes = outcome.livenessBytes ?? 0;
    const map = new Map<string, readonly number[]>();
    const cycles = new Map<string, number>();
    const onGraph = new Set<string>();
    const liveness = outcome.liveness;
    properties.forEach((p, i) => {
      if (liveness?.analysed[i] === true) {
        onGraph.add(p.name);
        const lasso = liveness.findings[i];
        if (lasso !== undefined) map.set(p.name, lasso.indices);
        if (lasso?.cycleStart !== undefined) cycles.set(p.name, lasso.cycleStart);
        return;
      }
      const d = outcome.discoveries[i];
      if (d !== undefined) map.set(p.name, d);
    });
    this.discoveryIndices = map;
    this.cycleStarts = cycles;
    this.onGraph = onGraph;
    this.livenessComplete = liveness?.complete ?? true;
  }

  /** Upper bound (birthday bound n²/2^65) on the chance that two distinct states shared a fingerprint. */
  get collisionProbability(): number {
    return this.strategy === 'simulation' ? 0 : collisionProbability(this.unique);
  }

  /** Names of the properties that have a discovery, in declaration order. */
  get discoveredNames(): string[] {
    return this.properties.filter((p) => this.discoveryIndices.has(p.name)).map((p) => p.name);
  }

  /** The first discovery of the named property (for BFS a shortest one), replayed. */
  discovery(name: string): Path<State, Action> | undefined {
    this.property(name);
    const indices = this.discoveryIndices.get(name);
    return indices === undefined ? undefined : replayPath(this.model, indices);
  }

  /**
   * For a liveness counterexample that ends in a cycle (a lasso), the index into the discovery's
   * states where the cycle starts: the path's last state is that state again. Undefined when the
   * counterexample ends in a terminal state, or for other properties.
   */
  cycleStart(name: string): number | undefined {
    this.property(name);
    return this.cycleStarts.get(name);
  }

  /**
   * The verdict on a property: `holds` (the invariant or liveness property holds, or the example
   * exists), `fails`, or `unknown` when the run ended before it could tell. A liveness property
   * checked on the graph is `unknown` without a counterexample whenever some reached state was
   * left unexpanded (a depth, state-count or time bound): an unexplored frontier is not evidence.
   */
  verdict(name: string): 'holds' | 'fails' | 'unknown' {
    const p = this.property(name);
    const found = this.discoveryIndices.has(name);
    if (p.expectation === 'sometimes') return found ? 'holds' : this.complete ? 'fails' : 'unknown';
    if (found) return 'fails';
    const exhausted = this.onGraph.has(name) ? this.complete && this.livenessComplete : this.complete;
    return exhausted ? 'holds' : 'unknown';
  }

  /** Discovery paths encoded as `0/1/...`, by property name. */
  encodedDiscoveries(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, indices] of this.discoveryIndices) out[name] = indices.join('/');
    return out;
  }

  /**
   * Throws unless every always/eventually property has no discovery and every sometimes property
   * has one.
   */
  assertProperties(): void {
    for (const p of this.properties) {
      if (discoveryIsFailure(p.expectation)) this.assertNoDiscovery(p.name);
      else this.assertAnyDiscovery(p.name);
      if (this.onGraph.has(p.name) && this.verdict(p.name) === 'unknown') {
        throw new Error(`"${p.name}" is unknown: the run left states unexpanded (a depth, state-count or time bound), so no cycle could be ruled out (${this.summary()})`);
      }
    }
  }

  assertNoDiscovery(name: string): void {
    const path = this.discovery(name);
    if (path !== undefined) {
      const steps = path.actions.map((a) => `  - ${formatActionOf(this.model, a)}`).join('\n');
      throw new Error(
        `unexpected ${kindWord(this.property(name))} for "${name}" (path ${path.encode()}):\n${steps}`,
      );
    }
  }

  assertAnyDiscovery(name: string): void {
    if (this.discovery(name) === undefined) {
      throw new Error(`no ${kindWord(this.property(name))} found for "${name}" (${this.summary()})`);
    }
  }

  /**
   * Throws unless the property has some discovery and `actions` (matched by value among the
   * non-ignored actions, from some init state) lead to a valid discovery: a counterexample for
   * always, an example for sometimes, and for eventually a path to a state without actions along
   * which the condition never holds. Pins *a* valid discovery, whichever one the run stored.
   */
  assertDiscovery(name: string, actions: readonly Action[]): void {
    const p = this.property(name);
    this.assertAnyDiscovery(name);
    const model = this.model;
    const buf: Action[] = [];
    for (const init of boundedInitStates(model)) {
      const states = replayByValue(model, init, actions, buf);
      if (states === undefined) continue;
      const last = states[states.length - 1];
      if (p.expectation === 'always' && !p.condition(last)) return;
      if (p.expectation === 'sometimes' && p.condition(last)) return;
      if (p.expectation === 'eventually' && !states.some((s) => p.condition(s))) {
        buf.length = 0;
        model.actions(last, buf);
        if (buf.length === 0) return;
      }
    }
    const listed = actions.map((a) => formatActionOf(model, a)).join(', ');
    const stored = this.discovery(name)!;
    throw new Error(
      `the actions [${listed}] are not a valid ${kindWord(p)} for "${name}"; ` +
        `the checker found: [${stored.actions.map((a) => formatActionOf(model, a)).join(', ')}] (${stored.encode()})`,
    );
  }

  /** One line like Stateright's `Done. states=15, unique=12, depth=4, sec=0`. */
  summary(): string {
    return `Done. states=${this.generated}, unique=${this.unique}, depth=${this.maxDepth}, sec=${Math.trunc(this.elapsedMs / 1000)}`;
  }

  /** The summary line followed by each discovery (name order), as Stateright's reporter prints them. */
  report(): string {
    const lines = [this.summary()];
    const names = [...this.discoveryIndices.keys()].sort();
    for (const name of names) {
      const path = this.discovery(name)!;
      lines.push(`Discovered "${name}" ${kindWord(this.property(name))} Path[${path.actions.length}]:`);
      const start = this.cycleStarts.get(name);
      path.actions.forEach((a, k) => {
        if (k === start) lines.push(`(the cycle starts here, at state ${start} of the path, and repeats forever)`);
        lines.push(`- ${formatActionOf(this.model, a)}`);
      });
      lines.push(`Action index path: ${path.encode()}${start === undefined ? '' : ` (cycle from step ${start})`}`);
    }
    return lines.join('\n');
  }

  private property(name: string): Property<State> {
    const p = this.properties.find((q) => q.name === name);
    if (p === undefined) {
      const known = this.properties.map((q) => `"${q.name}"`).join(', ');
      throw new Error(`unknown property "${name}"; properties: ${known === '' ? 'none' : known}`);
    }
    return p;
  }
}

function kindWord(p: { readonly expectation: Expectation }): string {
  return p.expectation === 'sometimes' ? 'example' : 'counterexample';
}

function replayByValue<State, Action>(
  model: Model<State, Action>,
  init: State,
  actions: readonly Action[],
  buf: Action[],
): State[] | undefined {
  const states = [init];
  let state = init;
  for (const wanted of actions) {
    buf.length = 0;
    model.actions(state, buf);
    let next: State | undefined;
    for (const a of buf) {
      if (!sameValue(a, wanted)) continue;
      next = model.nextState(state, a);
      if (next !== undefined) break;
    }
    if (next === undefined) return undefined;
    state = next;
    states.push(state);
  }
  return states;
}
