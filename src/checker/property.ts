/**
 * Properties: named predicates over states, with one of five expectations.
 *
 * - `always` (invariant): a discovery is a counterexample, a reachable state where it is false;
 * - `sometimes` (reachability): a discovery is an example, a reachable state where it is true;
 * - `eventually` (◇P), `leadsTo` (□(P ⇒ ◇Q)) and `alwaysEventually` (□◇P) are liveness
 *   properties: a discovery is a counterexample behaviour, a path to a terminal state or a lasso
 *   (a prefix and then a cycle), that is fair (see liveness-check.ts) and violates the property.
 *   With the `stateright` liveness option, `eventually` keeps Stateright's semantics instead: only
 *   paths to terminal states count, and cycles and joins with visited states are not followed.
 */
export type Expectation = 'always' | 'sometimes' | 'eventually' | 'leadsTo' | 'alwaysEventually';

export interface Property<State> {
  readonly expectation: Expectation;
  readonly name: string;
  /** The predicate: the invariant, the example, or the awaited state (Q of `leadsTo`). */
  condition(state: State): boolean;
  /** `leadsTo` only: the P of "P leads to Q", the states after which `condition` is awaited. */
  readonly premise?: (state: State) => boolean;
}

export function always<State>(name: string, condition: (state: State) => boolean): Property<State> {
  return { expectation: 'always', name, condition };
}

export function sometimes<State>(name: string, condition: (state: State) => boolean): Property<State> {
  return { expectation: 'sometimes', name, condition };
}

/** ◇P: every behaviour reaches a state where `condition` holds. */
export function eventually<State>(name: string, condition: (state: State) => boolean): Property<State> {
  return { expectation: 'eventually', name, condition };
}

/** □(P ⇒ ◇Q): every state where `premise` holds is followed (or matched) by one where `condition` holds. */
export function leadsTo<State>(name: string, premise: (state: State) => boolean, condition: (state: State) => boolean): Property<State> {
  return { expectation: 'leadsTo', name, premise, condition };
}

/** □◇P: along every behaviour `condition` holds infinitely often (a terminal state repeats forever). */
export function alwaysEventually<State>(name: string, condition: (state: State) => boolean): Property<State> {
  return { expectation: 'alwaysEventually', name, condition };
}

/** Whether having a discovery for this property means the model is wrong. */
export function discoveryIsFailure(expectation: Expectation): boolean {
  return expectation !== 'sometimes';
}

/** Whether the property is about behaviours (liveness) rather than single states. */
export function isLiveness(expectation: Expectation): boolean {
  return expectation === 'eventually' || expectation === 'leadsTo' || expectation === 'alwaysEventually';
}
