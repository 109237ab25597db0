/**
 * A last-writer-wins register as a state-based CRDT, after Stateright 0.31's `lww-register`
 * example. Each node may at any time (a random choice) set the register to A, B or C, stamped
 * with its local clock, and send the register to every node (itself included); or move its clock
 * one tick forward or back. A node merges what it receives by keeping the later stamp
 * (timestamp, then writer id). The property: once no message is in flight, all nodes agree.
 */
import { always } from '../checker/index.js';
import { ActorModel, networkSize, type Actor, type ActorModelState } from '../actor/index.js';

export type LwwValue = 'A' | 'B' | 'C';

export interface LwwRegister {
  readonly value: LwwValue;
  readonly timestamp: number;
  readonly updaterId: number;
}

export interface LwwNodeState {
  readonly register: LwwRegister | null;
  readonly localClock: number;
  /** The largest timestamp this node wrote, so that its own writes get increasing stamps. */
  readonly maximumUsedClock: number;
}

/** The random choices, in declaration order (SetValue before SetTime). */
export type LwwChoice = { readonly type: 'SetValue'; readonly value: LwwValue } | { readonly type: 'SetTime'; readonly time: number };

const INITIAL_CLOCK = 1000;
const KEY = 'node_action';

/** The later of two registers; on equal stamps the one received wins. */
function merge(mine: LwwRegister, received: LwwRegister): LwwRegister {
  const later = mine.timestamp > received.timestamp || (mine.timestamp === received.timestamp && mine.updaterId > received.updaterId);
  return later ? mine : received;
}

function lwwNode(nodes: number): Actor<LwwNodeState, LwwRegister, never, LwwChoice> {
  const everyone = Array.from({ length: nodes }, (_, i) => i);
  const offerChoices = (time: number, out: { chooseRandom(key: string, choices: readonly LwwChoice[]): void }) =>
    out.chooseRandom(KEY, [
      { type: 'SetValue', value: 'A' },
      { type: 'SetValue', value: 'B' },
      { type: 'SetValue', value: 'C' },
      { type: 'SetTime', time: time + 1 },
      { type: 'SetTime', time: Math.max(0, time - 1) },
    ]);
  return {
    onStart(_id, _storage, out) {
      offerChoices(INITIAL_CLOCK, out);
      return { register: null, localClock: INITIAL_CLOCK, maximumUsedClock: INITIAL_CLOCK };
    },
    onRandom(id, state, choice, out) {
      let next: LwwNodeState;
      if (choice.type === 'SetValue') {
        if (state.register === null) {
          next = { ...state, register: { value: choice.value, timestamp: state.localClock, updaterId: id } };
        } else {
          // A node never stamps two of its writes alike, even after its clock moved back.
          const stamp = Math.max(state.localClock, state.maximumUsedClock + 1);
          next = { ...state, register: { value: choice.value, timestamp: stamp, updaterId: id }, maximumUsedClock: stamp };
        }
        out.broadcast(everyone, next.register!);
      } else {
        next = { ...state, localClock: choice.time };
      }
      offerChoices(next.localClock, out);
      return next;
    },
    onMsg(_id, state, _src, msg) {
      return { ...state, register: state.register === null ? msg : merge(state.register, msg) };
    },
  };
}

export type LwwState = ActorModelState<LwwNodeState, LwwRegister, undefined, never, LwwChoice>;

export function lwwRegisterModel(nodes: number): ActorModel<LwwNodeState, LwwRegister, undefined, never, LwwChoice> {
  if (!Number.isInteger(nodes) || nodes < 1) throw new RangeError(`lww-register needs at least 1 client (got ${nodes})`);
  return new ActorModel<LwwNodeState, LwwRegister, undefined, never, LwwChoice>({
    actors: Array.from({ length: nodes }, () => lwwNode(nodes)),
    network: 'unordered-nonduplicating',
    variantOrder: ['SetValue', 'SetTime'],
    properties: [
      // Not `eventually`: agreement must hold whenever the network is empty, not once on a path.
      always('eventually consistent', (s: LwwState) => {
        if (networkSize(s.network) !== 0) return true;
        const first = JSON.stringify(s.actorStates[0].register);
        return s.actorStates.every((node) => JSON.stringify(node.register) === first);
      }),
    ],
  });
}
