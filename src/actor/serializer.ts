/**
 * Actor-system states as bytes (`Model.stateSerializer`), so that a cluster run can send them to
 * other machines. Internal.
 *
 * The components of a state are plain data (actor states, envelopes, timers, crashes, storage)
 * and go through V8's structured serialization (node:v8), which keeps numbers, strings, arrays,
 * plain objects, Maps and Sets. A history is usually an object with behaviour (a consistency
 * tester), so it travels in the plain form its model's `historyCodec` gives it. The receiving
 * model adopts the rebuilt plain state (`ActorModel.stored`), which computes its fingerprint
 * afresh: equal systems have equal fingerprints whatever path built them. A component that is
 * not plain data (a class instance, an immutable.js collection) would come back as another
 * value; the cluster spot-checks the fingerprints of the first states it sends, so such a model
 * fails loudly instead of being checked wrongly.
 */
import { deserialize, serialize } from 'node:v8';
import type { StateSerializer } from '../checker/model.js';
import type { ActorModelState } from './state.js';

/** How a history crosses machines: a plain value, and back to the (interned) history. */
export interface HistoryCodec<History> {
  toPlain(history: History): unknown;
  fromPlain(plain: unknown): History;
}

export function actorStateSerializer<State, Msg, History, Timer, Random, Storage>(
  adopt: (s: ActorModelState<State, Msg, History, Timer, Random, Storage>) => ActorModelState<State, Msg, History, Timer, Random, Storage>,
  history: HistoryCodec<History> | undefined,
): StateSerializer<ActorModelState<State, Msg, History, Timer, Random, Storage>> {
  return {
    serialize(s) {
      const plain = [s.actorStates, s.network, s.timers, s.randomChoices, s.crashed, history ? history.toPlain(s.history) : s.history, s.storages];
      return serialize(plain);
    },
    deserialize(bytes) {
      const [actorStates, network, timers, randomChoices, crashed, h, storages] = deserialize(bytes) as unknown[];
      return adopt({
        actorStates,
        network,
        timers,
        randomChoices,
        crashed,
        history: history ? history.fromPlain(h) : h,
        storages,
      } as ActorModelState<State, Msg, History, Timer, Random, Storage>);
    },
  };
}
