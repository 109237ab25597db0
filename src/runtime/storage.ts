/**
 * Stable storage for spawned actors: one file per actor, named as Stateright names it
 * (`<ip>:<port>.storage`), written atomically (a temporary file in the same directory, then a
 * rename), so a process killed mid-save leaves the previous storage or the new one, never half of
 * one. There is no fsync: storage survives the process, not a power cut.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAddress, type SocketAddress } from './address.js';

export interface StorageCodec<Storage> {
  encode(storage: Storage): string;
  /** Throws when the text is not a storage value. */
  decode(text: string): Storage;
}

export function jsonStorageCodec<Storage>(): StorageCodec<Storage> {
  return { encode: (s) => JSON.stringify(s), decode: (t) => JSON.parse(t) as Storage };
}

export const storageFileName = (address: SocketAddress): string => `${formatAddress(address)}.storage`;

export class StorageDirectory<Storage> {
  constructor(
    readonly dir: string,
    private readonly codec: StorageCodec<Storage>,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  path(address: SocketAddress): string {
    return join(this.dir, storageFileName(address));
  }

  save(address: SocketAddress, storage: Storage): void {
    const path = this.path(address);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, this.codec.encode(storage));
    renameSync(temporary, path);
  }

  /** The saved storage; undefined when there is none. A file that does not decode is an error. */
  load(address: SocketAddress): Storage | undefined {
    let text: string;
    try {
      text = readFileSync(this.path(address), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return this.codec.decode(text);
    } catch (error) {
      throw new Error(`${this.path(address)}: not a storage file (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
