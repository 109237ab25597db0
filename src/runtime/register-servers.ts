/**
 * The bundled register protocols as real servers: the same server actors `stateright model`
 * checks (`protocol.server(n)`, behind `registerServer` so that they save every state change and
 * recover from it), optionally with their server-to-server traffic in the ordered reliable link.
 */
import { orderedReliableLink, type Actor, type Id } from '../actor/index.js';
import {
  abdNoReadWriteBack,
  abdRegister,
  paxosForgetfulAcceptor,
  paxosNoAdopt,
  paxosRegister,
  registerServer,
  singleCopyRegister,
  writeOnceRegister,
  type InternalMsg,
  type ProtocolMsg,
  type RegisterProtocol,
} from '../../register-models/index.js';
import type { JsonMessageCodec } from './codec.js';
import { linkCodec } from './link-codec.js';
import { registerCodec } from './register-wire.js';

/** Every bundled register protocol, correct and broken, by name. */
export const SERVABLE_PROTOCOLS: readonly RegisterProtocol<unknown, InternalMsg>[] = [
  singleCopyRegister,
  writeOnceRegister,
  abdRegister,
  abdNoReadWriteBack,
  paxosRegister,
  paxosNoAdopt,
  paxosForgetfulAcceptor,
] as unknown as RegisterProtocol<unknown, InternalMsg>[];

export function findProtocol(name: string): RegisterProtocol<unknown, InternalMsg> | undefined {
  return SERVABLE_PROTOCOLS.find((p) => p.name === name);
}

export interface ServerOptions {
  /** Wrap server-to-server messages in the ordered reliable link. */
  readonly reliablePeers?: boolean;
  /** The link's resend interval. Default [20, 40] ms (loopback round trips take well under 1 ms). */
  readonly resendMs?: readonly [number, number];
}

/** Erased types: the runtime only passes states, timers and storage back to the actor. */
export interface RunnableServer {
  readonly actor: Actor<unknown, unknown, unknown, never, unknown>;
  readonly codec: JsonMessageCodec<unknown>;
}

/** Server `i`'s actor (all servers run the same one) and the codec for its datagrams. */
export function registerServerActor(protocol: RegisterProtocol<unknown, InternalMsg>, serverCount: number, options: ServerOptions = {}): RunnableServer {
  const server = registerServer(protocol.server(serverCount), { persistent: true });
  const codec = registerCodec<InternalMsg>(protocol);
  if (!options.reliablePeers) return { actor: server as unknown as RunnableServer['actor'], codec: codec as JsonMessageCodec<unknown> };
  const linked = orderedReliableLink(server, { resendMs: options.resendMs ?? [20, 40], reliable: (dst: Id) => dst < serverCount });
  return {
    actor: linked as unknown as RunnableServer['actor'],
    codec: linkCodec<ProtocolMsg<InternalMsg>>(codec) as JsonMessageCodec<unknown>,
  };
}
