/**
 * The Raft store's messages as a TypeBox message schema: one declaration gives the wire form of
 * every Raft message and client request and reply, and the check that an untrusted datagram holds
 * one (src/system/messages.ts). Every variant travels as a JSON object under its own field names,
 * e.g. `{"Request":{"seq":1,"op":{"f":"put","key":"k0","value":"c0.0"}}}`, so a person can talk
 * to a server with `nc -u`.
 *
 * The declaration order is {@link RAFT_MESSAGE_VARIANTS}'s (the order the checker sorts actions by).
 */
import { Type } from '@sinclair/typebox';
import { actorId, messages, named, nat, nullable, type MessageSchema, type MessageType } from '../src/system/messages.js';
import { RAFT_MESSAGE_VARIANTS, type RaftMsg } from './raft-messages.js';

const key = () => Type.String({ minLength: 1 });
/** A written value: never empty, the initial value of every key. */
const written = () => Type.String({ minLength: 1 });

const kvOp = Type.Union([
  Type.Object({ f: Type.Literal('put'), key: key(), value: written() }, { additionalProperties: false }),
  Type.Object({ f: Type.Literal('get'), key: key() }, { additionalProperties: false }),
  Type.Object({ f: Type.Literal('cas'), key: key(), from: Type.String(), to: written() }, { additionalProperties: false }),
]);

const entry = Type.Object({ term: nat(), client: actorId(), seq: nat(), op: kvOp }, { additionalProperties: false });

const schema = messages({
  RequestVote: named({ term: nat(), lastIndex: nat(), lastTerm: nat() }),
  Vote: named({ term: nat(), granted: Type.Boolean() }),
  AppendEntries: named({ term: nat(), prevIndex: nat(), prevTerm: nat(), entries: Type.Array(entry), commit: nat() }),
  Appended: named({ term: nat(), success: Type.Boolean(), index: nat() }),
  Request: named({ seq: nat(), op: kvOp }),
  Reply: named({ seq: nat(), result: Type.Union([Type.String(), Type.Boolean(), Type.Null()]) }),
  NotLeader: named({ seq: nat(), leader: nullable(actorId()) }),
});

// The schema declares exactly the messages the server and clients exchange (checked by the compiler).
type Declared = MessageType<typeof schema>;
const sameMessages: [Declared] extends [RaftMsg] ? ([RaftMsg] extends [Declared] ? true : false) : false = true;
void sameMessages;

if (schema.variantOrder.join() !== RAFT_MESSAGE_VARIANTS.join()) throw new Error('the Raft wire schema must declare the messages in RAFT_MESSAGE_VARIANTS order');

/** The schema of {@link RaftMsg}: its codec is the Raft store's wire format. */
export const raftMessageSchema: MessageSchema<RaftMsg> = schema as unknown as MessageSchema<RaftMsg>;
