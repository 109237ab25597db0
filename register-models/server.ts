/**
 * The server side of the register harness: the protocol's actor behind the register interface.
 *
 * A protocol is described once ({@link RegisterProtocol}); `registerSystem` instantiates it for a
 * number of servers. The wrapper forwards start, message and timeout handlers (random choices are
 * not forwarded, as in Stateright) and keeps the inner handler's "touched" answer. With
 * `persistent`, every change of the server's state is also saved to stable storage and a
 * recovering server resumes from it, so crash–recovery runs test the protocol rather than amnesia.
 */
import { Out, type Actor, type Id } from '../src/actor/index.js';
import type { RegisterSemantics } from './history.js';
import type { InternalMsg, ProtocolMsg } from './messages.js';

export interface RegisterProtocol<State, Internal extends InternalMsg, Timer = never> {
  /** E.g. `paxos`. */
  readonly name: string;
  /** The internal message names in declaration order (they sort before the register messages). */
  readonly internalVariants: readonly string[];
  /** The server actor, given how many servers the system has (for peers and quorums). */
  server(serverCount: number): Actor<State, ProtocolMsg<Internal>, Timer>;
  /** The object the servers implement. Default `register`. */
  readonly semantics?: RegisterSemantics;
}

export function registerServer<State, Msg, Timer>(
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
