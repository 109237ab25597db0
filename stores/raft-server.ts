/**
 * A Raft server (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm")
 * replicating a key-value store with `put`, `get` and `cas`:
 *
 * - election: a follower or candidate whose randomized election timer fires starts a new term
 *   and asks for votes; a server grants one vote per term, only to a candidate whose log is at
 *   least as up to date as its own (last term, then length: §5.4.1);
 * - replication: the leader sends each follower the entries from its `next` index, with the
 *   index and term of the entry before them; a follower that lacks that entry refuses and the
 *   leader backs off; a follower deletes a conflicting suffix and appends;
 * - commit: an index is committed once a majority stores it **and its entry is of the leader's
 *   own term** (§5.4.2: counting replicas of an older term's entry is unsafe, Figure 8);
 * - apply in log order; every operation, reads included, goes through the log, so a read is
 *   answered only after a majority confirmed the leader in the read's term (linearizable reads);
 * - clients are de-duplicated by (client, sequence number): an operation already applied is
 *   answered from the session table, one still in the leader's log is not appended again;
 * - a server that is not the leader answers `NotLeader` with the leader it knows of;
 * - term, vote and log are saved to stable storage before the messages that depend on them go
 *   out, and a recovering server starts from them as a follower.
 *
 * Each {@link RaftFlaw} breaks one of these rules, for the model checker to find.
 */
import { majority, Out, type Actor, type Id } from '../src/actor/index.js';
import { applyKvOp, readKey, type KvContents, type KvResult } from './kv-ops.js';
import type { Entry, RaftMsg, RaftStorage, RaftTimer } from './raft-messages.js';

export type RaftFlaw =
  /** A leader commits an entry of an earlier term once a majority stores it (Figure 8). */
  | 'commit-previous-term'
  /** A vote is granted without checking that the candidate's log is up to date. */
  | 'vote-without-log-check'
  /** The leader answers reads from its own copy without confirming it is still the leader. */
  | 'local-reads'
  /** Requests are neither de-duplicated when appended nor when applied. */
  | 'no-deduplication';

export const RAFT_FLAWS: readonly RaftFlaw[] = ['commit-previous-term', 'vote-without-log-check', 'local-reads', 'no-deduplication'];

export interface RaftServerOptions {
  readonly serverCount: number;
  readonly flaws?: readonly RaftFlaw[];
  /** Election timeout range in ms on a real network (default 150–300). */
  readonly electionMs?: readonly [number, number];
  /** Heartbeat period in ms on a real network (default 50); null: no heartbeats (see RaftKvOptions.heartbeats). */
  readonly heartbeatMs?: number | null;
  /** Most entries per AppendEntries (default 64). */
  readonly batch?: number;
}

export type Role = 'follower' | 'candidate' | 'leader';

/** A client's last applied operation and its result: `[client, seq, result]`. */
export type Session = readonly [client: Id, seq: number, result: KvResult];

export interface RaftServerState extends RaftStorage {
  readonly role: Role;
  /** The leader of the current term, when known. */
  readonly leader: Id | null;
  /** Candidate: the servers that granted their vote (sorted). */
  readonly votes: readonly Id[];
  /** Leader: per server, the next index to send it (empty otherwise). */
  readonly next: readonly number[];
  /** Leader: per server, the highest index known to be stored there (empty otherwise). */
  readonly match: readonly number[];
  readonly commit: number;
  /** The store after applying the entries up to `commit`, and the session table (sorted by client). */
  readonly contents: KvContents;
  readonly sessions: readonly Session[];
}

const termAt = (log: readonly Entry[], index: number): number => (index === 0 ? 0 : log[index - 1].term);

