/**
 * The Raft store's client for a workload (the system module's client, stores/raft-kv-store.ts):
 * it runs the workload's operations one at a time, records each through `out.record` (invoke,
 * then ok, fail or info), and finds the leader itself:
 *
 * - operation `n` of client `k` is the workload's: a read is a `get`, a write a `put` of the
 *   workload's unique value, except every third write of a client, which is a `cas` from the
 *   value the client last saw on that key (read or wrote; the initial value when none) to the
 *   unique value. A cas that swapped is `ok`, one that did not is `fail` (it definitely changed
 *   nothing);
 * - each operation carries the next sequence number, which with the client's id is its identity
 *   for the servers' de-duplication: resending it is safe. In a real run numbering starts from
 *   the run's start time, so that a later run's client that gets an earlier client's address is
 *   not taken for it;
 * - it sends to the server it believes leads (first server `k mod servers`, then the one that
 *   answered last), follows a `NotLeader` that names a leader at once, and otherwise waits for
 *   its `retry` timer, which resends the same request to the next server (a redirect without a
 *   name comes during an election, which the wait lets finish);
 * - with a timeout (`load --timeout-ms`), an operation unanswered after that long is given up:
 *   recorded `info` (it may still take effect) and the client goes on with its next operation.
 *   The model has no durations, so there the client never gives up.
 */
import type { Actor, Id, Out } from '../src/actor/index.js';
import type { SystemContext } from '../src/system/system.js';
import { INITIAL_VALUE, type KvOp } from './kv-ops.js';
import type { RaftMsg, RaftTimer } from './raft-messages.js';

/** Per key the client has touched, the value it last saw there (sorted by key). */
export type SeenValues = readonly (readonly [key: string, value: string])[];

/**
 * `[n, seq, op, target, retries, seen]`: the workload's operation `n` in flight as `op` with
 * sequence number `seq` (op null: the client is done), sent to `target`, resent `retries` times.
 */
export type RaftKvClientState = readonly [n: number, seq: number, op: KvOp | null, target: Id, retries: number, seen: SeenValues];

export interface RaftKvClientOptions {
  /** How often an unanswered request is resent to the next server, in ms (default 100). */
  readonly retryMs?: number;
}

/** The key the workload's key number `k` names. */
export const keyName = (k: number): string => `k${k}`;

const seenOn = (seen: SeenValues, key: string): string => seen.find(([k]) => k === key)?.[1] ?? INITIAL_VALUE;

function withSeen(seen: SeenValues, key: string, value: string): SeenValues {
  if (seenOn(seen, key) === value) return seen;
  return [...seen.filter(([k]) => k !== key), [key, value] as const].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The history's form of an operation: `f`, `key` and `value` (a cas's is `[from, to]`). */
function recorded(op: KvOp): { f: string; key: string; value: string | readonly [string, string] | null } {
  switch (op.f) {
    case 'get':
      return { f: 'get', key: op.key, value: null };
    case 'put':
      return { f: 'put', key: op.key, value: op.value };
    case 'cas':
      return { f: 'cas', key: op.key, value: [op.from, op.to] };
  }
}

export function raftKvClient(context: Pick<SystemContext, 'servers' | 'workload' | 'timeoutMs' | 'runStartedMs'>, options: RaftKvClientOptions = {}): Actor<RaftKvClientState, RaftMsg, RaftTimer> {
  const { servers, workload, timeoutMs } = context;
  const retryMs = options.retryMs ?? 100;
  const retry: readonly [number, number] = [retryMs, retryMs];
  // Resends before giving up; with no timeout (the model), never.
  const maxRetries = timeoutMs === undefined ? Infinity : Math.max(1, Math.ceil(timeoutMs / retryMs));
  // 4,096 sequence numbers per millisecond of start time: a later run's numbers are above any
  // earlier run's unless one client issued more than 4,096 operations per millisecond.
  const firstSeq = context.runStartedMs === undefined ? 1 : context.runStartedMs * 4096 + 1;
  type O = Out<RaftMsg, RaftTimer>;

  /** Issues the workload's operation `n` (or ends), as sequence number `seq`. */
  const issue = (id: Id, n: number, seq: number, target: Id, seen: SeenValues, out: O): RaftKvClientState => {
    const k = id - servers;
    const next = workload.operation(k, n);
    if (next === undefined) return [n, seq, null, target, 0, seen];
    const key = keyName(next.key);
    let op: KvOp;
    if (next.value === null) op = { f: 'get', key };
    else if ((k + n) % 3 === 2) op = { f: 'cas', key, from: seenOn(seen, key), to: next.value };
    else op = { f: 'put', key, value: next.value };
    out.send(target, { type: 'Request', seq, op });
    out.record({ type: 'invoke', ...recorded(op) } as Parameters<O['record']>[0]);
    out.setTimer('retry', retry);
    return [n, seq, op, target, 0, seen];
  };

  return {
    onStart(id, _storage, out) {
      if (id < servers) throw new RangeError(`client id ${id} must not be below the server count ${servers}`);
      return issue(id, 0, firstSeq, (id - servers) % servers, [], out);
    },
    onMsg(id, state, src, msg, out) {
      const [n, seq, op, , , seen] = state;
      if (op === null) return;
      if (msg.type === 'Reply' && msg.seq === seq) {
        let nowSeen = seen;
        if (op.f === 'get' && typeof msg.result === 'string') nowSeen = withSeen(seen, op.key, msg.result);
        if (op.f === 'put') nowSeen = withSeen(seen, op.key, op.value);
        if (op.f === 'cas') nowSeen = withSeen(seen, op.key, msg.result === true ? op.to : seenOn(seen, op.key));
        if (op.f === 'cas' && msg.result !== true) out.record({ type: 'fail' });
        else out.record({ type: 'ok', value: op.f === 'get' ? msg.result : (recorded(op).value as string | string[]) });
        out.cancelTimer('retry');
        return issue(id, n + 1, seq + 1, src, nowSeen, out);
      }
      if (msg.type === 'NotLeader' && msg.seq === seq && msg.leader !== null && msg.leader !== src && msg.leader < servers) {
        out.send(msg.leader, { type: 'Request', seq, op });
        return [n, seq, op, msg.leader, state[4], seen];
      }
    },
    onTimeout(id, state, _timer, out) {
      const [n, seq, op, target, retries, seen] = state;
      if (op === null) return;
      if (retries + 1 >= maxRetries) {
        out.record({ type: 'info' });
        return issue(id, n + 1, seq + 1, (target + 1) % servers, seen, out);
      }
      const next = (target + 1) % servers;
      out.send(next, { type: 'Request', seq, op });
      out.setTimer('retry', retry);
      return [n, seq, op, next, retries + 1, seen];
    },
  };
}
