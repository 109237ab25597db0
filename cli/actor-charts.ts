/**
 * Message sequence charts of an actor model's discoveries, for the catalog's actor models. Its own
 * module so that the catalog loads the actor layer only for the actor models it builds.
 */
import type { Path } from '../src/checker/index.js';
import { sequenceChart, type ActorModel, type SequenceChart } from '../src/actor/index.js';
import type { CheckableModel } from './model-catalog.js';

/** The chart of a path through `model`, its lanes named by `laneLabel`. */
export function actorCharts<S, M, H, T, R, St>(model: ActorModel<S, M, H, T, R, St>, laneLabel: (id: number) => string) {
  return (path: Path<unknown, unknown>, property?: string): SequenceChart =>
    sequenceChart(model, path as unknown as Parameters<typeof sequenceChart<S, M, H, T, R, St>>[1], { property, laneLabel });
}

/** An actor model's chart and lanes named `Id(n)`, as Stateright's examples name them. */
export function idLanes<S, M, H, T, R, St>(model: ActorModel<S, M, H, T, R, St>): Pick<CheckableModel, 'chart' | 'actorLabel'> {
  return { chart: actorCharts(model, (id) => `Id(${id})`), actorLabel: (id) => `Id(${id})` };
}
