/**
 * The broken variants of the Raft store, each with the configuration that exposes its flaw: the
 * cluster is first brought by a short script into an ordinary situation (a leader elected, a write
 * committed), and the checker then searches every continuation. Three servers, the default
 * workload (client 3 puts x = "A" then reads x; client 4 swaps x from "A" to "B" then reads x),
 * a duplicating network, and an election schedule (which server stands in which term) keep the
 * search to seconds.
 */
import type { RaftKvOptions } from './raft-kv-system.js';
import type { RaftFlaw } from './raft-server.js';

export interface RaftVariant {
  readonly name: string;
  readonly flaw: RaftFlaw;
  /** What goes wrong, in words. */
  readonly story: string;
  /** The property the checker refutes. */
  readonly property: 'linearizable' | 'state machine safety';
  readonly options: RaftKvOptions;
}

/** Server 0 wins term 1 with server 1's vote, and commits client 3's put on itself and server 1. */
const PUT_COMMITTED_ON_0_AND_1 = [
  "server 0's election timer fires",
  'server 1 receives RequestVote(t1',
  'server 0 receives Vote(t1',
  'server 0 receives Request(#1, put',
  'server 1 receives AppendEntries(t1, after 0/t0, [1:put',
  'server 0 receives Appended(t1, matches 1)',
];

const quiet = { lossy: false, maxCrashes: 0, heartbeats: false } as const;

export const RAFT_BROKEN_VARIANTS: readonly RaftVariant[] = [
  {
    name: 'raft-kv-vote-without-log-check',
    flaw: 'vote-without-log-check',
    story:
      'server 2, whose log is empty, wins term 2 with the vote of a server that holds the committed put; ' +
      'its first entry overwrites the put, and client 3 reads the initial value after its put was acknowledged',
    property: 'linearizable',
    options: {
      ...quiet,
      clients: 1,
      electionSchedule: [0, 2],
      startAfter: [
        ...PUT_COMMITTED_ON_0_AND_1,
        'client 3 receives Reply(#1',
        'server 2 receives AppendEntries(t1, after 0/t0, []',
        "server 2's election timer fires",
        'server 1 receives RequestVote(t2',
        'server 2 receives Vote(t2',
      ],
    },
  },
  {
    name: 'raft-kv-local-reads',
    flaw: 'local-reads',
    story:
      'server 1 wins term 2 with the put of "A" in its log but not yet known to it as committed, and answers client 3\'s read ' +
      'from its own copy at once: the initial value, after the put was acknowledged by the leader of term 1',
    property: 'linearizable',
    options: {
      ...quiet,
      electionSchedule: [0, 1],
      startAfter: [...PUT_COMMITTED_ON_0_AND_1, "server 1's election timer fires", 'server 2 receives RequestVote(t2', 'server 1 receives Vote(t2'],
    },
  },
  {
    name: 'raft-kv-no-deduplication',
    flaw: 'no-deduplication',
    story:
      'the network delivers client 3\'s put of "A" to the leader a second time, after client 4\'s cas from "A" to "B" was applied; ' +
      'the leader appends and applies it again, and client 4 reads "A" after its cas succeeded',
    property: 'linearizable',
    options: {
      ...quiet,
      electionSchedule: [0],
      startAfter: [
        ...PUT_COMMITTED_ON_0_AND_1,
        'server 1 receives Request(#1, cas',
        'client 4 receives NotLeader(#1, leader 0)',
        'server 0 receives Request(#1, cas',
        'server 1 receives AppendEntries(t1, after 1/t1, [1:cas',
        'server 0 receives Appended(t1, matches 2)',
        'server 0 receives Request(#1, put',
        'server 1 receives AppendEntries(t1, after 2/t1, [1:put',
        'server 0 receives Appended(t1, matches 3)',
      ],
    },
  },
  {
    name: 'raft-kv-commit-previous-term',
    flaw: 'commit-previous-term',
    story:
      'Figure 8 of the Raft paper: server 0 leads term 1 and stores client 3\'s put alone; server 1 leads term 2 and stores client 4\'s cas alone; ' +
      'server 0 leads term 3, copies its term-1 put to server 2 and commits it by counting replicas; server 1 wins term 4 with server 2\'s vote ' +
      '(its last entry, of term 2, is newer) and overwrites the committed put with the cas',
    property: 'state machine safety',
    options: {
      ...quiet,
      electionSchedule: [0, 1, 0, 1],
      startAfter: [
        "server 0's election timer fires",
        'server 2 receives RequestVote(t1',
        'server 0 receives Vote(t1',
        'server 0 receives Request(#1, put',
        'server 1 receives RequestVote(t1',
        "server 1's election timer fires",
        'server 2 receives RequestVote(t2',
        'server 1 receives Vote(t2',
        'server 1 receives Request(#1, cas',
        'server 0 receives AppendEntries(t2, after 0/t0, []',
        "server 0's election timer fires",
        'server 2 receives RequestVote(t3',
        'server 0 receives Vote(t3',
        'server 2 receives AppendEntries(t3, after 1/t1, []',
        'server 0 receives Appended(t3, retry after 0)',
        'server 2 receives AppendEntries(t3, after 0/t0, [1:put',
        'server 0 receives Appended(t3, matches 1)',
        'server 1 receives RequestVote(t3',
        "server 1's election timer fires",
        'server 2 receives RequestVote(t4',
        'server 1 receives Vote(t4',
      ],
    },
  },
];
