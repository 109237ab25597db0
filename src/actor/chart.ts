/**
 * A message sequence chart of a path through an actor model, as data (drawn elsewhere).
 * Step 0 is initialisation (start handlers); step k is the k-th action of the path.
 */
import type { Path } from '../checker/path.js';
import type { Property } from '../checker/property.js';
import type { ActorAction } from './action.js';
import type { Id } from './actor.js';
import type { ActorModel, ActorModelState, StepTrace } from './model.js';
import { formatValue } from './format.js';

export interface ChartLane {
  readonly id: Id;
  readonly label: string;
}

/** One message: sent at `sentAt`, delivered (possibly again, on a duplicating network) or dropped later. */
export interface ChartArrow {
  readonly from: Id;
  readonly to: Id;
  readonly message: string;
  readonly sentAt: number;
  /** The step that delivered it; undefined if it was never delivered on this path. */
  readonly deliveredAt?: number;
  readonly droppedAt?: number;
}

export interface ChartEvent {
  readonly actor: Id;
  readonly step: number;
  readonly kind: 'timeout' | 'crash' | 'recover' | 'random';
  readonly label: string;
}

export interface SequenceChart {
  readonly lanes: readonly ChartLane[];
  /** Number of actions (steps 1..steps). */
  readonly steps: number;
  /** `actionLabels[k - 1]` describes step k. */
  readonly actionLabels: readonly string[];
  readonly arrows: readonly ChartArrow[];
  readonly events: readonly ChartEvent[];
  /** The first step at which the property is violated (always), satisfied (sometimes), or the last step (eventually). */
  readonly failingStep?: number;
  readonly property?: string;
  /**
   * A liveness counterexample that ends in a cycle (a lasso): the step whose state the cycle starts
   * from. Steps `cycleStart + 1` … `steps` are the cycle, and the last one returns to that state.
   */
  readonly cycleStart?: number;
}

type MutableArrow = { -readonly [K in keyof ChartArrow]: ChartArrow[K] };

export function sequenceChart<State, Msg, History, Timer, Random, Storage>(
  model: ActorModel<State, Msg, History, Timer, Random, Storage>,
  path: Path<ActorModelState<State, Msg, History, Timer, Random, Storage>, ActorAction<Msg, Timer, Random>>,
  options: { property?: string; laneLabel?: (id: Id) => string; cycleStart?: number } = {},
): SequenceChart {
  const lanes = model.config.actors.map((_, id) => ({ id, label: options.laneLabel?.(id) ?? `Id(${id})` }));
  const arrows: MutableArrow[] = [];
  const events: ChartEvent[] = [];
  const addSends = (trace: StepTrace<Msg>, step: number) => {
    for (const e of trace.sends) arrows.push({ from: e.src, to: e.dst, message: model.formatMessage(e.msg), sentAt: step });
  };
  // Matches a delivery or drop to the earliest pending send of the same envelope; a duplicating
  // network may deliver an envelope again, which becomes a new arrow from the same send.
  const match = (src: Id, dst: Id, msg: Msg, kind: 'deliver' | 'drop', step: number) => {
    const message = model.formatMessage(msg);
    const same = arrows.filter((a) => a.from === src && a.to === dst && a.message === message);
    const pending = same.find((a) => a.deliveredAt === undefined && a.droppedAt === undefined);
    const target = pending ?? (same.length > 0 ? { ...same[0], deliveredAt: undefined, droppedAt: undefined } : undefined);
    const arrow = target ?? { from: src, to: dst, message, sentAt: 0 };
    if (pending === undefined) arrows.push(arrow);
    if (kind === 'deliver') arrow.deliveredAt = step;
    else arrow.droppedAt = step;
  };

  const initTrace: StepTrace<Msg> = { sends: [] };
  model.initState(initTrace);
  addSends(initTrace, 0);
  path.actions.forEach((a, i) => {
    const step = i + 1;
    const trace: StepTrace<Msg> = { sends: [] };
    model.step(path.states[i], a, trace);
    switch (a.kind) {
      case 'deliver':
        match(a.src, a.dst, a.msg, 'deliver', step);
        break;
      case 'drop':
        match(a.envelope.src, a.envelope.dst, a.envelope.msg, 'drop', step);
        break;
      case 'timeout':
        events.push({ actor: a.id, step, kind: 'timeout', label: `Timeout(${formatValue(a.timer)})` });
        break;
      case 'crash':
        events.push({ actor: a.id, step, kind: 'crash', label: 'Crash' });
        break;
      case 'recover':
        events.push({ actor: a.id, step, kind: 'recover', label: 'Recover' });
        break;
      case 'selectRandom':
        events.push({ actor: a.id, step, kind: 'random', label: `${a.key} = ${formatValue(a.choice)}` });
        break;
    }
    addSends(trace, step);
  });

  const chart: SequenceChart = {
    lanes,
    steps: path.actions.length,
    actionLabels: path.actions.map((a) => model.formatAction(a)),
    arrows: arrows.sort((x, y) => x.sentAt - y.sentAt),
    events,
    ...(options.cycleStart === undefined ? {} : { cycleStart: options.cycleStart }),
  };
  if (options.property === undefined) return chart;
  const property = model.properties().find((p) => p.name === options.property);
  if (property === undefined) throw new Error(`unknown property "${options.property}"`);
  return { ...chart, property: property.name, failingStep: failingStep(property, path.states) };
}

function failingStep<S>(p: Property<S>, states: readonly S[]): number {
  if (p.expectation !== 'always' && p.expectation !== 'sometimes') return states.length - 1;
  const i = states.findIndex((s) => (p.expectation === 'always' ? !p.condition(s) : p.condition(s)));
  return i < 0 ? states.length - 1 : i;
}