export function raftServer(options: RaftServerOptions): Actor<RaftServerState, RaftMsg, RaftTimer, never, RaftStorage> {
  const n = options.serverCount;
  const quorum = majority(n);
  const flaws = new Set(options.flaws ?? []);
  const electionMs = options.electionMs ?? [150, 300];
  const heartbeatMs = options.heartbeatMs === undefined ? 50 : options.heartbeatMs;
  const batch = options.batch ?? 64;
  type O = Out<RaftMsg, RaftTimer, never, RaftStorage>;

  const appendEntriesTo = (s: RaftServerState, peer: Id, out: O): void => {
    const prevIndex = s.next[peer] - 1;
    const entries = s.log.slice(prevIndex, prevIndex + batch);
    out.send(peer, { type: 'AppendEntries', term: s.term, prevIndex, prevTerm: termAt(s.log, prevIndex), entries, commit: s.commit });
  };

  const stepDown = (s: RaftServerState, term: number, leader: Id | null, out: O): RaftServerState => {
    if (s.role === 'leader' && heartbeatMs !== null) out.cancelTimer('heartbeat');
    out.setTimer('election', electionMs);
    return { ...s, term, votedFor: term > s.term ? null : s.votedFor, role: 'follower', leader, votes: [], next: [], match: [] };
  };

  const becomeLeader = (s: RaftServerState, id: Id, out: O): RaftServerState => {
    const next = new Array<number>(n).fill(s.log.length + 1);
    const match = new Array<number>(n).fill(0);
    match[id] = s.log.length;
    const leader: RaftServerState = { ...s, role: 'leader', leader: id, votes: [], next, match };
    out.cancelTimer('election');
    if (heartbeatMs !== null) out.setTimer('heartbeat', [heartbeatMs, heartbeatMs]);
    for (let peer = 0; peer < n; peer++) if (peer !== id) appendEntriesTo(leader, peer, out);
    return leader;
  };

  /** Applies the entries after `s.commit` up to `commit`, in log order; the leader answers their clients. */
  const applyUpTo = (s: RaftServerState, commit: number, out: O): RaftServerState => {
    if (commit <= s.commit) return s;
    let contents = s.contents;
    let sessions = s.sessions;
    for (let index = s.commit + 1; index <= commit; index++) {
      const { client, seq, op } = s.log[index - 1];
      const session = sessions.find((x) => x[0] === client);
      let result: KvResult;
      if (!flaws.has('no-deduplication') && session !== undefined && session[1] >= seq) {
        if (session[1] > seq) continue; // the client has moved on: nobody awaits this answer
        result = session[2];
      } else {
        const applied = applyKvOp(contents, op);
        contents = applied.contents;
        result = applied.result;
        sessions = [...sessions.filter((x) => x[0] !== client), [client, seq, result] as const].sort((a, b) => a[0] - b[0]);
      }
      if (s.role === 'leader') out.send(client, { type: 'Reply', seq, result });
    }
    return { ...s, commit, contents, sessions };
  };

  /** The leader's highest index stored on a majority that it may commit. */
  const advanceCommit = (s: RaftServerState, out: O): RaftServerState => {
    for (let index = s.log.length; index > s.commit; index--) {
      if (!flaws.has('commit-previous-term') && s.log[index - 1].term !== s.term) break;
      let stored = 0;
      for (const m of s.match) if (m >= index) stored++;
      if (stored >= quorum) return applyUpTo(s, index, out);
    }
    return s;
  };

  const onRequest = (id: Id, s: RaftServerState, client: Id, msg: Extract<RaftMsg, { type: 'Request' }>, out: O): RaftServerState | void => {
    if (s.role !== 'leader') {
      out.send(client, { type: 'NotLeader', seq: msg.seq, leader: s.leader });
      return;
    }
    if (flaws.has('local-reads') && msg.op.f === 'get') {
      out.send(client, { type: 'Reply', seq: msg.seq, result: readKey(s.contents, msg.op.key) });
      return;
    }
    if (!flaws.has('no-deduplication')) {
      const session = s.sessions.find((x) => x[0] === client);
      if (session !== undefined && session[1] >= msg.seq) {
        if (session[1] === msg.seq) out.send(client, { type: 'Reply', seq: msg.seq, result: session[2] });
        return;
      }
      for (let i = s.commit; i < s.log.length; i++) if (s.log[i].client === client && s.log[i].seq === msg.seq) return; // pending: answered on commit
    }
    // slice and push, not a spread: logs grow to tens of thousands of entries in a real run, and
    // this copy is the leader's main cost per request.
    const log = s.log.slice();
    log.push({ term: s.term, client, seq: msg.seq, op: msg.op });
    const match = s.match.slice();
    match[id] = log.length;
    const appended: RaftServerState = { ...s, log, match };
    // Followers that were caught up get the entry now; the others get it as their replies come back.
    for (let peer = 0; peer < n; peer++) if (peer !== id && s.next[peer] === log.length) appendEntriesTo(appended, peer, out);
    return advanceCommit(appended, out);
  };

  const onAppendEntries = (s: RaftServerState, src: Id, msg: Extract<RaftMsg, { type: 'AppendEntries' }>, out: O): RaftServerState => {
    if (s.role !== 'follower' || s.leader !== src) s = stepDown(s, s.term, src, out);
    else out.setTimer('election', electionMs); // the leader is alive: restart the countdown
    if (msg.prevIndex > s.log.length || termAt(s.log, msg.prevIndex) !== msg.prevTerm) {
      out.send(src, { type: 'Appended', term: s.term, success: false, index: Math.min(s.log.length, msg.prevIndex - 1) });
      return s;
    }
    let log = s.log;
    for (let i = 0; i < msg.entries.length; i++) {
      const index = msg.prevIndex + 1 + i;
      if (index <= log.length && log[index - 1].term === msg.entries[i].term) continue;
      // A conflicting entry and all that follow it go; a stale message that matches truncates nothing.
      log = log.slice(0, index - 1).concat(msg.entries.slice(i));
      break;
    }
    const last = msg.prevIndex + msg.entries.length;
    out.send(src, { type: 'Appended', term: s.term, success: true, index: last });
    return applyUpTo({ ...s, log }, Math.max(s.commit, Math.min(msg.commit, last)), out);
  };

  const onAppended = (s: RaftServerState, src: Id, msg: Extract<RaftMsg, { type: 'Appended' }>, out: O): RaftServerState | void => {
    if (s.role !== 'leader' || msg.term !== s.term) return;
    const next = s.next.slice();
    const match = s.match.slice();
    if (msg.success) {
      if (msg.index <= match[src] && msg.index + 1 <= next[src]) return; // old news
      match[src] = Math.max(match[src], msg.index);
      next[src] = Math.max(next[src], msg.index + 1);
    } else {
      next[src] = Math.max(1, Math.min(next[src] - 1, msg.index + 1));
    }
    const updated = advanceCommit({ ...s, next, match }, out);
    if (!msg.success || next[src] <= s.log.length) appendEntriesTo(updated, src, out);
    return updated;
  };

  const handle = (id: Id, s: RaftServerState, src: Id, msg: RaftMsg, out: O): RaftServerState | void => {
    if (msg.type === 'Request') return onRequest(id, s, src, msg, out);
    if (msg.type === 'Reply' || msg.type === 'NotLeader') return;
    let stepped = false;
    if (msg.term > s.term) {
      s = stepDown(s, msg.term, msg.type === 'AppendEntries' ? src : null, out);
      stepped = true;
    }
    switch (msg.type) {
      case 'RequestVote': {
        if (msg.term < s.term) {
          out.send(src, { type: 'Vote', term: s.term, granted: false });
          return stepped ? s : undefined;
        }
        const lastTerm = termAt(s.log, s.log.length);
        const upToDate = msg.lastTerm > lastTerm || (msg.lastTerm === lastTerm && msg.lastIndex >= s.log.length);
        if ((s.votedFor === null || s.votedFor === src) && (upToDate || flaws.has('vote-without-log-check'))) {
          out.setTimer('election', electionMs);
          out.send(src, { type: 'Vote', term: s.term, granted: true });
          return { ...s, votedFor: src };
        }
        return stepped ? s : undefined;
      }
      case 'Vote': {
        if (s.role !== 'candidate' || msg.term !== s.term || !msg.granted) return stepped ? s : undefined;
        const votes = s.votes.includes(src) ? s.votes : [...s.votes, src].sort((a, b) => a - b);
        return votes.length >= quorum ? becomeLeader({ ...s, votes }, id, out) : { ...s, votes };
      }
      case 'AppendEntries':
        if (msg.term < s.term) {
          out.send(src, { type: 'Appended', term: s.term, success: false, index: s.log.length });
          return stepped ? s : undefined;
        }
        return onAppendEntries(s, src, msg, out);
      case 'Appended':
        return onAppended(s, src, msg, out) ?? (stepped ? s : undefined);
    }
  };

  const startElection = (id: Id, s: RaftServerState, out: O): RaftServerState => {
    const term = s.term + 1;
    const candidate: RaftServerState = { ...s, term, votedFor: id, role: 'candidate', leader: null, votes: [id] };
    out.setTimer('election', electionMs);
    if (quorum === 1) return becomeLeader(candidate, id, out);
    const vote: RaftMsg = { type: 'RequestVote', term, lastIndex: s.log.length, lastTerm: termAt(s.log, s.log.length) };
    for (let peer = 0; peer < n; peer++) if (peer !== id) out.send(peer, vote);
    return candidate;
  };

  /** Runs a handler, then saves term, vote and log first if they changed, so that nothing sent depends on unsaved state. */
  const durably = (s: RaftServerState, out: O, run: (inner: O) => RaftServerState | void): RaftServerState | void => {
    const inner: O = new Out();
    const next = run(inner);
    if (next !== undefined && (next.term !== s.term || next.votedFor !== s.votedFor || next.log !== s.log)) {
      out.save({ term: next.term, votedFor: next.votedFor, log: next.log });
    }
    for (const c of inner.commands) out.commands.push(c);
    return next;
  };

  return {
    onStart(_id, storage, out) {
      out.setTimer('election', electionMs);
      return {
        term: storage?.term ?? 0,
        votedFor: storage?.votedFor ?? null,
        log: storage?.log ?? [],
        role: 'follower',
        leader: null,
        votes: [],
        next: [],
        match: [],
        commit: 0,
        contents: [],
        sessions: [],
      };
    },
    onMsg: (id, s, src, msg, out) => durably(s, out, (inner) => handle(id, s, src, msg, inner)),
    onTimeout(id, s, timer, out) {
      if (timer === 'election' && s.role !== 'leader') return durably(s, out, (inner) => startElection(id, s, inner));
      if (timer === 'heartbeat' && s.role === 'leader' && heartbeatMs !== null) {
        for (let peer = 0; peer < n; peer++) if (peer !== id) appendEntriesTo(s, peer, out);
        out.setTimer('heartbeat', [heartbeatMs, heartbeatMs]);
      }
    },
  };
}
