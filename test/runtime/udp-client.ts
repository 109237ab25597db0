/** A netcat-like UDP client for tests: send a datagram, wait for the next reply (or none). */
import { createSocket, type Socket } from 'node:dgram';
import type { SocketAddress } from '../../src/runtime/index.js';

export class UdpClient {
  private readonly replies: string[] = [];
  private waiting: ((reply: string | undefined) => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('message', (buffer) => {
      const text = buffer.toString('utf8');
      if (this.waiting !== undefined) {
        const w = this.waiting;
        this.waiting = undefined;
        w(text);
      } else this.replies.push(text);
    });
  }

  static async open(): Promise<UdpClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new UdpClient(socket);
  }

  get address(): SocketAddress {
    const a = this.socket.address();
    return { host: a.address, port: a.port };
  }

  send(to: SocketAddress, data: string | Buffer): void {
    this.socket.send(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, to.port, to.host);
  }

  /** The next reply, or undefined after `ms` without one. */
  next(ms = 1000): Promise<string | undefined> {
    if (this.replies.length > 0) return Promise.resolve(this.replies.shift());
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(undefined);
      }, ms);
      this.waiting = (reply) => {
        clearTimeout(timer);
        resolve(reply);
      };
    });
  }

  async request(to: SocketAddress, data: string, ms = 1000): Promise<string | undefined> {
    this.send(to, data);
    return this.next(ms);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
