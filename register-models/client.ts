/**
 * The register client of §3.2: it writes `putCount` times, then reads once, then stops, one
 * request at a time. Client `i` (actor id `i`, `k = i − serverCount`) writes `'A' + k` first and
 * `'Z' − k` afterwards; request `n` (counting from 1) has id `n · i`, and goes to server
 * `(i + n − 1) mod serverCount`. A reply is accepted only when its request id is the awaited one;
 * anything else is a no-op (which unordered networks ignore).
 */
import type { Actor, Id } from '../src/actor/index.js';
import { get, put, type RegisterMsg, type RequestId, type RegisterValue } from './messages.js';

/** `[awaiting, opCount]`: the request id awaited (null: none), and how many requests were sent. */
export type ClientState = readonly [awaiting: RequestId | null, opCount: number];

export interface ClientOptions {
  /** Writes before the final read. Stateright's examples use 1. */
  readonly putCount: number;
  readonly serverCount: number;
  /**
   * Read once before the writes too (default false): a session then reads, writes and reads
   * again, which causal-consistency violations need (a write that causally follows a read).
   */
  readonly readFirst?: boolean;
}

export function registerClient(options: ClientOptions): Actor<ClientState, RegisterMsg> {
  const { putCount, serverCount } = options;
  const readFirst = options.readFirst ?? false;
  /** Requests before the final read: the writes, and the first read with `readFirst`. */
  const leading = putCount + (readFirst ? 1 : 0);
  const valueOf = (id: Id, first: boolean): RegisterValue => String.fromCharCode(first ? 65 + id - serverCount : 90 - (id - serverCount));
  return {
    onStart(id, _storage, out) {
      if (id < serverCount) throw new RangeError(`client id ${id} must not be below the server count ${serverCount}`);
      if (readFirst) {
        out.send(id % serverCount, get(id));
        return [id, 1];
      }
      if (putCount === 0) return [null, 0];
      out.send(id % serverCount, put(id, valueOf(id, true)));
      return [id, 1];
    },
    onMsg(id, state, _src, msg, out) {
      // Indexing, not destructuring: array destructuring here allocated an iterator per delivery.
      const awaiting = state[0];
      const opCount = state[1];
      if (awaiting === null || !('requestId' in msg) || msg.requestId !== awaiting) return;
      if (msg.type === 'GetOk' && !(readFirst && opCount === 1)) return [null, opCount + 1];
      // The reply's kind is not checked against the request's (as in Stateright): only its id.
      if (msg.type !== 'PutOk' && msg.type !== 'PutFail' && msg.type !== 'GetOk') return;
      const requestId = (opCount + 1) * id;
      const server = (id + opCount) % serverCount;
      const first = readFirst && opCount === 1;
      out.send(server, opCount < leading ? put(requestId, valueOf(id, first)) : get(requestId));
      return [requestId, opCount + 1];
    },
  };
}

/**
 * A client's state in words. `opCount` is Stateright's `op_count`, kept as it is because the state
 * counts are pinned to Stateright's: it counts the requests sent while one is awaited, and one more
 * once the final reply is accepted (so a client that wrote once and read once holds 3).
 */
export function describeClientState(state: ClientState): string {
  const awaiting = state[0];
  const opCount = state[1];
  const requests = (n: number): string => `${n} request${n === 1 ? '' : 's'}`;
  if (awaiting !== null) return `awaits the reply to request ${awaiting} (${requests(opCount)} sent)`;
  return opCount === 0 ? 'idle, no request sent' : `done, ${requests(opCount - 1)} sent and answered`;
}
