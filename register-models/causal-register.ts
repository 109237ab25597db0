/**
 * A causally consistent replicated register (in the style of COPS and of Ahamad et al.'s causal
 * memory): every server holds a copy and serves its own clients at once, without waiting for the
 * others.
 *
 * - Each client has a home server (its actor id modulo the server count); a request that reaches
 *   another server is forwarded there, so a session's operations all happen at one copy.
 * - A write from a home client is applied at once: the server ticks its own entry of its vector
 *   clock, replies, and sends the write with that clock to every other server.
 * - A server applies a remote write only when it has applied everything the write depends on:
 *   the write is the next one from its origin (clock[origin] = own[origin] + 1) and every other
 *   entry is at most its own. Other writes wait in a pending list.
 * - A read returns the local copy.
 *
 * Writes are applied in causal order everywhere, so every session sees a causal past that is
 * closed and ordered (causally consistent), but two servers may apply concurrent writes in
 * different orders and a client can read a value older than a completed write elsewhere (not
 * linearizable, nor sequentially consistent, nor convergent).
 *
 * BROKEN variant `causal-register-no-wait`: remote writes are applied on arrival, so a write can
 * overwrite one it causally follows.
 */
import { peers, type Actor, type Id, type Out } from '../src/actor/index.js';
import { VectorClock } from '../consistency/vector-clock.js';
import { Type } from '@sinclair/typebox';
import { actorId, internal, messages, nat, nullable } from '../src/system/messages.js';
import { getOk, putOk, type MessageType, type ProtocolMsg, type RegisterValue, type RequestId } from './messages.js';
import type { RegisterProtocol } from './server.js';

/** `Forward` carries a client's request to its home server (`write`: the value, null for a read). */
export const causalRegisterMessages = messages({
  Forward: internal({ client: actorId(), requestId: nat(), write: nullable(Type.String()) }),
  Replicate: internal({ origin: actorId(), clock: Type.Array(nat()), value: Type.String() }),
});

export type CausalRegisterMsg = MessageType<typeof causalRegisterMessages>;

/** A remote write waiting for its dependencies: origin, clock, value. */
export type PendingWrite = readonly [origin: Id, clock: readonly number[], value: RegisterValue];

export interface CausalRegisterState {
  readonly value: RegisterValue;
  /** Per server: how many of its writes this copy has applied. */
  readonly clock: readonly number[];
  /** Remote writes not yet applicable, sorted (one canonical form per set). */
  readonly pending: readonly PendingWrite[];
}

type Msg = ProtocolMsg<CausalRegisterMsg>;

interface CausalOptions {
  /** Apply a remote write only once its causal dependencies are applied (false: BROKEN, on arrival). */
  readonly waitForDependencies: boolean;
}

/** Whether a copy at `own` can apply the write `clock` from `origin` now. */
function deliverable(own: VectorClock, origin: Id, clock: VectorClock): boolean {
  if (clock.get(origin) !== own.get(origin) + 1) return false;
  return clock.merge(own).compare(own.incremented(origin)) === 'equal';
}

const padded = (clock: VectorClock, n: number): number[] => Array.from({ length: n }, (_, i) => clock.get(i));

function causalServer(serverCount: number, options: CausalOptions): Actor<CausalRegisterState, Msg> {
  const home = (client: Id): Id => client % serverCount;

  const serve = (id: Id, state: CausalRegisterState, client: Id, requestId: RequestId, write: RegisterValue | null, out: Out<Msg>): CausalRegisterState | void => {
    if (write === null) {
      out.send(client, getOk(requestId, state.value));
      return;
    }
    const clock = padded(new VectorClock(state.clock).incremented(id), serverCount);
    out.broadcast(peers(id, serverCount), { type: 'Replicate', origin: id, clock, value: write });
    out.send(client, putOk(requestId));
    return { ...state, value: write, clock };
  };

  /** Applies every pending write whose dependencies are met, until none is. */
  const drain = (state: CausalRegisterState): CausalRegisterState => {
    let current = state;
    for (let progress = true; progress; ) {
      progress = false;
      const own = new VectorClock(current.clock);
      const index = current.pending.findIndex(([origin, clock]) => deliverable(own, origin, new VectorClock(clock)));
      if (index >= 0) {
        const [origin, , value] = current.pending[index];
        current = { value, clock: padded(own.incremented(origin), serverCount), pending: current.pending.filter((_, i) => i !== index) };
        progress = true;
      }
    }
    return current;
  };

  return {
    onStart: () => ({ value: '\0', clock: new Array<number>(serverCount).fill(0), pending: [] }),
    onMsg(id, state, src, msg, out) {
      switch (msg.type) {
        case 'Put':
        case 'Get': {
          const write = msg.type === 'Put' ? msg.value : null;
          if (home(src) !== id) {
            out.send(home(src), { type: 'Forward', client: src, requestId: msg.requestId, write });
            return;
          }
          return serve(id, state, src, msg.requestId, write, out);
        }
        case 'Forward':
          return serve(id, state, msg.client, msg.requestId, msg.write, out);
        case 'Replicate': {
          const own = new VectorClock(state.clock);
          const clock = new VectorClock(msg.clock);
          if (!options.waitForDependencies) {
            // BROKEN: applied on arrival, whatever it depends on.
            return { ...state, value: msg.value, clock: padded(own.merge(clock), serverCount) };
          }
          // Already applied (a duplicate), or already waiting.
          if (clock.get(msg.origin) <= own.get(msg.origin)) return;
          const entry: PendingWrite = [msg.origin, msg.clock, msg.value];
          const key = JSON.stringify(entry);
          if (state.pending.some((p) => JSON.stringify(p) === key)) return;
          const pending = [...state.pending, entry].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
          return drain({ ...state, pending });
        }
      }
    },
  };
}

export const causalRegister: RegisterProtocol<CausalRegisterState, CausalRegisterMsg> = {
  name: 'causal-register',
  messages: causalRegisterMessages,
  server: (n) => causalServer(n, { waitForDependencies: true }),
};

/** BROKEN: remote writes are applied as they arrive, before the writes they causally follow. */
export const causalRegisterNoWait: RegisterProtocol<CausalRegisterState, CausalRegisterMsg> = {
  name: 'causal-register-no-wait',
  messages: causalRegisterMessages,
  server: (n) => causalServer(n, { waitForDependencies: false }),
};
