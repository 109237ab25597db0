/**
 * A system's servers as real actors: the same server actors `stateright model` checks
 * (`system.server(context)`, behind `persistentServer` so that they save every state change and
 * recover from it, unless the system saves its own storage), with the system's message schema as the wire codec, optionally with their
 * server-to-server traffic in the ordered reliable link.
 */
import { orderedReliableLink, type Actor, type Id } from '../actor/index.js';
import { persistentServer } from '../system/persistent.js';
import { systemContext } from '../system/model.js';
import { systemSettings, type AnySystem, type SystemSettings } from '../system/system.js';
import type { JsonMessageCodec } from './codec.js';
import { linkCodec } from './link-codec.js';

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

/** The servers' actor (all servers run the same one) and the codec for their datagrams. */
export function systemServerActor(system: AnySystem, settings: Partial<SystemSettings>, options: ServerOptions = {}): RunnableServer {
  const s = systemSettings(system, settings);
  const actor = system.server(systemContext(system, s));
  const server = system.ownStorage === true ? actor : persistentServer(actor, { persistent: true });
  const codec = system.messages.codec as JsonMessageCodec<unknown>;
  if (!options.reliablePeers) return { actor: server as unknown as RunnableServer['actor'], codec };
  const linked = orderedReliableLink(server, { resendMs: options.resendMs ?? [20, 40], reliable: (dst: Id) => dst < s.servers });
  return { actor: linked as unknown as RunnableServer['actor'], codec: linkCodec<unknown>(codec) as JsonMessageCodec<unknown> };
}
