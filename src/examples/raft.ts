/**
 * Raft leader election and log replication as Stateright 0.31 writes it in its `raft` example
 * (after Kleppmann's lecture notes), ported so that it reaches the same states in the same order.
 *
 * Every server starts by sending its own id as a payload to itself (`Broadcast`); a leader appends
 * payloads to its log and replicates it, a follower forwards them to the leader it knows, and a
 * server that knows no leader buffers them. The model allows ⌊(n−1)/2⌋ servers to be crashed at once.
 *
 * This is NOT a correct Raft, on purpose: like the Rust example it keeps the current term and
 * the vote in memory only, so a server that crashes and recovers forgets that it voted, votes
 * again in the same term, and two leaders are elected in one term. "Election Safety" finds that
 * once the search is deep enough (`stateright model raft --max-depth 10`). A Raft meant to be
 * correct persists term, vote and log before answering.
 *
 * State identity is Stateright's fingerprint, with two quirks that its counts depend on:
 * - the Rust example's hand-written `Hash` leaves out the applied payloads (`delivered`) and the
 *   forwarding buffer, which are carried in the state but are not part of its identity
 *   ({@link PartlyIdentified});
 * - Stateright hashes the servers' timer sets one after the other with nothing between them, so
 *   server 0 holding {ElectionTimeout} and server 1 {ReplicationTimeout} is the same state as
 *   server 0 holding both and server 1 none (`timerIdentity: 'concatenated'`; the timers run in
 *   the order of their aHash values, ElectionTimeout 0x5175…41cf before ReplicationTimeout
 *   0x825d…fb6e, which is also their declared order).
 * In both cases the first state reached stands for the others, as in Stateright's visited set.
 * `raft check 3 6` then gives Stateright's 12,679 generated / 4,461 unique states.
 */
import { always, sometimes } from '../checker/index.js';
import { ActorModel, type Actor, type ActorModelState, type NetworkKind, type Out, type PartlyIdentified } from '../actor/index.js';

export type RaftRole = 'Follower' | 'Candidate' | 'Leader';

export interface RaftLogEntry {
  readonly term: number;
  /** Rust's `Vec<u8>`: the bytes of a decimal server id, compared as bytes (ASCII, so as a string). */
  readonly payload: string;
}

/** Messages, fields in declaration order (the order decides action order). */
export type RaftMsg =
  | { readonly type: 'VoteRequest'; readonly cid: number; readonly cterm: number; readonly clogLength: number; readonly clogTerm: number }
  | { readonly type: 'VoteResponse'; readonly voterId: number; readonly term: number; readonly granted: boolean }
  | {
      readonly type: 'LogRequest';
      readonly leaderId: number;
      readonly term: number;
      readonly prefixLen: number;
      readonly prefixTerm: number;
      readonly leaderCommit: number;
      readonly suffix: readonly RaftLogEntry[];
    }
  | { readonly type: 'LogResponse'; readonly follower: number; readonly term: number; readonly ack: number; readonly success: boolean }
  | { readonly type: 'Broadcast'; readonly payload: string };

export type RaftTimer = { readonly type: 'ElectionTimeout' } | { readonly type: 'ReplicationTimeout' };

const ELECTION: RaftTimer = { type: 'ElectionTimeout' };
const REPLICATION: RaftTimer = { type: 'ReplicationTimeout' };

/** One server's memory. Handlers copy it ({@link RaftNode.copy}) and change the copy. */
export class RaftNode implements PartlyIdentified {
  constructor(
    readonly id: number,
    public currentTerm: number,
    public votedFor: number | null,
    public log: RaftLogEntry[],
    public commitLength: number,
    public role: RaftRole,
    public currentLeader: number | null,
    /** A set, kept sorted. */
    public votesReceived: number[],
    public sentLength: number[],
    public ackedLength: number[],
    /** Payloads applied, in order: what "State Machine Safety" compares. Not part of identity. */
    public delivered: string[],
    /** Payloads waiting for a leader to be known. Not part of identity. */
    public buffer: string[],
  ) {}

  static initial(id: number, servers: number): RaftNode {
    return new RaftNode(id, 0, null, [], 0, 'Follower', null, [], new Array<number>(servers).fill(0), new Array<number>(servers).fill(0), [], []);
  }

  copy(): RaftNode {
    return new RaftNode(
      this.id,
      this.currentTerm,
      this.votedFor,
      [...this.log],
      this.commitLength,
      this.role,
      this.currentLeader,
      [...this.votesReceived],
      [...this.sentLength],
      [...this.ackedLength],
      [...this.delivered],
      [...this.buffer],
    );
  }

  identityValue(): unknown {
    return [
      this.id,
      this.currentTerm,
      this.votedFor,
      this.log,
      this.commitLength,
      this.role,
      this.currentLeader,
      this.votesReceived,
      this.sentLength,
      this.ackedLength,
    ];
  }

  lastLogTerm(): number {
    return this.log.length === 0 ? 0 : this.log[this.log.length - 1].term;
  }
}

