/**
 * Single-copy register (§4.1): one server holds the value and answers every request at once.
 * Linearizable with one server; with two or more, each server is its own register and a client
 * can read `'\0'` from one after writing to another.
 */
import type { Actor } from '../src/actor/index.js';
import { messages } from '../src/system/messages.js';
import { getOk, putOk, type ProtocolMsg, type RegisterValue } from './messages.js';
import type { RegisterProtocol } from './server.js';

type Msg = ProtocolMsg<never>;

const singleCopyServer: Actor<RegisterValue, Msg> = {
  onStart: () => '\0',
  onMsg(_id, value, src, msg, out) {
    if (msg.type === 'Put') {
      out.send(src, putOk(msg.requestId));
      return msg.value;
    }
    if (msg.type === 'Get') out.send(src, getOk(msg.requestId, value));
  },
};

export const singleCopyRegister: RegisterProtocol<RegisterValue, never> = {
  name: 'single-copy-register',
  messages: messages({}),
  server: () => singleCopyServer,
};
