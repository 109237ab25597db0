/**
 * A server actor that keeps its state on stable storage: with `persistent`, every change of its
 * state is also saved and a recovering server resumes from it, so crash–recovery runs test the
 * protocol rather than amnesia. The wrapper forwards start, message and timeout handlers (random
 * choices are not forwarded, as in Stateright's register harness) and keeps the inner handler's
 * "touched" answer.
 *
 * A recovering server gets its saved state and the timers its start handler arms: timers live
 * in the process, not on stable storage, so a restarted process arms again what it arms at
 * start (a server that waits on a timer would otherwise never time out after a crash). What the
 * start handler sends and the fresh state it returns belong to a first start and are left out.
 */
import { Out, type Actor, type Id } from '../actor/index.js';

export function persistentServer<State, Msg, Timer>(
  inner: Actor<State, Msg, Timer>,
  options: { readonly persistent: boolean },
): Actor<State, Msg, Timer, never, State> {
  if (!options.persistent) {
    // Forward directly: the wrapper's only other job is to drop random choices.
    return {
      onStart: inner.onStart.bind(inner),
      onMsg: inner.onMsg?.bind(inner),
      onTimeout: inner.onTimeout?.bind(inner),
    };
  }
  // The inner actor never saves, so it can be handed the wrapper's buffer (which may also save).
  const narrow = (out: Out<Msg, Timer, never, State>) => out as unknown as Out<Msg, Timer>;
  const saved = (next: State | void, out: Out<Msg, Timer, never, State>): State | void => {
    if (next !== undefined) out.save(next);
    return next;
  };
  return {
    onStart(id: Id, storage: State | undefined, out: Out<Msg, Timer, never, State>): State {
      if (storage === undefined) return inner.onStart(id, undefined, narrow(out));
      const fresh = new Out<Msg, Timer>();
      inner.onStart(id, undefined, fresh);
      for (const c of fresh.commands) if (c.kind === 'setTimer') out.setTimer(c.timer, c.duration);
      return storage;
    },
    onMsg: (id, state, src, msg, out) => saved(inner.onMsg?.(id, state, src, msg, narrow(out)), out),
    onTimeout: (id, state, timer, out) => saved(inner.onTimeout?.(id, state, timer, narrow(out)), out),
  };
}
