/**
 * What the Explorer page shows, computed on the server so the page needs no model code:
 * `GET /.view/<path>` (the state at the end of a path, its breadcrumbs, its enabled actions, the
 * properties evaluated at this state, and for actor models the structured system and the message
 * sequence chart) and `GET /.progress` (the background check, with each property's status in
 * words).
 */
import { Path } from '../checker/index.js';
import { allEnvelopes, formatValue, sequenceChart } from '../actor/index.js';
import { sequenceChartSvg } from '../render/index.js';
import { EXPECTATION_NAME, parseIndices, statusJson, type StaterightExpectation, type StatusJson } from './stateright-api.js';
import { historyTester } from './register-history.js';
import type { AnyActorModel, AnyActorState, ExplorerSession } from './session.js';

export interface ActionView {
  readonly actionIndex: number;
  readonly action: string;
  /** The successor (or the init state) in words; absent when ignored. */
  readonly outcome?: string;
  readonly ignored?: true;
  /** The successor is outside the model's boundary: the checker does not explore it. */
  readonly outsideBoundary?: true;
}

export interface PropertyView {
  readonly expectation: StaterightExpectation;
  readonly name: string;
  /** The condition at this state (absent at the root, where no state is chosen). */
  readonly here?: boolean;
  /** The discovery's path, when the background check has one. */
  readonly discovery?: string;
  /** A lasso: where its cycle starts (an index into the discovery's states). */
  readonly cycleStart?: number;
}

export interface ActorView {
  readonly actors: readonly { id: number; label: string; state: string; crashed: boolean; timers: string[]; storage?: string }[];
  readonly network: { kind: string; messages: { src: string; dst: string; msg: string }[] };
}

export interface PageView {
  readonly path: string;
  /** The steps taken: `Init i`, then each action, each with the path that ends there. */
  readonly steps: readonly { label: string; path: string; ignored?: true }[];
  readonly state?: string;
  readonly actions: readonly ActionView[];
  readonly properties: readonly PropertyView[];
  readonly system?: ActorView;
  /** Actor models: the message sequence chart of the path so far (SVG). */
  readonly chart?: string;
  /**
   * When the path shown is a lasso counterexample: the step whose state its cycle starts from
   * (the last step returns there), and the property it refutes.
   */
  readonly cycle?: { readonly start: number; readonly property: string };
  /** Register models: what the clients observed, and whether it is consistent. */
  readonly history?: { readonly operations: number; readonly verdicts: readonly string[] };
}

export function pageView<S, A>(session: ExplorerSession<S, A>, rest: string): PageView | string {
  const indices = parseIndices(rest);
  if (typeof indices === 'string') return indices;
  const path = session.replay(indices);
  if (path === undefined) return `Unable to find state following action indices ${rest.replace(/\/$/, '')}`;
  const encoded = indices.join('/');
  const props = session.check.propertyList;
  const live = session.livenessVerdicts();
  const found = session.check.status().discoveries.map((d, i) => (live?.[i] === undefined ? d : undefined));
  const discovery = (i: number): { discovery?: string; cycleStart?: number } => {
    const lasso = live?.[i]?.lasso;
    if (lasso !== undefined) return lasso;
    return found[i] === undefined ? {} : { discovery: found[i]!.join('/') };
  };
  const cycleIndex = live?.findIndex((v) => v?.lasso?.discovery === encoded && v.lasso.cycleStart !== undefined) ?? -1;
  const cycle = cycleIndex < 0 ? undefined : { start: live![cycleIndex]!.lasso!.cycleStart!, property: props[cycleIndex].name };
  if (indices.length === 0) {
    return {
      path: '',
      steps: [],
      actions: session.initStates.map((s, i) => ({ actionIndex: i, action: `Init ${i}`, outcome: session.describeState(s) })),
      properties: props.map((p, i) => ({ expectation: EXPECTATION_NAME[p.expectation], name: p.name, ...discovery(i) })),
    };
  }
  const state = path.states[path.states.length - 1];
  const steps = [{ label: `Init ${indices[0]}`, path: String(indices[0]) }];
  path.actions.forEach((a, k) =>
    steps.push({ label: session.describeAction(a), path: indices.slice(0, k + 2).join('/'), ...(path.ignored[k] ? { ignored: true as const } : {}) }),
  );
  const actions = session.actionsOf(state).map((action, actionIndex): ActionView => {
    const next = session.model.nextState(state, action);
    if (next === undefined) return { actionIndex, action: session.describeAction(action), ignored: true };
    return {
      actionIndex,
      action: session.describeAction(action),
      outcome: session.describeState(next),
      ...(session.withinBoundary(next) ? {} : { outsideBoundary: true as const }),
    };
  });
  const view: PageView = {
    path: encoded,
    steps,
    state: session.describeState(state),
    actions,
    properties: props.map((p, i) => ({ expectation: EXPECTATION_NAME[p.expectation], name: p.name, here: p.condition(state), ...discovery(i) })),
    ...(cycle === undefined ? {} : { cycle }),
  };
  const actorModel = session.actorModel;
  const ownChart = session.description.chart;
  if (actorModel === undefined && ownChart === undefined) return view;
  // Ignored steps are left out of the chart: they did nothing.
  const kept = path.actions.map((_, k) => k).filter((k) => !path.ignored[k]);
  const keptPath = new Path(
    [indices[0], ...kept.map((k) => indices[k + 1])],
    [path.states[0], ...kept.map((k) => path.states[k + 1])],
    kept.map((k) => path.actions[k]),
  );
  // A lasso has no ignored steps (its edges are transitions), so its cycle start keeps its number.
  if (actorModel === undefined) return { ...view, chart: sequenceChartSvg(ownChart!(keptPath, cycle?.start)) };
  const actorState = state as AnyActorState;
  const label = (id: number) => session.description.actorLabel?.(id) ?? `Id(${id})`;
  const chartPath = keptPath as unknown as Parameters<typeof sequenceChart>[1];
  const chart = sequenceChart(actorModel, chartPath, { laneLabel: label, ...(cycle === undefined ? {} : { cycleStart: cycle.start }) });
  const tester = historyTester(actorState.history);
  return {
    ...view,
    system: systemView(actorModel, actorState, label),
    chart: sequenceChartSvg(chart),
    ...(tester === undefined ? {} : { history: tester }),
  };
}

