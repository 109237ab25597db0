/**
 * One Explorer session: the model, how to describe it, and the background check. Replays paths
 * for the HTTP handlers.
 *
 * Paths are `[initIndex, actionIndex, ...]` as the checker encodes them. Init indices count only
 * init states within the boundary (as the checker does, so a discovery's path replays to the same
 * state; Stateright's Explorer lists every init state, so its indices and its checker's disagree
 * when an init state is outside the boundary). Along a path, an ignored action leaves the state as
 * it is and a successor outside the boundary can still be visited (Stateright's behaviour): the
 * page marks such steps.
 */
import type { Model, Path } from '../checker/index.js';
import { ActorModel, type ActorAction, type ActorModelState, type SequenceChart } from '../actor/index.js';
import { BackgroundCheck, type BackgroundOptions, type CheckRunner } from './background-check.js';
import { ExplorerLiveness } from './liveness-view.js';
import { startWorkerCheck, type ModelFactory } from './worker-check.js';

export interface ExplorerDescription<State, Action> {
  /** Shown as the model's name (Stateright shows its Rust type name). */
  readonly name?: string;
  /** One line per action on the page (default: the model's `formatAction`). */
  readonly describeAction?: (action: Action) => string;
  /** The state as text (default: the model's `formatState`). */
  readonly describeState?: (state: State) => string;
  /** Actor models: the lane label of an actor on the page (default `Id(i)`). */
  readonly actorLabel?: (id: number) => string;
  /**
   * The message sequence chart of a path, for a model that is not an {@link ActorModel} but
   * draws one (a model built around one, whose steps it can draw); `cycleStart` marks a lasso's
   * cycle. Actor models are drawn without it.
   */
  readonly chart?: (path: Path<State, Action>, cycleStart: number | undefined) => SequenceChart;
}

export type AnyActorModel = ActorModel<unknown, unknown, unknown, unknown, unknown, unknown>;
export type AnyActorState = ActorModelState<unknown, unknown, unknown, unknown, unknown, unknown>;
export type AnyActorAction = ActorAction<unknown, unknown, unknown>;

export interface Replayed<State, Action> {
  readonly indices: readonly number[];
  /** One more than `actions`; empty for the root (no init state chosen). */
  readonly states: readonly State[];
  readonly actions: readonly Action[];
  /** Per action: whether it was ignored (the state stayed as it was). */
  readonly ignored: readonly boolean[];
}

export class ExplorerSession<State, Action> {
  readonly check: CheckRunner<State>;
  readonly name: string;
  /** Set for actor models: the same object as `model`, typed for the actor views. */
  readonly actorModel: AnyActorModel | undefined;
  /** Liveness verdicts by the sound analysis, once the background run is done (liveness-view.ts). */
  readonly liveness: ExplorerLiveness<State, Action>;
  private readonly inits: State[];

  constructor(
    readonly model: Model<State, Action>,
    readonly description: ExplorerDescription<State, Action> = {},
    background: BackgroundOptions & { readonly worker?: ModelFactory } = {},
  ) {
    const all = model.initStates();
    this.inits = model.withinBoundary === undefined ? all : all.filter((s) => model.withinBoundary!(s));
    this.name = description.name ?? (model.constructor?.name && model.constructor.name !== 'Object' ? model.constructor.name : 'model');
    this.actorModel = model instanceof ActorModel ? (model as unknown as AnyActorModel) : undefined;
    const remote = background.worker === undefined ? undefined : startWorkerCheck(model, background.worker, background);
    this.check = remote ?? new BackgroundCheck(model, background);
    this.liveness = new ExplorerLiveness(model, this.check.propertyList);
  }

  /** The liveness verdicts when the background run is done (undefined before, or without liveness properties). */
  livenessVerdicts(): ReturnType<ExplorerLiveness<State, Action>['verdicts']> {
    return this.liveness.verdicts(this.check.status().phase === 'done');
  }

  get initStates(): readonly State[] {
    return this.inits;
  }

  actionsOf(state: State): Action[] {
    const out: Action[] = [];
    this.model.actions(state, out);
    return out;
  }

  /** Follows `indices`; undefined when an index does not exist. */
  replay(indices: readonly number[]): Replayed<State, Action> | undefined {
    if (indices.length === 0) return { indices, states: [], actions: [], ignored: [] };
    if (!(indices[0] < this.inits.length)) return undefined;
    let state: State = this.inits[indices[0]];
    const states: State[] = [state];
    const actions: Action[] = [];
    const ignored: boolean[] = [];
    for (let k = 1; k < indices.length; k++) {
      const enabled = this.actionsOf(state);
      if (!(indices[k] < enabled.length)) return undefined;
      const action = enabled[indices[k]];
      const next = this.model.nextState(state, action);
      ignored.push(next === undefined);
      if (next !== undefined) state = next;
      states.push(state);
      actions.push(action);
    }
    return { indices, states, actions, ignored };
  }

  /** Stateright's `format_action`. */
  formatAction(action: Action): string {
    return this.model.formatAction ? this.model.formatAction(action) : plainText(action);
  }

  /** The page's wording of an action. */
  describeAction(action: Action): string {
    return this.description.describeAction ? this.description.describeAction(action) : this.formatAction(action);
  }

  describeState(state: State): string {
    if (this.description.describeState) return this.description.describeState(state);
    return this.model.formatState ? this.model.formatState(state) : plainText(state, 2);
  }

  withinBoundary(state: State): boolean {
    return this.model.withinBoundary === undefined || this.model.withinBoundary(state);
  }
}

/** Text for a value the model gives no format for: strings as they are, the rest as JSON. */
export function plainText(value: unknown, indent?: number): string {
  if (typeof value === 'string') return value;
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent);
    return text === undefined ? String(value) : text;
  } catch {
    return String(value);
  }
}
