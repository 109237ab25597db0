/**
 * The ordered reliable link (ordered-reliable-link.ts) in a finite model. The link resends every
 * unacknowledged message on a timer, so over a network that keeps every copy the state space
 * grows without bound, and even with copies capped, stale resends and acknowledgements pile up in
 * the network (delivering one is a no-op, so it never leaves) and multiply the states. After
 * every step the model rewrites the network of a system whose actors run behind the link:
 *
 * 1. **One copy.** Of equal link messages in flight (the same `Deliver(seq)` or `Ack(seq)`
 *    between the same actors) one is kept: a resend of a message still in flight adds nothing.
 *    On an ordered network the earliest copy in its flow is kept.
 * 2. **No dead messages.** A link message is removed once no delivery of it can ever change an
 *    actor: an `Ack(seq)` from B to A when A no longer has `(B, seq)` pending, and a
 *    `Deliver(seq)` from A to B when B has delivered `seq` from A and A no longer has it pending
 *    (B would only acknowledge it again, with such a dead `Ack`).
 *
 * The actors, their timers and the wrapped messages are untouched, so the link's semantics is
 * Stateright's: numbered, resent until acknowledged, handed over once and in order.
 *
 * **Why no behaviour that matters is lost.** What the link offers the actors it wraps is a
 * per-pair FIFO channel that hands over every message exactly once, eventually (under fair loss:
 * a message sent again and again is eventually delivered). Properties of the wrapped actors (their
 * states, the clients' history, "every operation gets a reply") see only that channel. Both forms
 * offer the same channel:
 * - every interleaving of wrapped deliveries over FIFO channels is a behaviour of the rewritten
 *   model with no loss at all: each `Deliver` is delivered when the wrapped delivery happens, and
 *   neither rule touches a message that has not been delivered yet (rule 1 keeps one copy of it,
 *   rule 2 needs it delivered);
 * - in the rewritten model every wrapped message is still handed over once and in order (the
 *   receiver's check of sequence numbers is unchanged), and still eventually: while `(B, seq)` is
 *   pending at A, A's resend timer stays armed (weakly fair), and each resend puts a copy in
 *   flight or finds one there (rule 1 removes only a duplicate; rule 2 never removes a pending
 *   message's `Deliver` before B has delivered it), so under fair loss B delivers it; B then
 *   acknowledges each copy it receives, and a copy received after B delivered is removed only
 *   when A no longer needs its `Ack`. A removed message is one whose every future delivery is a
 *   no-op or yields only removed messages: sequence numbers are never reused (the link's
 *   bookkeeping is saved on every change and survives a crash), so "no longer pending" and
 *   "delivered" never become false again.
 * So a property of the wrapped actors holds in the rewritten model iff it holds over the link
 * with unboundedly many copies (test/actor/link-reduction.test.ts compares both with the wrapped
 * system on a reliable ordered network, on random systems).
 */
import type { Id } from './actor.js';
import type { ActorAction } from './action.js';
import { ActorModel, type StepTrace } from './model.js';
import { allEnvelopes, type Envelope, type Flow, type Network } from './network.js';
import { isLinkState, type LinkStorage } from './ordered-reliable-link.js';
import type { ActorModelState } from './state.js';
import type { SystemState } from './system-state.js';

/** An actor's link bookkeeping, or undefined when the actor is not behind the link. */
export type LinkBookkeeping = (id: Id) => Pick<LinkStorage<unknown, unknown>, 'pending' | 'delivered'> | undefined;

type LinkMsg = { readonly type: 'Deliver' | 'Ack'; readonly seq: number };

const asLinkMsg = (m: unknown): LinkMsg | undefined => {
  const type = (m as { type?: unknown } | null)?.type;
  return (type === 'Deliver' || type === 'Ack') && typeof (m as { seq?: unknown }).seq === 'number' ? (m as LinkMsg) : undefined;
};

const isPending = (book: ReturnType<LinkBookkeeping>, dst: Id, seq: number): boolean =>
  book !== undefined && book.pending.some((p) => p[0] === dst && p[1] === seq);

/**
 * `next`, a state of `model` after a step, with the acknowledgements in flight delivered at once
 * (rule 0; those to a crashed actor wait for its recovery step), then rules 1 and 2. Actors behind
 * the link are recognised by their state (the link's bookkeeping beside the wrapped state).
 */
