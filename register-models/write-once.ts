/**
 * A write-once register on a single server: the first write wins; a later write of the same
 * value succeeds again (idempotent), any other value gets `PutFail`. Checked against the
 * write-once register semantics (`writeOnceRegisterModel`): a read before any write returns
 * nothing (`'\0'` on the wire), every read after a successful write returns its value.
 *
 * Like the single-copy register, it is linearizable with one server and not with two (each
 * server accepts its own first write, so both clients' writes succeed).
 */
import type { Actor } from '../src/actor/index.js';
import { messages } from '../src/system/messages.js';
import { NO_VALUE, getOk, putFail, putOk, type ProtocolMsg, type RegisterValue } from './messages.js';
import type { RegisterProtocol } from './server.js';

const writeOnceServer: Actor<RegisterValue, ProtocolMsg<never>> = {
  onStart: () => NO_VALUE,
  onMsg(_id, value, src, msg, out) {
    if (msg.type === 'Put') {
      if (value !== NO_VALUE && value !== msg.value) {
        out.send(src, putFail(msg.requestId));
        return;
      }
      out.send(src, putOk(msg.requestId));
      return msg.value;
    }
    if (msg.type === 'Get') out.send(src, getOk(msg.requestId, value));
  },
};

export const writeOnceRegister: RegisterProtocol<RegisterValue, never> = {
  name: 'write-once-register',
  messages: messages({}),
  server: () => writeOnceServer,
  semantics: 'write-once-register',
};
