/**
 * Binding an actor's UDP socket, with the reasons a bind fails said in words (a port in use, an
 * address not of this machine) as {@link SpawnError}s.
 */
import { createSocket, type Socket } from 'node:dgram';
import { formatAddress, type SocketAddress } from './address.js';

/** An error starting an actor, e.g. its port in use. */
export class SpawnError extends Error {}

/** A UDP socket bound to `address` (port 0: one the system chooses). */
export async function bindSocket(address: SocketAddress): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', reuseAddr: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      reject(
        new SpawnError(
          error.code === 'EADDRINUSE'
            ? `${formatAddress(address)} is already in use (is another server running there?)`
            : error.code === 'EADDRNOTAVAIL'
              ? `${address.host} is not an address of this machine`
              : `cannot bind ${formatAddress(address)}: ${error.message}`,
        ),
      );
    });
    socket.bind(address.port, address.host, () => resolve());
  });
  socket.removeAllListeners('error');
  return socket;
}
