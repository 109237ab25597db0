/**
 * A client of the Raft key-value store: it runs a fixed list of operations, one at a time, each
 * with the next sequence number (1, 2, …), which is the operation's identity for de-duplication.
 * It sends an operation to the server it believes leads (at first server `k mod servers` for
 * client `k`; afterwards the server that answered last), follows `NotLeader` redirects (or tries
 * the next server when the answer names no leader), and when its retry timer fires, resends the
 * same request to the next server. A reply counts only when it carries the awaited sequence
 * number.
 */
import type { Actor, Id } from '../src/actor/index.js';
import { validateKvOp, type KvOp } from './kv-ops.js';
import type { RaftMsg, RaftTimer } from './raft-messages.js';

/** `[seq, target]`: the operation awaited (past the end of the list: done) and where it was sent. */
export type RaftClientState = readonly [seq: number, target: Id];

export interface RaftClientOptions {
  readonly serverCount: number;
  /** Per client (cycled when shorter than the client count): its operations in order. */
  readonly workload: readonly (readonly KvOp[])[];
  /** Retry period in ms on a real network (default 400); null: never retry on a timer. */
  readonly retryMs?: number | null;
}

export function raftClient(options: RaftClientOptions): Actor<RaftClientState, RaftMsg, RaftTimer, never, never> {
  const { serverCount, workload } = options;
  if (workload.length === 0) throw new RangeError('the workload needs at least one client script');
  for (const script of workload) for (const op of script) validateKvOp(op);
  const retryMs = options.retryMs === undefined ? 400 : options.retryMs;
  const retry: readonly [number, number] | null = retryMs === null ? null : [retryMs, retryMs];
  const opsOf = (id: Id): readonly KvOp[] => workload[(id - serverCount) % workload.length];
  return {
    onStart(id, _storage, out) {
      if (id < serverCount) throw new RangeError(`client id ${id} must not be below the server count ${serverCount}`);
      const target = (id - serverCount) % serverCount;
      const ops = opsOf(id);
      if (ops.length > 0) {
        out.send(target, { type: 'Request', seq: 1, op: ops[0] });
        if (retry !== null) out.setTimer('retry', retry);
      }
      return [1, target];
    },
    onMsg(id, state, src, msg, out) {
      const [seq] = state;
      const ops = opsOf(id);
      if (seq > ops.length || !('seq' in msg) || msg.seq !== seq) return;
      if (msg.type === 'Reply') {
        if (seq + 1 > ops.length) {
          if (retry !== null) out.cancelTimer('retry');
          return [seq + 1, src];
        }
        out.send(src, { type: 'Request', seq: seq + 1, op: ops[seq] });
        if (retry !== null) out.setTimer('retry', retry);
        return [seq + 1, src];
      }
      if (msg.type === 'NotLeader') {
        const target = msg.leader ?? (src + 1) % serverCount;
        out.send(target, { type: 'Request', seq, op: ops[seq - 1] });
        return [seq, target];
      }
    },
    onTimeout(id, state, _timer, out) {
      const [seq, target] = state;
      const ops = opsOf(id);
      if (seq > ops.length) return;
      const next = (target + 1) % serverCount;
      out.send(next, { type: 'Request', seq, op: ops[seq - 1] });
      if (retry !== null) out.setTimer('retry', retry);
      return [seq, next];
    },
  };
}
