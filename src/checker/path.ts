/**
 * Paths: an init-state index plus action indices, replayed into states and actions.
 */
import { boundedInitStates, formatActionOf, type Model } from './model.js';

export class Path<State, Action> {
  constructor(
    /** `[initIndex, actionIndex, ...]`. */
    readonly indices: readonly number[],
    /** The states along the path, init state first (one more than `actions`). */
    readonly states: readonly State[],
    readonly actions: readonly Action[],
  ) {}

  get initIndex(): number {
    return this.indices[0];
  }

  get lastState(): State {
    return this.states[this.states.length - 1];
  }

  /** Indices joined by `/`, e.g. `0/0/0/1` (Stateright's encoding). */
  encode(): string {
    return this.indices.join('/');
  }
}

export class PathReplayError extends Error {
  override name = 'PathReplayError';
}

/**
 * Replays `[initIndex, actionIndex, ...]` (or its `/`-encoding) against `model`. Throws a
 * {@link PathReplayError} when an index does not exist or leads to an ignored action, which means
 * the model behaved differently when the path was recorded.
 */
export function replayPath<State, Action>(
  model: Model<State, Action>,
  path: readonly number[] | string,
): Path<State, Action> {
  const indices = typeof path === 'string' ? decodePath(path) : [...path];
  if (indices.length === 0) throw new PathReplayError('cannot replay an empty path: it needs at least an init-state index');
  const inits = boundedInitStates(model);
  const initIndex = indices[0];
  if (!(initIndex >= 0 && initIndex < inits.length)) {
    throw new PathReplayError(
      `${nondeterminismHint('init state', initIndex)} valid init indices: ${rangeText(inits.length)}.`,
    );
  }
  let state = inits[initIndex];
  const states: State[] = [state];
  const actions: Action[] = [];
  const buf: Action[] = [];
  for (let step = 1; step < indices.length; step++) {
    state = replayStep(model, state, indices[step], step, buf);
    actions.push(buf[indices[step]]);
    states.push(state);
  }
  return new Path(indices, states, actions);
}

/**
 * The successor of `state` by the action at `index` (step `step` of a path), as recorded; throws
 * a {@link PathReplayError} when the model now behaves otherwise. `buf` is scratch space and
 * holds the state's actions afterwards.
 */
export function replayStep<State, Action>(model: Model<State, Action>, state: State, index: number, step: number, buf: Action[]): State {
  buf.length = 0;
  model.actions(state, buf);
  if (!(index >= 0 && index < buf.length)) {
    const valid = buf.map((a, i) => `${i}: ${formatActionOf(model, a)}`).join(', ');
    throw new PathReplayError(`${nondeterminismHint('action', index, step)} valid action indices: ${valid === '' ? 'none' : valid}.`);
  }
  const action = buf[index];
  const next = model.nextState(state, action);
  if (next === undefined || (model.withinBoundary !== undefined && !model.withinBoundary(next))) {
    throw new PathReplayError(
      `${nondeterminismHint('action', index, step)} the action ${formatActionOf(model, action)} ` +
        `is now ignored or leads outside the boundary.`,
    );
  }
  return next;
}

export function decodePath(encoded: string): number[] {
  return encoded
    .split('/')
    .filter((p) => p !== '')
    .map((p) => {
      const n = Number(p);
      if (!Number.isInteger(n) || n < 0) throw new PathReplayError(`invalid path segment "${p}" in "${encoded}"`);
      return n;
    });
}

function nondeterminismHint(what: string, index: number, step?: number): string {
  const where = step === undefined ? '' : ` at step ${step}`;
  return (
    `Unable to replay ${what} index ${index}${where}. The model is probably nondeterministic: ` +
    `init states, actions and next states must depend only on the state (not on outside state, ` +
    `randomness, the clock, or the iteration order of a Map or Set built in a different order);`
  );
}

function rangeText(n: number): string {
  return n === 0 ? 'none' : `0..${n - 1}`;
}
