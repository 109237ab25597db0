/**
 * The actor system's state as a value: the types every layer shares. They sit at the bottom of
 * the folder's imports, below the hashing (system-state.ts, ordered-flows.ts), the delivery
 * rules (delivery.ts), the drafts (draft.ts) and the model (model.ts), so none of those needs to
 * import the model.
 */
import type { Network } from './network.js';

/** The whole system. Every component is part of state identity. */
export interface ActorModelState<State, Msg, History = undefined, Timer = never, Random = never, Storage = never> {
  readonly actorStates: readonly State[];
  readonly network: Network<Msg>;
  /** Per actor: the armed timers, a set kept sorted. */
  readonly timers: readonly (readonly Timer[])[];
  /** Per actor: random-choice keys (sorted) with their choices. */
  readonly randomChoices: readonly (readonly RandomEntry<Random>[])[];
  readonly crashed: readonly boolean[];
  readonly history: History;
  readonly storages: readonly (Storage | undefined)[];
}

export interface RandomEntry<Random> {
  readonly key: string;
  readonly choices: readonly Random[];
}
