/**
 * The server side of the register harness: a protocol's server actor behind the register
 * interface. A protocol is described once ({@link RegisterProtocol}) and becomes a system module
 * (register-models/register-system.ts) that instantiates it for a number of servers.
 */
import type { Actor } from '../src/actor/index.js';
import type { MessageSchema } from '../src/system/messages.js';
import type { RegisterSemantics } from './history.js';
import type { InternalMsg, ProtocolMsg } from './messages.js';

export { persistentServer as registerServer } from '../src/system/persistent.js';

export interface RegisterProtocol<State, Internal extends InternalMsg, Timer = never> {
  /** E.g. `paxos`. */
  readonly name: string;
  /** The protocol's own (internal) messages; they sort before the register messages. */
  readonly messages: MessageSchema<Internal>;
  /** The server actor, given how many servers the system has (for peers and quorums). */
  server(serverCount: number): Actor<State, ProtocolMsg<Internal>, Timer>;
  /** The object the servers implement. Default `register`. */
  readonly semantics?: RegisterSemantics;
}
