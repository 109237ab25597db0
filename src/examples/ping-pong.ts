/**
 * Ping-pong: actor 0 sends Ping(0); each actor answers the message it expects (Ping(n) with
 * Pong(n), Pong(n) with Ping(n + 1)) and counts. Shows an actor model, a boundary, all three
 * kinds of properties and history hooks (counting messages in and out).
 */
import { always, eventually, sometimes } from '../checker/index.js';
import { ActorModel, type Actor, type ActorModelState, type NetworkKind } from '../actor/index.js';

export type PingPongMsg = { readonly type: 'Ping'; readonly n: number } | { readonly type: 'Pong'; readonly n: number };

/** Messages in and messages out, when the history is maintained. */
export type PingPongHistory = readonly [msgsIn: number, msgsOut: number];
export type PingPongState = ActorModelState<number, PingPongMsg, PingPongHistory>;

const pingPongActor: Actor<number, PingPongMsg> = {
  onStart(id, _storage, out) {
    if (id === 0) out.send(1, { type: 'Ping', n: 0 });
    return 0;
  },
  onMsg(_id, count, src, msg, out) {
    if (msg.n !== count) return;
    out.send(src, msg.type === 'Ping' ? { type: 'Pong', n: msg.n } : { type: 'Ping', n: msg.n + 1 });
    return count + 1;
  },
};

export interface PingPongOptions {
  readonly maxNat: number;
  readonly maintainsHistory?: boolean;
  readonly network?: NetworkKind;
  readonly lossy?: boolean;
}

export function pingPongModel(opts: PingPongOptions): ActorModel<number, PingPongMsg, PingPongHistory> {
  const { maxNat, maintainsHistory = false } = opts;
  const counters = (s: PingPongState) => s.actorStates;
  return new ActorModel<number, PingPongMsg, PingPongHistory>({
    actors: [pingPongActor, pingPongActor],
    network: opts.network ?? 'unordered-duplicating',
    lossy: opts.lossy ?? false,
    variantOrder: ['Ping', 'Pong'],
    history: [0, 0],
    recordIn: maintainsHistory ? ([i, o]) => [i + 1, o] : undefined,
    recordOut: maintainsHistory ? ([i, o]) => [i, o + 1] : undefined,
    withinBoundary: (s) => counters(s).every((c) => c <= maxNat),
    properties: [
      always('delta within 1', (s) => Math.max(...counters(s)) - Math.min(...counters(s)) <= 1),
      sometimes('can reach max', (s) => counters(s).some((c) => c === maxNat)),
      eventually('must reach max', (s) => counters(s).some((c) => c === maxNat)),
      eventually('must exceed max', (s) => counters(s).some((c) => c === maxNat + 1)),
      always('#in <= #out', (s) => s.history[0] <= s.history[1]),
      eventually('#out <= #in + 1', (s) => s.history[1] <= s.history[0] + 1),
    ],
  });
}
