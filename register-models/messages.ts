/**
 * The register interface every protocol here implements: clients send `Put` and `Get`, servers
 * answer `PutOk` / `PutFail` and `GetOk` (§3.1 of the reference), plus the protocol's own
 * internal messages.
 *
 * Stateright declares `enum RegisterMsg { Internal(M), Put(..), Get(..), PutOk(..), GetOk(..) }`,
 * so every internal message sorts before every register message, and internal messages among
 * themselves in their own declaration order. Here messages are one flat union of `{type, ...}`
 * objects; listing the protocol's internal variants first in `variantOrder` and then
 * {@link REGISTER_VARIANTS} gives exactly that order (the comparator ranks a message by its
 * `type`, then compares its fields in declaration order). `PutFail` is ours (the write-once
 * register needs a failed write); it is declared last, so it changes no other message's order.
 */
import { Type } from '@sinclair/typebox';
import type { Id } from '../src/actor/index.js';
import { messages, nat, positional, type MessageType } from '../src/system/messages.js';

export type { MessageType };

export type RequestId = number;
/** One character; `'\0'` (Rust's default `char`) means "never written". */
export type RegisterValue = string;
export const NO_VALUE: RegisterValue = '\0';

/**
 * The register messages and their wire form, Stateright's: `{"Put":[1,"X"]}`, `{"Get":2}`,
 * `{"PutOk":1}`, `{"GetOk":[2,"X"]}` (and `{"PutFail":1}`). Values are strings (Stateright's are
 * single characters; the protocols never look inside them, so a load generator may write longer ones).
 */
export const registerMessageSchema = messages({
  Put: positional({ requestId: nat(), value: Type.String() }),
  Get: positional({ requestId: nat() }),
  PutOk: positional({ requestId: nat() }),
  GetOk: positional({ requestId: nat(), value: Type.String() }),
  PutFail: positional({ requestId: nat() }),
});

export type RegisterMsg = MessageType<typeof registerMessageSchema>;

/** Declaration order of the register messages (after the protocol's internal ones). */
export const REGISTER_VARIANTS = ['Put', 'Get', 'PutOk', 'GetOk', 'PutFail'] as const;
export type RegisterVariant = (typeof REGISTER_VARIANTS)[number];

/** A protocol's internal messages: any `{type}` union whose names differ from the register ones. */
export type InternalMsg = { readonly type: string };

/** What a register protocol's servers send and receive. */
export type ProtocolMsg<Internal extends InternalMsg> = Internal | RegisterMsg;

export const put = (requestId: RequestId, value: RegisterValue): RegisterMsg => ({ type: 'Put', requestId, value });
export const get = (requestId: RequestId): RegisterMsg => ({ type: 'Get', requestId });
export const putOk = (requestId: RequestId): RegisterMsg => ({ type: 'PutOk', requestId });
export const putFail = (requestId: RequestId): RegisterMsg => ({ type: 'PutFail', requestId });
export const getOk = (requestId: RequestId, value: RegisterValue): RegisterMsg => ({ type: 'GetOk', requestId, value });

/**
 * The register message constructors, exported from the package under one name: `put`, `get`
 * and friends are too generic to sit at the package root beside everything else.
 */
export const registerMessages = { put, get, putOk, putFail, getOk } as const;

const REGISTER_NAMES: ReadonlySet<string> = new Set(REGISTER_VARIANTS);

export function isRegisterMsg(msg: InternalMsg | RegisterMsg): msg is RegisterMsg {
  return REGISTER_NAMES.has(msg.type);
}

/** A reply a client may accept: it carries the id of the request it answers. */
export function isReply(msg: InternalMsg | RegisterMsg): msg is Extract<RegisterMsg, { type: 'PutOk' | 'PutFail' | 'GetOk' }> {
  return msg.type === 'PutOk' || msg.type === 'GetOk' || msg.type === 'PutFail';
}

/** A request from a client. */
export function isRequest(msg: InternalMsg | RegisterMsg): msg is Extract<RegisterMsg, { type: 'Put' | 'Get' }> {
  return msg.type === 'Put' || msg.type === 'Get';
}

/**
 * Messages in Rust's Debug style with positional fields: `Put(3, 'A')`, `GetOk(6, '\0')`,
 * `Accept((1, 1), (4, 4, 'B'))`; one-character strings as chars, tuples in parentheses,
 * `null` as `None`.
 */
export function formatMessage(msg: InternalMsg | RegisterMsg): string {
  const fields = Object.entries(msg).filter(([k]) => k !== 'type');
  return fields.length === 0 ? msg.type : `${msg.type}(${fields.map(([, v]) => formatField(v)).join(', ')})`;
}

/** A field or state value in the same style. */
export function formatField(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return v.length === 1 ? `'${v === NO_VALUE ? '\\0' : v}'` : JSON.stringify(v);
  if (Array.isArray(v)) return `(${v.map(formatField).join(', ')})`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.type === 'string') return formatMessage(o as InternalMsg);
    return `{ ${Object.entries(o).map(([k, x]) => `${k}: ${formatField(x)}`).join(', ')} }`;
  }
  return String(v);
}

/** `server 0` / `client 3`: servers have ids below the server count. */
export function roleName(id: Id, serverCount: number): string {
  return id < serverCount ? `server ${id}` : `client ${id}`;
}