type RaftOut = Out<RaftMsg, RaftTimer>;

/** ⌈(servers + 1) / 2⌉: the votes and acknowledgements the Rust example asks for. */
function quorum(servers: number): number {
  return Math.ceil((servers + 1) / 2);
}

function replicateLog(s: RaftNode, follower: number, out: RaftOut): void {
  const prefixLen = s.sentLength[follower];
  out.send(follower, {
    type: 'LogRequest',
    leaderId: s.id,
    term: s.currentTerm,
    prefixLen,
    prefixTerm: prefixLen > 0 ? s.log[prefixLen - 1].term : 0,
    leaderCommit: s.commitLength,
    suffix: s.log.slice(prefixLen),
  });
}

function replicateToAll(s: RaftNode, servers: number, out: RaftOut): void {
  if (s.role !== 'Leader') return;
  for (let i = 0; i < servers; i++) if (i !== s.id) replicateLog(s, i, out);
}

function drainBuffer(s: RaftNode, out: RaftOut): void {
  if (s.role !== 'Leader' || s.buffer.length === 0) return;
  for (const payload of s.buffer) out.send(s.id, { type: 'Broadcast', payload });
  s.buffer = [];
}

function deliverUpTo(s: RaftNode, length: number): void {
  for (let i = s.commitLength; i < length; i++) s.delivered.push(s.log[i].payload);
  s.commitLength = length;
}

function appendEntries(s: RaftNode, prefixLen: number, leaderCommit: number, suffix: readonly RaftLogEntry[]): void {
  if (suffix.length > 0 && s.log.length > prefixLen) {
    const index = Math.min(s.log.length, prefixLen + suffix.length) - 1;
    if (s.log[index].term !== suffix[index - prefixLen].term) s.log = s.log.slice(0, prefixLen);
  }
  if (prefixLen + suffix.length > s.log.length) s.log.push(...suffix.slice(s.log.length - prefixLen));
  if (leaderCommit > s.commitLength) deliverUpTo(s, leaderCommit);
}

function commitLogEntries(s: RaftNode, servers: number): void {
  let readyMax = 0;
  for (let length = s.commitLength + 1; length <= s.log.length; length++) {
    if (s.ackedLength.filter((acked) => acked >= length).length >= quorum(servers)) readyMax = length;
  }
  // Only an entry of the leader's own term is committed by counting (and with it those before).
  if (readyMax > 0 && s.log[readyMax - 1].term === s.currentTerm) deliverUpTo(s, readyMax);
}

function stepDown(s: RaftNode, term: number, out: RaftOut): void {
  s.currentTerm = term;
  s.role = 'Follower';
  s.votedFor = null;
  out.setTimer(ELECTION);
}

/**
 * One server. With `rearmElection`, a candidate arms its election timer again when it stands, as
 * Raft's candidates do (a split vote then leads to another election); the Rust example does not,
 * so there a split vote leaves the candidates waiting for good.
 */