export function settleLinkStep<State, Msg, History, Timer, Random, Storage>(
  model: ActorModel<State, Msg, History, Timer, Random, Storage>,
  next: SystemState<State, Msg, History, Timer, Random, Storage>,
): SystemState<State, Msg, History, Timer, Random, Storage> {
  // ActorModel's own step: an override (which calls this) would settle again.
  const step = ActorModel.prototype.step;
  const bookkeeping = (st: ActorModelState<State, Msg, History, Timer, Random, Storage>): LinkBookkeeping => (id) => {
    const state = st.actorStates[id];
    return isLinkState(state) ? state : undefined;
  };
  let s = next;
  for (const e of allEnvelopes(s.network)) {
    if (asLinkMsg(e.msg)?.type !== 'Ack' || s.crashed[e.dst] || bookkeeping(s)(e.dst) === undefined) continue;
    s = step.call(model, s, { kind: 'deliver', src: e.src, dst: e.dst, msg: e.msg }) ?? s;
  }
  const network = reduceLinkNetwork(s.network, bookkeeping(s), (x, y) => model.compare(x, y) === 0);
  if (network === s.network) return s;
  const { actorStates, timers, randomChoices, crashed, history, storages } = s;
  return model.stored({ actorStates, network, timers, randomChoices, crashed, history, storages });
}

/** Whether no delivery of `e` can ever change an actor (rule 2). */
export function deadLinkMessage(e: Envelope<unknown>, bookkeeping: LinkBookkeeping): boolean {
  const m = asLinkMsg(e.msg);
  if (m === undefined) return false;
  if (m.type === 'Ack') return bookkeeping(e.dst) !== undefined && !isPending(bookkeeping(e.dst), e.src, m.seq);
  const receiver = bookkeeping(e.dst);
  const sender = bookkeeping(e.src);
  if (receiver === undefined || sender === undefined) return false;
  const delivered = receiver.delivered.find((d) => d[0] === e.src)?.[1] ?? 0;
  return m.seq <= delivered && !isPending(sender, e.dst, m.seq);
}

/**
 * The network with rules 1 and 2 applied (the same object when neither changes it). `same` says
 * whether two messages are equal values.
 */
export function reduceLinkNetwork<Msg>(net: Network<Msg>, bookkeeping: LinkBookkeeping, same: (a: Msg, b: Msg) => boolean): Network<Msg> {
  if (net.kind === 'ordered') {
    let changed = false;
    const flows: Flow<Msg>[] = [];
    for (const f of net.flows) {
      const msgs = f.msgs.filter((msg, i) => {
        const keep =
          asLinkMsg(msg) === undefined ||
          (!deadLinkMessage({ src: f.src, dst: f.dst, msg }, bookkeeping) && f.msgs.findIndex((other) => same(other, msg)) === i);
        changed ||= !keep;
        return keep;
      });
      if (msgs.length > 0) flows.push(msgs.length === f.msgs.length ? f : { src: f.src, dst: f.dst, msgs });
    }
    return changed ? { ...net, flows } : net;
  }
  // Envelopes are sorted, so equal copies are neighbours.
  const envelopes = net.envelopes.filter((e, i) => {
    if (asLinkMsg(e.msg) === undefined) return true;
    const previous = i > 0 ? net.envelopes[i - 1] : undefined;
    const copy = previous !== undefined && previous.src === e.src && previous.dst === e.dst && same(previous.msg, e.msg);
    return !copy && !deadLinkMessage(e, bookkeeping);
  });
  return envelopes.length === net.envelopes.length ? net : { ...net, envelopes };
}

/**
 * An actor model in which some actors run behind the ordered reliable link: each step is followed
 * by the rules above, so the state space stays finite. (SystemModel applies the same rules to
 * system modules with `reliableLink`.)
 */
export class ReliableLinkModel<State, Msg, History = undefined, Timer = never, Random = never, Storage = never> extends ActorModel<
  State,
  Msg,
  History,
  Timer,
  Random,
  Storage
> {
  override step(
    s: ActorModelState<State, Msg, History, Timer, Random, Storage>,
    a: ActorAction<Msg, Timer, Random>,
    trace?: StepTrace<Msg>,
  ): SystemState<State, Msg, History, Timer, Random, Storage> | undefined {
    const next = super.step(s, a, trace);
    return next === undefined ? undefined : settleLinkStep(this, next);
  }
}
