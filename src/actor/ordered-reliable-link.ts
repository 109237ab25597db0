/**
 * The ordered reliable link (Stateright's `ordered_reliable_link::ActorWrapper`, reference §2):
 * an actor wrapper that numbers the messages its actor sends, resends them until acknowledged and
 * hands the receiving actor each message once, in the order sent, over a network that loses,
 * duplicates and reorders.
 *
 * Stateright's version has quirks (§2.3–2.4); this one FIXES them rather than copying them,
 * because each breaks the guarantee the wrapper exists for:
 * - sequence numbers are per destination, and a receiver takes only the next one (Stateright's
 *   are shared across destinations and it takes anything above the last delivered, so a message
 *   overtaken by a later one is acknowledged and discarded: lost for good). A message that
 *   arrives early is ignored, unacknowledged, and comes again with the next resend;
 * - a delivery that leaves the wrapped actor untouched still counts as delivered (Stateright
 *   acknowledges it but does not advance, so a resent copy could be delivered later), or, with
 *   `ignored: 'kept'`, is not taken at all: unacknowledged, it comes again with the next resend
 *   and blocks the later messages from its sender until the wrapped actor takes it. That is what
 *   the model's unordered network does with a message whose delivery changes nothing (it stays in
 *   flight), which protocols such as Paxos and ABD rely on: a server not ready for a request
 *   serves it when it comes again;
 * - a user timer's new wrapped state is kept (Stateright discards it);
 * - random choices are forwarded (Stateright panics on them);
 * - an acknowledgement counts only from the destination of the message it acknowledges, and one
 *   for nothing pending is a no-op (Stateright always saves).
 * As in Stateright: the resend timer runs all the time (default 1–2 s), acknowledgements are plain
 * unsequenced messages, and the link's bookkeeping is saved with the wrapped storage, so a
 * restarted actor neither reuses a sequence number nor redelivers.
 *
 * `reliable` limits the link to some destinations (e.g. a server's peers): messages to others go
 * out raw, and raw messages received are handed straight to the wrapped actor. Wrapped messages
 * must not themselves be named `Deliver` or `Ack`.
 */
import { Out, type Actor, type Command, type Id } from './actor.js';

export type LinkMsg<Msg> =
  | { readonly type: 'Deliver'; readonly seq: number; readonly msg: Msg }
  | { readonly type: 'Ack'; readonly seq: number };

export type LinkTimer<Timer> = { readonly type: 'Network' } | { readonly type: 'User'; readonly timer: Timer };

/** The link's durable part (sorted lists, so equal bookkeeping is equal data). */
export interface LinkStorage<Msg, Storage> {
  /** Per destination, the last sequence number used (absent: none yet). */
  readonly sent: readonly (readonly [dst: Id, seq: number])[];
  /** Messages not yet acknowledged, sorted by destination, then sequence number. */
  readonly pending: readonly (readonly [dst: Id, seq: number, msg: Msg])[];
  /** Per source, the last sequence number delivered to the wrapped actor. */
  readonly delivered: readonly (readonly [src: Id, seq: number])[];
  readonly wrappedStorage: Storage | null;
}

export interface LinkState<State, Msg, Storage> extends LinkStorage<Msg, Storage> {
  readonly wrapped: State;
}

export interface LinkOptions {
  /** The resend interval in ms (a range, as for any timer). Default [1000, 2000], as Stateright. */
  readonly resendMs?: readonly [number, number];
  /** Which destinations get the link. Default: all. */
  readonly reliable?: (dst: Id) => boolean;
  /**
   * A message the wrapped actor ignores (its handler changes nothing and emits nothing): `handed
   * over` (default) counts it as delivered; `kept` leaves it unacknowledged, so it comes again.
   */
  readonly ignored?: 'handed over' | 'kept';
}

const NETWORK = { type: 'Network' } as const;

/** Whether an actor's state is the link's: its bookkeeping beside the wrapped actor's state. */
export function isLinkState(state: unknown): state is LinkState<unknown, unknown, unknown> {
  const s = state as Partial<LinkState<unknown, unknown, unknown>> | null;
  return s !== null && typeof s === 'object' && Array.isArray(s.pending) && Array.isArray(s.delivered) && 'wrapped' in s;
}

const lookup = (entries: readonly (readonly [Id, number])[], id: Id): number => entries.find((e) => e[0] === id)?.[1] ?? 0;

function withEntry(entries: readonly (readonly [Id, number])[], id: Id, n: number): (readonly [Id, number])[] {
  return [...entries.filter((e) => e[0] !== id), [id, n] as const].sort((a, b) => a[0] - b[0]);
}

const isLinkMsg = (m: unknown): m is LinkMsg<unknown> => {
  const type = (m as { type?: unknown } | null)?.type;
  return type === 'Deliver' || type === 'Ack';
};

