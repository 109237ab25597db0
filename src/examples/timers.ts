/**
 * Timers, after Stateright 0.31's `timers` example: three pingers, each with three timers that
 * re-arm themselves. `Even` pings the peers with even ids, `Odd` those with odd ids, `NoOp` does
 * nothing; a ping is answered with a pong, which is counted. A timer that only re-arms itself is
 * no transition, so `NoOp` never changes the system; the counters grow without bound, so the
 * state space is infinite: explore it, or bound the search with `--max-depth`.
 */
import { always } from '../checker/index.js';
import { ActorModel, peers, type Actor, type NetworkKind } from '../actor/index.js';

export type PingerMsg = { readonly type: 'Ping' } | { readonly type: 'Pong' };
export type PingerTimer = { readonly type: 'Even' } | { readonly type: 'Odd' } | { readonly type: 'NoOp' };

export interface PingerState {
  readonly sent: number;
  readonly received: number;
}

function pinger(peerIds: readonly number[]): Actor<PingerState, PingerMsg, PingerTimer> {
  const ping = (state: PingerState, parity: 0 | 1, out: { send(dst: number, msg: PingerMsg): void }): PingerState | undefined => {
    const targets = peerIds.filter((dst) => dst % 2 === parity);
    for (const dst of targets) out.send(dst, { type: 'Ping' });
    // Untouched when no peer has that parity, which makes the timeout a mere re-arm.
    return targets.length === 0 ? undefined : { ...state, sent: state.sent + targets.length };
  };
  return {
    onStart(_id, _storage, out) {
      out.setTimer({ type: 'Even' });
      out.setTimer({ type: 'Odd' });
      out.setTimer({ type: 'NoOp' });
      return { sent: 0, received: 0 };
    },
    onMsg(_id, state, src, msg, out) {
      if (msg.type === 'Ping') {
        out.send(src, { type: 'Pong' });
        return;
      }
      return { ...state, received: state.received + 1 };
    },
    onTimeout(_id, state, timer, out) {
      out.setTimer(timer);
      if (timer.type === 'Even') return ping(state, 0, out);
      if (timer.type === 'Odd') return ping(state, 1, out);
    },
  };
}

export function timersModel(servers = 3, network: NetworkKind = 'unordered-nonduplicating'): ActorModel<PingerState, PingerMsg, undefined, PingerTimer> {
  return new ActorModel<PingerState, PingerMsg, undefined, PingerTimer>({
    actors: Array.from({ length: servers }, (_, i) => pinger(peers(i, servers))),
    network,
    variantOrder: ['Ping', 'Pong', 'Even', 'Odd', 'NoOp'],
    // Stateright needs one property to search at all; it never fails.
    properties: [always('true', () => true)],
  });
}
