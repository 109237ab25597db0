/**
 * The messages, timers and durable storage of the Raft key-value store (stores/raft-server.ts),
 * and their text form for the checker's paths and the Explorer.
 */
import type { Id } from '../src/actor/index.js';
import { describeKvOp, type KvOp, type KvResult } from './kv-ops.js';

/** A log entry: a client's operation, tagged with the term of the leader that appended it. */
export interface Entry {
  readonly term: number;
  readonly client: Id;
  /** The client's sequence number for the operation (1, 2, …): with `client`, its identity. */
  readonly seq: number;
  readonly op: KvOp;
}

export type RaftMsg =
  /** A candidate asks for a vote, describing how up to date its log is. */
  | { readonly type: 'RequestVote'; readonly term: number; readonly lastIndex: number; readonly lastTerm: number }
  | { readonly type: 'Vote'; readonly term: number; readonly granted: boolean }
  /** The leader's entries after `prevIndex` (whose term is `prevTerm`); empty as a heartbeat. */
  | {
      readonly type: 'AppendEntries';
      readonly term: number;
      readonly prevIndex: number;
      readonly prevTerm: number;
      readonly entries: readonly Entry[];
      readonly commit: number;
    }
  /** On success `index` is the last index the follower now matches; on failure, a hint where to retry from. */
  | { readonly type: 'Appended'; readonly term: number; readonly success: boolean; readonly index: number }
  | { readonly type: 'Request'; readonly seq: number; readonly op: KvOp }
  | { readonly type: 'Reply'; readonly seq: number; readonly result: KvResult }
  /** A server that is not the leader answers a request with the leader it knows of (null: none). */
  | { readonly type: 'NotLeader'; readonly seq: number; readonly leader: Id | null };

/** Message names in declaration order (they fix the order of the checker's actions). */
export const RAFT_MESSAGE_VARIANTS = ['RequestVote', 'Vote', 'AppendEntries', 'Appended', 'Request', 'Reply', 'NotLeader'] as const;

/** Servers: `election` (followers and candidates), `heartbeat` (leaders). Clients: `retry`. */
export type RaftTimer = 'election' | 'heartbeat' | 'retry';

/** What a server keeps on stable storage: Raft's persistent state. */
export interface RaftStorage {
  readonly term: number;
  readonly votedFor: Id | null;
  readonly log: readonly Entry[];
}

const entryText = (e: Entry): string => `${e.term}:${describeKvOp(e.op)}@c${e.client}#${e.seq}`;

/** `AppendEntries(t2, after 1/t1, [2:put x "A"@c3#1], commit 1)`, `Reply(#1, "A")`. */
export function formatRaftMessage(msg: RaftMsg): string {
  switch (msg.type) {
    case 'RequestVote':
      return `RequestVote(t${msg.term}, last ${msg.lastIndex}/t${msg.lastTerm})`;
    case 'Vote':
      return `Vote(t${msg.term}, ${msg.granted ? 'granted' : 'refused'})`;
    case 'AppendEntries':
      return `AppendEntries(t${msg.term}, after ${msg.prevIndex}/t${msg.prevTerm}, [${msg.entries.map(entryText).join(', ')}], commit ${msg.commit})`;
    case 'Appended':
      return `Appended(t${msg.term}, ${msg.success ? `matches ${msg.index}` : `retry after ${msg.index}`})`;
    case 'Request':
      return `Request(#${msg.seq}, ${describeKvOp(msg.op)})`;
    case 'Reply':
      return `Reply(#${msg.seq}, ${JSON.stringify(msg.result)})`;
    case 'NotLeader':
      return `NotLeader(#${msg.seq}, leader ${msg.leader === null ? 'unknown' : msg.leader})`;
  }
}

export function formatLog(log: readonly Entry[]): string {
  return `[${log.map(entryText).join(', ')}]`;
}
