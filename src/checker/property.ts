/**
 * Properties: named predicates over states, with one of three expectations.
 *
 * - `always` (invariant): a discovery is a counterexample, a reachable state where it is false;
 * - `sometimes` (reachability): a discovery is an example, a reachable state where it is true;
 * - `eventually` (liveness over acyclic paths): a discovery is a counterexample, a path from an
 *   init state to a terminal state along which it never held. Cycles back to visited states and
 *   joins with already-visited states are not followed, so some violations go unreported (the
 *   same deliberate limitation as Stateright).
 */
export type Expectation = 'always' | 'sometimes' | 'eventually';

export interface Property<State> {
  readonly expectation: Expectation;
  readonly name: string;
  condition(state: State): boolean;
}

export function always<State>(name: string, condition: (state: State) => boolean): Property<State> {
  return { expectation: 'always', name, condition };
}

export function sometimes<State>(name: string, condition: (state: State) => boolean): Property<State> {
  return { expectation: 'sometimes', name, condition };
}

export function eventually<State>(name: string, condition: (state: State) => boolean): Property<State> {
  return { expectation: 'eventually', name, condition };
}

/** Whether having a discovery for this property means the model is wrong. */
export function discoveryIsFailure(expectation: Expectation): boolean {
  return expectation !== 'sometimes';
}
