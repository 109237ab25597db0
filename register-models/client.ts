/**
 * The register client (§3.2), written once for the model and for real runs: it issues the
 * workload's operations one at a time and records each through `out.record`. Operation `n`
 * (counting from 0) of client `i` (actor id `i`, index `k = i − serverCount`) has request id
 * `(n + 1) · i` and goes to server `(i + n) mod serverCount`. A reply is accepted only when its
 * request id is the awaited one; anything else is a no-op (which unordered networks ignore).
 *
 * With a timeout, an unanswered request is given up when its timer fires: the operation is
 * recorded as `info` (it may or may not have taken effect) and the client goes on with its next
 * operation at the next server (failover). Without one (Stateright's examples) a client waits
 * for ever, and the model has no timeout actions.
 *
 * {@link staterightWorkload} is Stateright's workload: client `k` writes `'A' + k`, then
 * `'Z' − k` for each further write, then reads once.
 */
import type { Actor, Id, Out } from '../src/actor/index.js';
import type { SystemContext } from '../src/system/system.js';
import type { Workload } from '../src/system/workload.js';
import { get, put, type RegisterMsg, type RequestId } from './messages.js';

/** `[awaiting, opCount]`: the request id awaited (null: none), and how many requests were sent. */
export type ClientState = readonly [awaiting: RequestId | null, opCount: number];

/** The client's one timer: the awaited request's timeout. */
export type ClientTimer = 'request timeout';

export interface ClientOptions {
  /** Writes before the final read. Stateright's examples use 1. */
  readonly putCount: number;
  /**
   * Read once before the writes too (default false): a session then reads, writes and reads
   * again, which causal-consistency violations need (a write that causally follows a read).
   */
  readonly readFirst?: boolean;
}

/** Stateright's register workload for clients numbered from 0 (see the file's comment). */
export function staterightWorkload(options: ClientOptions): Workload {
  const { putCount } = options;
  const readFirst = options.readFirst ?? false;
  const leading = putCount + (readFirst ? 1 : 0);
  return {
    operations: putCount === 0 ? 0 : leading + 1,
    writeRatio: putCount / (leading + 1),
    keys: 1,
    seed: 0,
    operation(k, n) {
      if (putCount === 0 || n > leading) return undefined;
      if (n === leading || (readFirst && n === 0)) return { f: 'read', key: 0, value: null };
      const first = n === (readFirst ? 1 : 0);
      return { f: 'write', key: 0, value: String.fromCharCode(first ? 65 + k : 90 - k) };
    },
  };
}

export function registerClient(context: Pick<SystemContext, 'servers' | 'workload' | 'timeoutMs'>): Actor<ClientState, RegisterMsg, ClientTimer> {
  const { servers: serverCount, workload, timeoutMs } = context;
  const timeout: readonly [number, number] | undefined = timeoutMs === undefined ? undefined : [timeoutMs, timeoutMs];

  /** Sends operation `n`, or stops when the workload has no more. */
  const issue = (id: Id, n: number, out: Out<RegisterMsg, ClientTimer>): ClientState => {
    const op = workload.operation(id - serverCount, n);
    if (op === undefined) return [null, n];
    const requestId = (n + 1) * id;
    const server = (id + n) % serverCount;
    out.send(server, op.value === null ? get(requestId) : put(requestId, op.value));
    out.record({ type: 'invoke', f: op.f, value: op.value });
    if (timeout !== undefined) out.setTimer('request timeout', timeout);
    return [requestId, n + 1];
  };

  return {
    onStart(id, _storage, out) {
      if (id < serverCount) throw new RangeError(`client id ${id} must not be below the server count ${serverCount}`);
      return issue(id, 0, out);
    },
    onMsg(id, state, _src, msg, out) {
      // Indexing, not destructuring: array destructuring here allocated an iterator per delivery.
      const awaiting = state[0];
      if (awaiting === null || !('requestId' in msg) || msg.requestId !== awaiting) return;
      // The reply's kind is not checked against the request's (as in Stateright): only its id.
      if (msg.type === 'GetOk') out.record({ type: 'ok', value: msg.value });
      else if (msg.type === 'PutOk') out.record({ type: 'ok', value: null });
      else if (msg.type === 'PutFail') out.record({ type: 'fail' });
      else return;
      if (timeout !== undefined) out.cancelTimer('request timeout');
      return issue(id, state[1], out);
    },
    onTimeout(id, state, _timer, out) {
      if (state[0] === null) return;
      out.record({ type: 'info' });
      return issue(id, state[1], out);
    },
  };
}

/**
 * A client's state in words: `opCount` counts the requests sent. A done client had each of them
 * answered, or (with a timeout) gave up on some, which its history records as unknown.
 */
export function describeClientState(state: ClientState): string {
  const awaiting = state[0];
  const opCount = state[1];
  const requests = (n: number): string => `${n} request${n === 1 ? '' : 's'}`;
  if (awaiting !== null) return `awaits the reply to request ${awaiting} (${requests(opCount)} sent)`;
  return opCount === 0 ? 'idle, no request sent' : `done, ${requests(opCount)} sent and answered`;
}