export function raftServer(servers: number, rearmElection = false): Actor<RaftNode, RaftMsg, RaftTimer> {
  return {
    onStart(id, _storage, out) {
      out.setTimer(ELECTION);
      out.setTimer(REPLICATION);
      out.send(id, { type: 'Broadcast', payload: String(id) });
      return RaftNode.initial(id, servers);
    },

    // Every handler touches the state (the Rust example takes `to_mut()` first), so no delivery
    // or timeout is a no-op.
    onMsg(_id, state, _src, msg, out) {
      const s = state.copy();
      switch (msg.type) {
        case 'VoteRequest': {
          if (msg.cterm > s.currentTerm) {
            s.currentTerm = msg.cterm;
            s.role = 'Follower';
            s.votedFor = null;
          }
          const lastTerm = s.lastLogTerm();
          const logOk = msg.clogTerm > lastTerm || (msg.clogTerm === lastTerm && msg.clogLength >= s.log.length);
          let granted = false;
          if (msg.cterm === s.currentTerm && logOk && (s.votedFor === null || s.votedFor === msg.cid)) {
            s.votedFor = msg.cid;
            granted = true;
          }
          out.send(msg.cid, { type: 'VoteResponse', voterId: s.id, term: s.currentTerm, granted });
          break;
        }
        case 'VoteResponse':
          if (s.role === 'Candidate' && msg.term === s.currentTerm && msg.granted) {
            if (!s.votesReceived.includes(msg.voterId)) s.votesReceived = [...s.votesReceived, msg.voterId].sort((a, b) => a - b);
            if (s.votesReceived.length >= quorum(servers)) {
              s.role = 'Leader';
              s.currentLeader = s.id;
              drainBuffer(s, out);
              for (let i = 0; i < servers; i++) {
                if (i === s.id) continue;
                s.sentLength[i] = s.log.length;
                s.ackedLength[i] = 0;
              }
              replicateToAll(s, servers, out);
            }
          } else if (msg.term > s.currentTerm) {
            stepDown(s, msg.term, out);
          }
          break;
        case 'LogRequest': {
          if (msg.term > s.currentTerm) {
            s.currentTerm = msg.term;
            s.votedFor = null;
            out.setTimer(ELECTION);
          }
          if (msg.term === s.currentTerm) {
            s.role = 'Follower';
            s.currentLeader = msg.leaderId;
            drainBuffer(s, out);
            out.setTimer(ELECTION);
          }
          const logOk = s.log.length >= msg.prefixLen && (msg.prefixLen === 0 || s.log[msg.prefixLen - 1].term === msg.prefixTerm);
          let ack = 0;
          let success = false;
          if (msg.term === s.currentTerm && logOk) {
            appendEntries(s, msg.prefixLen, msg.leaderCommit, msg.suffix);
            ack = msg.prefixLen + msg.suffix.length;
            success = true;
          }
          out.send(msg.leaderId, { type: 'LogResponse', follower: s.id, term: s.currentTerm, ack, success });
          break;
        }
        case 'LogResponse':
          if (msg.term === s.currentTerm && s.role === 'Leader') {
            if (msg.success && msg.ack >= s.ackedLength[msg.follower]) {
              s.sentLength[msg.follower] = msg.ack;
              s.ackedLength[msg.follower] = msg.ack;
              commitLogEntries(s, servers);
            } else if (s.sentLength[msg.follower] > 0) {
              s.sentLength[msg.follower] -= 1;
              replicateLog(s, msg.follower, out);
            }
          } else if (msg.term > s.currentTerm) {
            stepDown(s, msg.term, out);
          }
          break;
        case 'Broadcast':
          if (s.role === 'Leader') {
            s.log.push({ term: s.currentTerm, payload: msg.payload });
            s.ackedLength[s.id] = s.log.length;
            replicateToAll(s, servers, out);
          } else if (s.currentLeader === null) {
            s.buffer.push(msg.payload);
          } else {
            out.send(s.currentLeader, msg);
          }
          break;
      }
      return s;
    },

    onTimeout(_id, state, timer, out) {
      const s = state.copy();
      if (timer.type === 'ReplicationTimeout') {
        replicateToAll(s, servers, out);
        return s;
      }
      if (s.role === 'Leader') return s;
      s.currentTerm += 1;
      s.votedFor = s.id;
      s.role = 'Candidate';
      s.votesReceived = [s.id];
      const request: RaftMsg = { type: 'VoteRequest', cid: s.id, cterm: s.currentTerm, clogLength: s.log.length, clogTerm: s.lastLogTerm() };
      for (let i = 0; i < servers; i++) if (i !== s.id) out.send(i, request);
      if (rearmElection) out.setTimer(ELECTION);
      return s;
    },
  };
}

/** Message and timer variants in the Rust example's declaration order (it decides action order). */
export const RAFT_VARIANT_ORDER: readonly string[] = ['VoteRequest', 'VoteResponse', 'LogRequest', 'LogResponse', 'Broadcast', 'ElectionTimeout', 'ReplicationTimeout'];

export type RaftState = ActorModelState<RaftNode, RaftMsg, undefined, RaftTimer>;

export interface RaftOptions {
  readonly servers: number;
  /** Default `unordered-nonduplicating`, as in the Rust example. */
  readonly network?: NetworkKind;
}

/** At most one leader per term. */
export function electionSafety(s: RaftState): boolean {
  const terms = new Set<number>();
  for (const node of s.actorStates) {
    if (node.role !== 'Leader') continue;
    if (terms.has(node.currentTerm)) return false;
    terms.add(node.currentTerm);
  }
  return true;
}

/** No two servers applied different payloads at the same position. */
function stateMachineSafety(s: RaftState): boolean {
  let longest = s.actorStates[0];
  for (const node of s.actorStates) if (node.delivered.length > longest.delivered.length) longest = node;
  return s.actorStates.every((node) => node.delivered.every((payload, i) => i >= longest.delivered.length || payload === longest.delivered[i]));
}

export function raftModel(opts: RaftOptions): ActorModel<RaftNode, RaftMsg, undefined, RaftTimer> {
  const n = opts.servers;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`raft needs at least 1 server (got ${n})`);
  return new ActorModel<RaftNode, RaftMsg, undefined, RaftTimer>({
    actors: Array.from({ length: n }, () => raftServer(n)),
    network: opts.network ?? 'unordered-nonduplicating',
    maxCrashes: Math.floor((n - 1) / 2),
    timerIdentity: 'concatenated',
    variantOrder: RAFT_VARIANT_ORDER,
    properties: [
      sometimes('Election Liveness', (s) => s.actorStates.some((node) => node.role === 'Leader')),
      sometimes('Log Liveness', (s) => s.actorStates.some((node) => node.commitLength > 0)),
      always('Election Safety', electionSafety),
      always('State Machine Safety', stateMachineSafety),
    ],
  });
}