export function orderedReliableLink<State, Msg, Timer = never, Random = never, Storage = never>(
  actor: Actor<State, Msg, Timer, Random, Storage>,
  options: LinkOptions = {},
): Actor<LinkState<State, Msg, Storage>, LinkMsg<Msg> | Msg, LinkTimer<Timer>, Random, LinkStorage<Msg, Storage>> {
  const resendMs = options.resendMs ?? [1000, 2000];
  const reliable = options.reliable ?? (() => true);
  const keepIgnored = options.ignored === 'kept';
  type S = LinkState<State, Msg, Storage>;
  type O = Out<LinkMsg<Msg> | Msg, LinkTimer<Timer>, Random, LinkStorage<Msg, Storage>>;
  type Inner = Out<Msg, Timer, Random, Storage>;

  const storageOf = (s: S): LinkStorage<Msg, Storage> => ({ sent: s.sent, pending: s.pending, delivered: s.delivered, wrappedStorage: s.wrappedStorage });

  /** Emits the wrapped actor's commands through the link; `dirty`: the bookkeeping changed already. */
  function translate(state: S, commands: readonly Command<Msg, Timer, Random, Storage>[], out: O, dirty: boolean): S {
    let { sent, pending, wrappedStorage } = state;
    let save = dirty;
    for (const c of commands) {
      switch (c.kind) {
        case 'send':
          if (!reliable(c.dst)) {
            out.send(c.dst, c.msg);
            break;
          }
          {
            const seq = lookup(sent, c.dst) + 1;
            sent = withEntry(sent, c.dst, seq);
            pending = [...pending, [c.dst, seq, c.msg] as const];
            out.send(c.dst, { type: 'Deliver', seq, msg: c.msg });
            save = true;
          }
          break;
        case 'setTimer':
          out.setTimer({ type: 'User', timer: c.timer }, c.duration);
          break;
        case 'cancelTimer':
          out.cancelTimer({ type: 'User', timer: c.timer });
          break;
        case 'chooseRandom':
          out.chooseRandom(c.key, c.choices);
          break;
        case 'save':
          wrappedStorage = c.storage;
          save = true;
          break;
        case 'record':
          out.record(c.event);
          break;
      }
    }
    // Sends to one destination get increasing numbers, so appending kept each destination's run
    // sorted; a stable sort by destination sorts the whole list.
    if (pending !== state.pending) pending = [...pending].sort((a, b) => a[0] - b[0]);
    const next: S = { ...state, sent, pending, wrappedStorage };
    if (save) out.save(storageOf(next));
    return next;
  }

  /** Runs a wrapped handler; undefined when it neither touched its state nor emitted anything. */
  function forward(state: S, out: O, dirty: boolean, run: (inner: Inner) => State | void): S | undefined {
    const inner = new Out<Msg, Timer, Random, Storage>();
    const wrapped = run(inner);
    if (wrapped === undefined && inner.commands.length === 0 && !dirty) return undefined;
    return translate(wrapped === undefined ? state : { ...state, wrapped }, inner.commands, out, dirty);
  }

  const link: Actor<S, LinkMsg<Msg> | Msg, LinkTimer<Timer>, Random, LinkStorage<Msg, Storage>> = {
    onStart(id, storage, out) {
      out.setTimer(NETWORK, resendMs);
      const inner = new Out<Msg, Timer, Random, Storage>();
      const wrapped = actor.onStart(id, storage?.wrappedStorage ?? undefined, inner);
      const restored: S = {
        sent: storage?.sent ?? [],
        pending: storage?.pending ?? [],
        delivered: storage?.delivered ?? [],
        wrappedStorage: storage?.wrappedStorage ?? null,
        wrapped,
      };
      return translate(restored, inner.commands, out, false);
    },

    onMsg(id, state, src, msg, out) {
      if (!isLinkMsg(msg)) return forward(state, out, false, (inner) => actor.onMsg?.(id, state.wrapped, src, msg as Msg, inner));
      if (msg.type === 'Ack') {
        const pending = state.pending.filter((p) => !(p[0] === src && p[1] === msg.seq));
        if (pending.length === state.pending.length) return;
        const next = { ...state, pending };
        out.save(storageOf(next));
        return next;
      }
      const last = lookup(state.delivered, src);
      if (msg.seq > last + 1) return; // early: it comes again after the ones before it
      if (msg.seq === last + 1 && keepIgnored) {
        const inner = new Out<Msg, Timer, Random, Storage>();
        const wrapped = actor.onMsg?.(id, state.wrapped, src, msg.msg as Msg, inner);
        if (wrapped === undefined && inner.commands.length === 0) return;
        out.send(src, { type: 'Ack', seq: msg.seq });
        const taken = { ...state, delivered: withEntry(state.delivered, src, msg.seq) };
        return translate(wrapped === undefined ? taken : { ...taken, wrapped }, inner.commands, out, true);
      }
      out.send(src, { type: 'Ack', seq: msg.seq });
      if (msg.seq <= last) return; // a copy of one delivered already: acknowledge it again
      const delivered = { ...state, delivered: withEntry(state.delivered, src, msg.seq) };
      return forward(delivered, out, true, (inner) => actor.onMsg?.(id, state.wrapped, src, msg.msg as Msg, inner));
    },

    onTimeout(id, state, timer, out) {
      if (timer.type === 'User') return forward(state, out, false, (inner) => actor.onTimeout?.(id, state.wrapped, timer.timer, inner));
      out.setTimer(NETWORK, resendMs);
      for (const [dst, seq, msg] of state.pending) out.send(dst, { type: 'Deliver', seq, msg });
    },

    onRandom(id, state, choice, out) {
      return forward(state, out, false, (inner) => actor.onRandom?.(id, state.wrapped, choice, inner));
    },
  };
  return link;
}
