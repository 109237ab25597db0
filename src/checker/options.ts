/**
 * Checker options (what users pass) and their resolved form (what the search loops see).
 */
import type { Model } from './model.js';
import type { LivenessMode } from './liveness-check.js';
import type { Property } from './property.js';

export type Strategy = 'bfs' | 'dfs' | 'simulation';

/**
 * When to stop before the state space is exhausted (checked after each block of 1,500 pops).
 * `all` (default): every property has a discovery; `any`: some property has one; `any-failures` /
 * `all-failures`: some / every always-or-eventually property has one; `{allOf}` / `{anyOf}`: the
 * named properties.
 */
export type FinishWhen =
  | 'all'
  | 'any'
  | 'any-failures'
  | 'all-failures'
  | { readonly allOf: readonly string[] }
  | { readonly anyOf: readonly string[] };

/** Passed to the visitor for every popped (and not depth-skipped) state. */
export interface Visit {
  readonly depth: number;
  /** `[initIndex, actionIndex, ...]` of the popped state (computed on demand). */
  pathIndices(): number[];
}

export interface CheckerProgress {
  readonly generated: number;
  readonly unique: number;
  readonly maxDepth: number;
  readonly pending: number;
  readonly elapsedMs: number;
  /** Unique states per second since the start. */
  readonly statesPerSecond: number;
  readonly rssBytes: number;
}

export interface ModelCheckOptions<State> {
  /** Default `bfs`. */
  strategy?: Strategy;
  /** Stop (after the current block) once this many states were generated. */
  targetStateCount?: number;
  /** States at this depth are counted but neither checked nor expanded (init states have depth 1). */
  targetMaxDepth?: number;
  timeoutMs?: number;
  finishWhen?: FinishWhen;
  /**
   * Symmetry reduction: the visited set stores `representative(state)` instead of the state.
   * Applied by the DFS strategy only; BFS ignores it (as Stateright does).
   */
  representative?: (state: State) => unknown;
  visitor?: (state: State, visit: Visit) => void;
  /** Called about every `progressIntervalMs` (default 1,000) while the run lasts. */
  onProgress?: (progress: CheckerProgress) => void;
  progressIntervalMs?: number;
  /** Simulation only: PRNG seed (default 0); equal seeds give equal runs. */
  seed?: number;
  /**
   * How `eventually` properties are checked. `sound` (default): on the explored graph, with
   * fairness; a counterexample is a path to a terminal state or a lasso (docs/liveness.md).
   * `stateright`: as Stateright 0.31, only paths to terminal states, not following cycles nor
   * joins (the same counts and discoveries as Stateright). `leadsTo` and `alwaysEventually` are
   * checked on the graph in both modes.
   */
  liveness?: LivenessMode;
}

export interface ResolvedOptions<State> {
  strategy: Strategy;
  targetStateCount: number;
  targetMaxDepth: number;
  deadline: number;
  finished: (discovered: readonly boolean[]) => boolean;
  representative: ((state: State) => unknown) | undefined;
  visitor: ((state: State, visit: Visit) => void) | undefined;
  onProgress: ((progress: CheckerProgress) => void) | undefined;
  progressIntervalMs: number;
  seed: number;
  liveness: LivenessMode;
}

export function resolveOptions<State, Action>(
  model: Model<State, Action>,
  properties: readonly Property<State>[],
  options: ModelCheckOptions<State>,
): ResolvedOptions<State> {
  const names = properties.map((p) => p.name);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new Error(`duplicate property name "${n}"; property names must be unique`);
    seen.add(n);
  }
  if (properties.filter((p) => p.expectation === 'eventually').length > 32) {
    throw new Error('at most 32 eventually properties are supported per model');
  }
  const strategy = options.strategy ?? 'bfs';
  return {
    strategy,
    targetStateCount: options.targetStateCount ?? Infinity,
    targetMaxDepth: options.targetMaxDepth ?? Infinity,
    deadline: options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs,
    finished: finishPredicate(options.finishWhen ?? 'all', properties),
    representative: strategy === 'bfs' ? undefined : options.representative,
    visitor: options.visitor,
    onProgress: options.onProgress,
    progressIntervalMs: options.progressIntervalMs ?? 1000,
    seed: options.seed ?? 0,
    liveness: livenessMode(options.liveness),
  };
}

function finishPredicate<State>(
  when: FinishWhen,
  properties: readonly Property<State>[],
): (discovered: readonly boolean[]) => boolean {
  const all = properties.map((_, i) => i);
  const failures = all.filter((i) => properties[i].expectation !== 'sometimes');
  const byName = (list: readonly string[]): number[] =>
    list.map((name) => {
      const i = properties.findIndex((p) => p.name === name);
      if (i < 0) {
        const known = properties.map((p) => `"${p.name}"`).join(', ');
        throw new Error(`unknown property "${name}" in finishWhen; properties: ${known === '' ? 'none' : known}`);
      }
      return i;
    });
  const every = (idx: number[]) => (d: readonly boolean[]) => idx.every((i) => d[i]);
  const some = (idx: number[]) => (d: readonly boolean[]) => idx.some((i) => d[i]);
  switch (when) {
    case 'all':
      return every(all);
    case 'any':
      return some(all);
    case 'any-failures':
      return some(failures);
    case 'all-failures':
      return every(failures);
    default:
      return 'allOf' in when ? every(byName(when.allOf)) : some(byName(when.anyOf));
  }
}

function livenessMode(mode: LivenessMode | undefined): LivenessMode {
  if (mode === undefined) return 'sound';
  if (mode !== 'sound' && mode !== 'stateright') throw new Error(`liveness must be "sound" or "stateright" (got ${JSON.stringify(mode)})`);
  return mode;
}
