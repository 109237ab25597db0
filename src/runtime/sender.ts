/**
 * Sending an actor's messages as datagrams: encode, refuse what does not fit in one, pass through
 * the fault layer (which may drop, duplicate or delay each copy), and transmit from the actor's
 * socket while it is alive. A message that does not encode, is too large or fails to send is
 * reported and skipped. Delayed copies wait in timers that {@link DatagramSender.dropPending}
 * clears when the runtime stops.
 */
import type { Socket } from 'node:dgram';
import { formatAddress, type SocketAddress } from './address.js';
import type { MessageCodec } from './codec.js';
import type { RuntimeEvent } from './events.js';
import type { FaultInjector } from './faults.js';

/** The largest UDP payload over IPv4. */
export const MAX_DATAGRAM = 65_507;

/** The sending side of one actor: its name in the log, its socket, and whether it still lives. */
export interface SendingActor {
  readonly name: string;
  readonly socket: Socket;
  readonly alive: boolean;
}

export class DatagramSender<Msg> {
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(
    private readonly codec: MessageCodec<Msg>,
    private readonly faults: FaultInjector,
    /** Reports an event; given a function, it is called only when someone listens. */
    private readonly log: (make: RuntimeEvent | (() => RuntimeEvent)) => void,
  ) {}

  send(from: SendingActor, to: SocketAddress, toName: string, msg: Msg): void {
    const actor = from.name;
    let bytes: Buffer;
    try {
      bytes = Buffer.from(this.codec.encode(msg), 'utf8');
    } catch (error) {
      this.log({ event: 'error', actor, error: `cannot encode a message to ${toName}: ${errorText(error)}` });
      return;
    }
    if (bytes.length > MAX_DATAGRAM) {
      this.log({ event: 'error', actor, error: `a ${bytes.length}-byte message to ${toName} exceeds a datagram (${MAX_DATAGRAM})` });
      return;
    }
    const copies = this.faults.copies();
    this.log(() => ({ event: 'send', actor, to: formatAddress(to), msg: this.show(msg), copies: copies.length }));
    const transmit = (): void => {
      if (!from.alive) return;
      from.socket.send(bytes, to.port, to.host, (error) => {
        if (error) this.log({ event: 'error', actor, error: `send to ${formatAddress(to)} failed: ${error.message}` });
      });
    };
    for (const delay of copies) {
      if (delay <= 0) transmit();
      else {
        const t = setTimeout(() => {
          this.pending.delete(t);
          transmit();
        }, delay);
        this.pending.add(t);
      }
    }
  }

  /** Drops the copies still waiting in the fault layer's delays. */
  dropPending(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }

  /** A message as the log shows it: its wire JSON when the codec gives JSON, else its text. */
  show(msg: Msg): unknown {
    const text = this.codec.encode(msg);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
