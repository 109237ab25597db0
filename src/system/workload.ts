/**
 * What clients ask for: operation `n` of client `c` is a pure function of the workload's options
 * and seed, so a client actor stays a pure handler (the model checker replays it at will) and
 * a real run with the same seed asks for the same operations.
 */

/** One operation a client should issue. */
export interface WorkloadOperation {
  readonly f: 'read' | 'write';
  /** The key (0 with one key; keyed systems record it). */
  readonly key: number;
  /** The value to write, unique to this write in the run; null for a read. */
  readonly value: string | null;
}

export interface WorkloadSettings {
  /** Operations per client; `Infinity` for a real run bounded by time. */
  readonly operations: number;
  /** Probability that an operation is a write. */
  readonly writeRatio: number;
  /** How many keys operations spread over (1: a single register). */
  readonly keys: number;
  readonly seed: number;
}

export interface Workload extends WorkloadSettings {
  /** Operation `n` (from 0) of client `client` (from 0); undefined once the client is done. */
  operation(client: number, n: number): WorkloadOperation | undefined;
}

/** A 32-bit mix of three integers (murmur3's finaliser), uniform enough to pick operations. */
function mix(a: number, b: number, c: number): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Writes with probability `writeRatio`, else reads, each on a key drawn uniformly; a write's
 * value (`c<client>.<n>`) is unique to the run, so a read names the one write it saw.
 */
export function randomWorkload(options: WorkloadSettings): Workload {
  const { operations, writeRatio, keys, seed } = options;
  if (!(operations >= 0)) throw new RangeError(`operations per client must be 0 or more (got ${operations})`);
  if (!(writeRatio >= 0 && writeRatio <= 1)) throw new RangeError(`the write ratio must be between 0 and 1 (got ${writeRatio})`);
  if (!(Number.isInteger(keys) && keys >= 1)) throw new RangeError(`keys must be a positive integer (got ${keys})`);
  return {
    ...options,
    operation(client, n) {
      if (n >= operations) return undefined;
      const write = mix(seed, client, 2 * n) / 2 ** 32 < writeRatio;
      const key = keys === 1 ? 0 : mix(seed, client, 2 * n + 1) % keys;
      return { f: write ? 'write' : 'read', key, value: write ? `c${client}.${n}` : null };
    },
  };
}
