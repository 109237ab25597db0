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
 * value with the same structural fingerprint but without its methods; the first states serialized
 * are checked to be plain data (the coordinator serializes the init states before a worker takes a
 * shard), so such a model is refused with the class named instead of failing in a worker.
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
  let checked = 0;
  return {
    serialize(s) {
      const plain = [s.actorStates, s.network, s.timers, s.randomChoices, s.crashed, history ? history.toPlain(s.history) : s.history, s.storages];
      // The receiving process rebuilds a class instance as a plain object, and with an empty
      // intern table nothing gives it its class back, so the first states are checked here,
      // where the run starts, rather than found by a worker's first call to a lost method.
      if (checked < PLAIN_CHECKS) {
        checked++;
        const kind = notPlainData(plain, 0);
        if (kind !== undefined) {
          throw new Error(
            `the model's states hold a ${kind}, which structured serialization rebuilds as another kind of value, ` +
              'so they cannot be sent to other machines: keep actor states, messages and timers plain data ' +
              '(objects, arrays, Maps, Sets, numbers, strings) to check the model on a cluster',
          );
        }
      }
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

const PLAIN_CHECKS = 1000;
const PLAIN_CHECK_DEPTH = 16;
const PLAIN_PROTOTYPES = new Set<unknown>([Object.prototype, Array.prototype, Map.prototype, Set.prototype, Date.prototype, null]);

/** The class of the first value in `value` that is not plain data, or undefined when all is. */
function notPlainData(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null || depth > PLAIN_CHECK_DEPTH || ArrayBuffer.isView(value)) return undefined;
  if (!PLAIN_PROTOTYPES.has(Object.getPrototypeOf(value))) return (value as { constructor?: { name?: string } }).constructor?.name || 'class instance';
  const parts = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  for (const part of parts) {
    const kind = notPlainData(part, depth + 1);
    if (kind !== undefined) return kind;
  }
  return undefined;
}
