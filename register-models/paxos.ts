/**
 * Single-decree Paxos behind the register interface (§4.3): the first value a majority accepts is
 * the register's value forever. A server receiving `Put` leads a ballot `[round + 1, own id]`:
 *
 * 1. prepare: acceptors promise not to accept lower ballots and report what they last accepted;
 *    with a majority of promises (counting itself) the leader proposes the highest-ballot accepted
 *    proposal it heard of, or else its own client's;
 * 2. accept: with a majority of acceptances the value is decided; the leader tells the others and
 *    answers the proposal's requester (who may be another leader's client).
 *
 * Decided servers answer `Get`; undecided ones never do, and a server already leading ignores
 * further `Put`s, so some clients never get a reply (fine for safety, which is what is checked).
 */
import { Type } from '@sinclair/typebox';
import { majority, peers, type Actor, type Id } from '../src/actor/index.js';
import { actorId, internal, messages, nat, nullable } from '../src/system/messages.js';
import { getOk, putOk, type MessageType, type ProtocolMsg, type RegisterValue, type RequestId } from './messages.js';
import type { RegisterProtocol } from './server.js';
import { byFirst, byId, withSorted } from './sorted.js';

export type Ballot = readonly [round: number, leader: Id];
export type Proposal = readonly [requestId: RequestId, requester: Id, value: RegisterValue];
export type AcceptedProposal = readonly [ballot: Ballot, proposal: Proposal];

const ballot = Type.Tuple([nat(), actorId()]);
const proposal = Type.Tuple([nat(), actorId(), Type.String()]);

/** Paxos's peer messages, on the wire as Stateright's `{"Internal":{"Prepare":{"ballot":[1,0]}}}`. */
export const paxosMessages = messages({
  Prepare: internal({ ballot }),
  Prepared: internal({ ballot, lastAccepted: nullable(Type.Tuple([ballot, proposal])) }),
  Accept: internal({ ballot, proposal }),
  Accepted: internal({ ballot }),
  Decided: internal({ ballot, proposal }),
});

export type PaxosMsg = MessageType<typeof paxosMessages>;

type Msg = ProtocolMsg<PaxosMsg>;

export interface PaxosState {
  readonly ballot: Ballot;
  /** The proposal this server leads with (its client's, or one it adopted). */
  readonly proposal: Proposal | null;
  /** Leader: the promises received, `[from, lastAccepted]` sorted by id. */
  readonly prepares: readonly (readonly [from: Id, lastAccepted: AcceptedProposal | null])[];
  /** Leader: the servers that accepted its ballot, sorted. */
  readonly accepts: readonly Id[];
  readonly accepted: AcceptedProposal | null;
  readonly decided: boolean;
}

/** Lexicographic order on the tuples above (null smallest). */
function compareTuples(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareTuples(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

export interface PaxosOptions {
  /** The leader proposes the highest accepted proposal among the promises (BROKEN when false). */
  readonly adoptAccepted: boolean;
  /** Acceptors refuse proposals below the ballot they promised (BROKEN when false). */
  readonly keepPromises: boolean;
}

function paxosServer(serverCount: number, options: PaxosOptions): Actor<PaxosState, Msg> {
  const quorum = majority(serverCount);
  return {
    onStart: () => ({ ballot: [0, 0], proposal: null, prepares: [], accepts: [], accepted: null, decided: false }),
    onMsg(id, state, src, msg, out) {
      if (state.decided) {
        if (msg.type === 'Get') out.send(src, getOk(msg.requestId, state.accepted![1][2]));
        return;
      }
      switch (msg.type) {
        case 'Put': {
          if (state.proposal !== null) return;
          const ballot: Ballot = [state.ballot[0] + 1, id];
          out.broadcast(peers(id, serverCount), { type: 'Prepare', ballot });
          return { ...state, ballot, proposal: [msg.requestId, src, msg.value], prepares: [[id, state.accepted]], accepts: [] };
        }
        case 'Prepare':
          if (compareTuples(state.ballot, msg.ballot) >= 0) return;
          out.send(src, { type: 'Prepared', ballot: msg.ballot, lastAccepted: state.accepted });
          return { ...state, ballot: msg.ballot };
        case 'Prepared': {
          if (compareTuples(msg.ballot, state.ballot) !== 0) return;
          const prepares = withSorted(state.prepares, [src, msg.lastAccepted] as const, byFirst);
          if (prepares.length !== quorum) return { ...state, prepares };
          let highest: AcceptedProposal | null = null;
          for (let i = 0; i < prepares.length; i++) {
            const lastAccepted = prepares[i][1];
            if (compareTuples(lastAccepted, highest) > 0) highest = lastAccepted;
          }
          const proposal = options.adoptAccepted && highest !== null ? highest[1] : state.proposal!;
          out.broadcast(peers(id, serverCount), { type: 'Accept', ballot: msg.ballot, proposal });
          const accepts = withSorted(state.accepts, id, byId);
          return { ...state, prepares, proposal, accepted: [msg.ballot, proposal], accepts };
        }
        case 'Accept':
          if (options.keepPromises && compareTuples(state.ballot, msg.ballot) > 0) return;
          out.send(src, { type: 'Accepted', ballot: msg.ballot });
          // (A forgetful acceptor still remembers the highest ballot; it just accepts below it.)
          return { ...state, ballot: compareTuples(state.ballot, msg.ballot) > 0 ? state.ballot : msg.ballot, accepted: [msg.ballot, msg.proposal] };
        case 'Accepted': {
          if (compareTuples(msg.ballot, state.ballot) !== 0) return;
          const accepts = withSorted(state.accepts, src, byId);
          if (accepts.length !== quorum) return { ...state, accepts };
          const proposal = state.proposal!;
          out.broadcast(peers(id, serverCount), { type: 'Decided', ballot: msg.ballot, proposal });
          out.send(proposal[1], putOk(proposal[0]));
          return { ...state, accepts, decided: true };
        }
        case 'Decided':
          return { ...state, ballot: msg.ballot, accepted: [msg.ballot, msg.proposal], decided: true };
      }
    },
  };
}

const paxos = (name: string, options: PaxosOptions): RegisterProtocol<PaxosState, PaxosMsg> => ({
  name,
  messages: paxosMessages,
  server: (n) => paxosServer(n, options),
});

export const paxosRegister = paxos('paxos', { adoptAccepted: true, keepPromises: true });

/** BROKEN: the leader proposes its own client's value even when a majority member accepted another. */
export const paxosNoAdopt = paxos('paxos-no-adopt', { adoptAccepted: false, keepPromises: true });

/** BROKEN: acceptors accept proposals of ballots lower than the one they promised. */
export const paxosForgetfulAcceptor = paxos('paxos-forgetful-acceptor', { adoptAccepted: true, keepPromises: false });
