/**
 * Actor ids on a real network. Stateright encodes an IPv4 socket address in an id as the bytes
 * `[0, 0, ip0, ip1, ip2, ip3, portHi, portLo]`, i.e. `id = (ipv4 << 16) | port` (48 bits, so it
 * is an exact JavaScript number); an id always prints as the address it decodes to.
 *
 * The register protocols here compute their peers by index (`peers(id, n)`, servers `0..n-1`),
 * as the model checker numbers actors. So that they run unchanged, a runtime keeps an
 * {@link AddressBook}: the actors it was given (and any known peers) are ids `0..k-1`, exactly
 * as in the model, and every other sender (a netcat session, a load client) gets its encoded
 * address as id. The two ranges cannot meet: an encoded address below 2^16 would need the IP
 * 0.0.0.0, which never sends a datagram.
 */
import type { Id } from '../actor/index.js';

export interface SocketAddress {
  readonly host: string;
  readonly port: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Stateright's encoding of an IPv4 address and port; throws a RangeError for anything else. */
export function encodeAddress(address: SocketAddress): Id {
  const m = IPV4.exec(address.host);
  if (m === null) throw new RangeError(`not an IPv4 address: ${address.host}`);
  const bytes = m.slice(1, 5).map(Number);
  if (bytes.some((b) => b > 255)) throw new RangeError(`not an IPv4 address: ${address.host}`);
  if (!Number.isInteger(address.port) || address.port < 0 || address.port > 65535) throw new RangeError(`not a port: ${address.port}`);
  const ip = ((bytes[0] * 256 + bytes[1]) * 256 + bytes[2]) * 256 + bytes[3];
  return ip * 65536 + address.port;
}

/** The address an id encodes (its top 16 bits are ignored, as in Stateright). */
export function decodeAddress(id: Id): SocketAddress {
  const low48 = id % 2 ** 48;
  const port = low48 % 65536;
  let ip = Math.floor(low48 / 65536);
  const bytes: number[] = [];
  for (let i = 0; i < 4; i++) {
    bytes.unshift(ip % 256);
    ip = Math.floor(ip / 256);
  }
  return { host: bytes.join('.'), port };
}

export const formatAddress = (a: SocketAddress): string => `${a.host}:${a.port}`;

/** `127.0.0.1:3000` → `{host, port}`; a clear error otherwise. */
export function parseAddress(text: string): SocketAddress {
  const colon = text.lastIndexOf(':');
  const host = colon < 0 ? '' : text.slice(0, colon);
  const port = colon < 0 ? NaN : Number(text.slice(colon + 1));
  if (!IPV4.test(host) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`'${text}' is not an IPv4 address and port such as 127.0.0.1:3000`);
  }
  encodeAddress({ host, port }); // rejects bytes above 255
  return { host, port };
}

/**
 * Ids `0..k-1` for the listed addresses, encoded addresses for everyone else.
 *
 * A listed address on 0.0.0.0 (all interfaces) is found by its port alone: datagrams sent to it
 * from this machine arrive from 127.0.0.1 or another local address, never from 0.0.0.0. (A
 * stranger on another machine whose port happens to be a listed one would be taken for that
 * server; bind a real address to rule it out.)
 */
export class AddressBook {
  private readonly byKey = new Map<string, Id>();
  private readonly anyHostByPort = new Map<number, Id>();

  constructor(readonly addresses: readonly SocketAddress[]) {
    addresses.forEach((a, i) => {
      if (a.port === 0) return; // to be chosen by the system when bound
      const key = formatAddress(a);
      if (this.byKey.has(key)) throw new RangeError(`the address ${key} is listed twice`);
      this.byKey.set(key, i);
      if (a.host === '0.0.0.0') this.anyHostByPort.set(a.port, i);
    });
  }

  idOf(address: SocketAddress): Id {
    return this.byKey.get(formatAddress(address)) ?? this.anyHostByPort.get(address.port) ?? encodeAddress(address);
  }

  addressOf(id: Id): SocketAddress {
    return id < this.addresses.length ? this.addresses[id] : decodeAddress(id);
  }

  /** An id as Stateright prints it: the address it stands for. */
  format(id: Id): string {
    return formatAddress(this.addressOf(id));
  }
}
