/**
 * ABD (Attiya, Bar-Noy, Dolev): a linearizable register replicated on `n` servers (§4.2, Stateright's
 * "linearizable-register" example). The server that receives a request coordinates two rounds,
 * each waiting for a majority (counting itself):
 *
 * 1. query: collect ⟨seq, value⟩ pairs; a write then picks seq = ⟨max clock + 1, own id⟩, a read
 *    picks the greatest pair;
 * 2. record: store the chosen pair on a majority (a read writes back what it read), then reply.
 *
 * `seq = [clock, serverId]` orders writes; ties on the clock go to the larger server id.
 */
import { Type } from '@sinclair/typebox';
import { majority, peers, type Actor, type Id, type Out } from '../src/actor/index.js';
import { actorId, internal, messages, nat } from '../src/system/messages.js';
import { getOk, putOk, type MessageType, type ProtocolMsg, type RegisterValue, type RequestId } from './messages.js';
import type { RegisterProtocol } from './server.js';
import { byFirst, byId, withSorted } from './sorted.js';

export type Seq = readonly [clock: number, serverId: Id];

const seq = Type.Tuple([nat(), actorId()]);

/** ABD's peer messages, on the wire as `{"Internal":{"Query":{"request_id":1}}}`. */
export const abdMessages = messages({
  Query: internal({ requestId: nat() }),
  AckQuery: internal({ requestId: nat(), seq, value: Type.String() }),
  Record: internal({ requestId: nat(), seq, value: Type.String() }),
  AckRecord: internal({ requestId: nat() }),
});

export type AbdMsg = MessageType<typeof abdMessages>;

type Msg = ProtocolMsg<AbdMsg>;

/** Phase 1 collects `responses` (sorted by server id); phase 2 collects `acks` (sorted ids). */
export type AbdPhase =
  | {
      readonly phase: 1;
      readonly requestId: RequestId;
      readonly requester: Id;
      /** The value to write; null for a read. */
      readonly write: RegisterValue | null;
      readonly responses: readonly (readonly [from: Id, seq: Seq, value: RegisterValue])[];
    }
  | {
      readonly phase: 2;
      readonly requestId: RequestId;
      readonly requester: Id;
      /** The value read; null for a write. */
      readonly read: RegisterValue | null;
      readonly acks: readonly Id[];
    };

export interface AbdState {
  readonly seq: Seq;
  readonly value: RegisterValue;
  readonly phase: AbdPhase | null;
}

const seqLess = (a: Seq, b: Seq): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

export interface AbdOptions {
  /**
   * Reads store what they read on a majority before replying (phase 2). Without it, a read that
   * saw a write in progress can be followed by a read that does not see it (BROKEN).
   */
  readonly readWriteBack: boolean;
}

function abdServer(serverCount: number, options: AbdOptions): Actor<AbdState, Msg> {
  const quorum = majority(serverCount);

  /** Phase 2, or the reply when the coordinator alone is a majority. */
  const record = (id: Id, state: AbdState, p1: Extract<AbdPhase, { phase: 1 }>, out: Out<Msg>): AbdState => {
    let best = p1.responses[0];
    for (const r of p1.responses) if (seqLess(best[1], r[1])) best = r;
    const [seq, value]: [Seq, RegisterValue] = p1.write !== null ? [[best[1][0] + 1, id], p1.write] : [best[1], best[2]];
    const read = p1.write === null ? value : null;
    if (read !== null && !options.readWriteBack) {
      out.send(p1.requester, getOk(p1.requestId, read));
      return { ...state, phase: null };
    }
    out.broadcast(peers(id, serverCount), { type: 'Record', requestId: p1.requestId, seq, value });
    const own = seqLess(state.seq, seq) ? { seq, value } : { seq: state.seq, value: state.value };
    return reply({ ...own, phase: { phase: 2, requestId: p1.requestId, requester: p1.requester, read, acks: [id] } }, out);
  };

  const reply = (state: AbdState, out: Out<Msg>): AbdState => {
    const p2 = state.phase;
    if (p2 === null || p2.phase !== 2 || p2.acks.length !== quorum) return state;
    out.send(p2.requester, p2.read !== null ? getOk(p2.requestId, p2.read) : putOk(p2.requestId));
    return { ...state, phase: null };
  };

  return {
    onStart: (id) => ({ seq: [0, id], value: '\0', phase: null }),
    onMsg(id, state, src, msg, out) {
      switch (msg.type) {
        case 'Put':
        case 'Get': {
          if (state.phase !== null) return;
          out.broadcast(peers(id, serverCount), { type: 'Query', requestId: msg.requestId });
          const write = msg.type === 'Put' ? msg.value : null;
          const p1 = { phase: 1, requestId: msg.requestId, requester: src, write, responses: [[id, state.seq, state.value]] } as const;
          return p1.responses.length === quorum ? record(id, state, p1, out) : { ...state, phase: p1 };
        }
        case 'Query':
          out.send(src, { type: 'AckQuery', requestId: msg.requestId, seq: state.seq, value: state.value });
          return;
        case 'AckQuery': {
          const p1 = state.phase;
          if (p1 === null || p1.phase !== 1 || p1.requestId !== msg.requestId) return;
          const responses = withSorted(p1.responses, [src, msg.seq, msg.value] as const, byFirst);
          const next = { ...p1, responses };
          return responses.length === quorum ? record(id, state, next, out) : { ...state, phase: next };
        }
        case 'Record':
          out.send(src, { type: 'AckRecord', requestId: msg.requestId });
          if (seqLess(state.seq, msg.seq)) return { ...state, seq: msg.seq, value: msg.value };
          return;
        case 'AckRecord': {
          const p2 = state.phase;
          if (p2 === null || p2.phase !== 2 || p2.requestId !== msg.requestId || p2.acks.includes(src)) return;
          return reply({ ...state, phase: { ...p2, acks: withSorted(p2.acks, src, byId) } }, out);
        }
      }
    },
  };
}

export const abdRegister: RegisterProtocol<AbdState, AbdMsg> = {
  name: 'abd',
  messages: abdMessages,
  server: (n) => abdServer(n, { readWriteBack: true }),
};

/** BROKEN: reads reply as soon as a majority answered the query, without writing back. */
export const abdNoReadWriteBack: RegisterProtocol<AbdState, AbdMsg> = {
  name: 'abd-no-write-back',
  messages: abdMessages,
  server: (n) => abdServer(n, { readWriteBack: false }),
};