function systemView(model: AnyActorModel, s: AnyActorState, label: (id: number) => string): ActorView {
  return {
    actors: s.actorStates.map((state, id) => ({
      id,
      label: label(id),
      state: formatValue(state),
      crashed: s.crashed[id] ?? false,
      timers: (s.timers[id] ?? []).map((t) => formatValue(t)),
      ...(s.storages[id] === undefined ? {} : { storage: formatValue(s.storages[id]) }),
    })),
    network: {
      kind: model.networkKind,
      messages: allEnvelopes(s.network).map((e) => ({ src: label(e.src), dst: label(e.dst), msg: model.formatMessage(e.msg) })),
    },
  };
}

export interface ProgressJson extends StatusJson {
  phase: 'exploring' | 'paused' | 'done';
  pending: number;
  complete: boolean;
  elapsed_ms: number;
  /** Per property: its status in words, e.g. `holds in the 1,234 states explored so far`. */
  summaries: string[];
  /**
   * Per property: the discovery the page links to (for liveness properties, the sound analysis's
   * counterexample, with `cycleStart` for a lasso), or null.
   */
  discoveries: ({ discovery: string; cycleStart?: number } | null)[];
}

export function progressJson<S, A>(session: ExplorerSession<S, A>): ProgressJson {
  const status = statusJson(session);
  const s = session.check.status();
  const explored = `${s.unique.toLocaleString('en-US')} state${s.unique === 1 ? '' : 's'} explored so far`;
  const live = session.livenessVerdicts();
  const summaries = session.check.propertyList.map((p, i) => {
    const verdict = live?.[i];
    if (verdict !== undefined) {
      if (verdict.lasso !== undefined) return verdict.lasso.cycleStart === undefined ? 'Counterexample found' : 'Counterexample found (a cycle)';
      return verdict.verdict === 'holds' ? 'Liveness holds' : `Unknown: the run stopped with states unexpanded (${explored})`;
    }
    if (p.expectation !== 'always' && p.expectation !== 'sometimes' && session.liveness.wanted) return `Searching (${explored})`;
    const found = s.discoveries[i] !== undefined;
    if (found) return p.expectation === 'sometimes' ? 'Example found' : 'Counterexample found';
    if (s.phase === 'exploring') return `Searching (${explored})`;
    if (s.complete) return p.expectation === 'always' ? 'Safety holds' : p.expectation === 'sometimes' ? 'Example not found' : 'Liveness holds';
    // Paused, or stopped early (target reached): say what is known so far.
    if (p.expectation === 'always') return `Holds in the ${explored}`;
    if (p.expectation === 'sometimes') return `No example in the ${explored}`;
    return `No counterexample in the ${explored}`;
  });
  const discoveries = session.check.propertyList.map((p, i) => {
    if (live?.[i] !== undefined) return live[i]!.lasso ?? null;
    if (p.expectation !== 'always' && p.expectation !== 'sometimes' && session.liveness.wanted) return null;
    const d = s.discoveries[i];
    return d === undefined ? null : { discovery: d.join('/') };
  });
  return { ...status, phase: s.phase, pending: s.pending, complete: s.complete, elapsed_ms: Math.round(s.elapsedMs), summaries, discoveries };
}
