/**
 * Lossy retry: a sender sends `Ping` to an echo server and resends it on a timer until a `Pong`
 * comes back, over a lossy network. It shows the liveness semantics (docs/liveness.md): the
 * network may drop every copy forever (the lasso "drop, resend, drop, …"), so whether "the sender
 * eventually gets a Pong" holds depends on fairness. With the actor model's default on a lossy
 * network (fair loss: a message sent again and again is eventually delivered) it holds; with
 * deliveries unfair it fails with that lasso, which Stateright's terminal-only semantics never
 * reports (no path to a terminal state avoids the Pong).
 */
import { eventually } from '../checker/index.js';
import { ActorModel, networkSize, type Actor, type ActorModelState } from '../actor/index.js';

export type RetryMsg = { readonly type: 'Ping' } | { readonly type: 'Pong' };
export type RetryTimer = 'resend';
/** The sender's state (`waiting` or `done`); the echo server's state is unused (`echo`). */
export type RetryActorState = 'waiting' | 'done' | 'echo';
export type RetryState = ActorModelState<RetryActorState, RetryMsg, undefined, RetryTimer>;

const PING: RetryMsg = { type: 'Ping' };
const PONG: RetryMsg = { type: 'Pong' };

const sender: Actor<RetryActorState, RetryMsg, RetryTimer> = {
  onStart(_id, _storage, out) {
    out.send(1, PING);
    out.setTimer('resend', [1, 1]);
    return 'waiting';
  },
  onTimeout(_id, state, _timer, out) {
    if (state !== 'waiting') return;
    out.send(1, PING);
    out.setTimer('resend', [1, 1]);
  },
  onMsg(_id, state, _src, msg, out) {
    if (state !== 'waiting' || msg.type !== 'Pong') return;
    out.cancelTimer('resend');
    return 'done';
  },
};

const echo: Actor<RetryActorState, RetryMsg, RetryTimer> = {
  onStart: () => 'echo',
  onMsg(_id, _state, src, msg, out) {
    if (msg.type === 'Ping') out.send(src, PONG);
  },
};

export interface LossyRetryOptions {
  /** Deliveries are (strongly) fair: the actor model's default on a lossy network. Default true. */
  readonly fairDelivery?: boolean;
}

export function lossyRetryModel(options: LossyRetryOptions = {}): ActorModel<RetryActorState, RetryMsg, undefined, RetryTimer> {
  return new ActorModel<RetryActorState, RetryMsg, undefined, RetryTimer>({
    actors: [sender, echo],
    network: 'unordered-nonduplicating',
    lossy: true,
    fair: options.fairDelivery === false ? ['timeout'] : ['deliver', 'timeout'],
    variantOrder: ['Ping', 'Pong'],
    // At most two messages in flight keeps the space finite (a resend while a Ping is in flight adds one).
    withinBoundary: (s) => networkSize(s.network) <= 2,
    properties: [eventually('the sender gets a Pong', (s) => s.actorStates[0] === 'done')],
  });
}
