/**
 * Stateright 0.31's Explorer API (the reference's §3.3 and §3.4), so scripts written against it
 * work unchanged: `GET /.status` and `GET /.states/<init>/<action>/...`. Keys are in Stateright's
 * order, and a key that does not apply is left out (never null), except the two Stateright itself
 * sends as null: a property's missing discovery and a missing `recent_path`.
 */
import { fingerprintInto, type Expectation } from '../checker/index.js';
import { actorOutcome, statesSvg } from './actor-steps.js';
import type { AnyActorAction, AnyActorState, ExplorerSession } from './session.js';

/** Stateright's three names, plus the two temporal properties it does not have. */
export type StaterightExpectation = 'Always' | 'Sometimes' | 'Eventually' | 'LeadsTo' | 'AlwaysEventually';
export type PropertyTriple = [expectation: StaterightExpectation, name: string, discovery: string | null];

export interface StatusJson {
  done: boolean;
  model: string;
  state_count: number;
  unique_state_count: number;
  max_depth: number;
  properties: PropertyTriple[];
  recent_path: string | null;
}

export interface StateJson {
  action?: string;
  outcome?: string;
  state?: string;
  fingerprint?: string;
  properties?: PropertyTriple[];
  svg?: string;
  actionIndex: number;
}

export const EXPECTATION_NAME: Readonly<Record<Expectation, StaterightExpectation>> = {
  always: 'Always',
  sometimes: 'Sometimes',
  eventually: 'Eventually',
  leadsTo: 'LeadsTo',
  alwaysEventually: 'AlwaysEventually',
};

/**
 * Parses what follows `/.states` as Stateright does: drop one trailing `/`, split on `/`; every
 * piece but the first (empty) one must be a non-negative integer. Returns the indices, or the
 * 404 message. (Stateright also accepts `/.statesX` as "no indices"; here that is not a path.)
 */
export function parseIndices(rest: string): number[] | string {
  const text = rest.endsWith('/') ? rest.slice(0, -1) : rest;
  const pieces = text.split('/');
  const indices: number[] = [];
  const bad = `Unable to parse action indices ${text}`;
  if (pieces[0] !== '') return bad;
  for (let k = 1; k < pieces.length; k++) {
    // Rust's `usize::from_str` accepts an optional leading `+`.
    if (!/^\+?[0-9]+$/.test(pieces[k])) return bad;
    const n = Number(pieces[k]);
    if (!Number.isSafeInteger(n)) return bad;
    indices.push(n);
  }
  return indices;
}

export function propertyTriples<S, A>(session: ExplorerSession<S, A>): PropertyTriple[] {
  const found = session.check.status().discoveries;
  return session.check.propertyList.map((p, i): PropertyTriple => [EXPECTATION_NAME[p.expectation], p.name, found[i] === undefined ? null : found[i]!.join('/')]);
}

export function statusJson<S, A>(session: ExplorerSession<S, A>): StatusJson {
  const s = session.check.status();
  let recent: string | null = null;
  if (s.recentPath !== undefined) {
    const replayed = session.replay(s.recentPath);
    if (replayed !== undefined) recent = `[${replayed.actions.map((a) => session.formatAction(a)).join(', ')}]`;
  }
  return {
    done: s.phase === 'done',
    model: session.name,
    state_count: s.generated,
    unique_state_count: s.unique,
    max_depth: s.maxDepth,
    properties: propertyTriples(session),
    recent_path: recent,
  };
}

/** The decimal form of a state's 64-bit fingerprint. */
export function fingerprintText(state: unknown): string {
  const fp = new Uint32Array(2);
  fingerprintInto(state, fp);
  return ((BigInt(fp[1]) << 32n) | BigInt(fp[0])).toString();
}

/**
 * `GET /.states<rest>`: with no indices, one entry per init state; otherwise one entry per action
 * enabled at the state the indices lead to. Returns the entries or the 404 message.
 */
export function statesJson<S, A>(session: ExplorerSession<S, A>, rest: string): StateJson[] | string {
  const indices = parseIndices(rest);
  if (typeof indices === 'string') return indices;
  const properties = propertyTriples(session);
  const withProperties = properties.length > 0 ? { properties } : {};
  const actorModel = session.actorModel;
  if (indices.length === 0) {
    return session.initStates.map((state, i) => ({
      state: session.describeState(state),
      fingerprint: fingerprintText(state),
      ...withProperties,
      ...(actorModel ? { svg: statesSvg(actorModel, [state as AnyActorState], []) } : {}),
      actionIndex: i,
    }));
  }
  const path = session.replay(indices);
  if (path === undefined) return `Unable to find state following action indices ${rest.endsWith('/') ? rest.slice(0, -1) : rest}`;
  const last = path.states[path.states.length - 1];
  return session.actionsOf(last).map((action, actionIndex) => {
    const next = session.model.nextState(last, action);
    if (next === undefined) return { action: session.formatAction(action), ...withProperties, actionIndex };
    let outcome: string | undefined;
    let svg: string | undefined;
    if (actorModel) {
      outcome = actorOutcome(actorModel, last as AnyActorState, action as AnyActorAction);
      svg = statesSvg(actorModel, [...path.states, next] as AnyActorState[], [...path.actions, action] as AnyActorAction[]);
    } else {
      outcome = session.describeState(next);
    }
    return {
      action: session.formatAction(action),
      ...(outcome === undefined ? {} : { outcome }),
      state: session.describeState(next),
      fingerprint: fingerprintText(next),
      ...withProperties,
      ...(svg === undefined ? {} : { svg }),
      actionIndex,
    };
  });
}
