/**
 * A server actor that keeps its state on stable storage: with `persistent`, every change of its
 * state is also saved and a recovering server resumes from it, so crash–recovery runs test the
 * protocol rather than amnesia. The wrapper forwards start, message and timeout handlers (random
 * choices are not forwarded, as in Stateright's register harness) and keeps the inner handler's
 * "touched" answer.
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
      return storage !== undefined ? storage : inner.onStart(id, undefined, narrow(out));
    },
    onMsg: (id, state, src, msg, out) => saved(inner.onMsg?.(id, state, src, msg, narrow(out)), out),
    onTimeout: (id, state, timer, out) => saved(inner.onTimeout?.(id, state, timer, narrow(out)), out),
  };
}
