/**
 * The Raft key-value store as a system module (src/system/): the Raft server of
 * stores/raft-server.ts, the workload client of stores/raft-kv-client.ts, the wire schema of
 * stores/raft-wire.ts, and the key-value model (`kv`, per key, with compare-and-set) that the
 * clients' history is checked against. So the store runs wherever a user's protocol runs:
 *
 *     stateright serve raft-kv --servers 5 --storage DIR --nemesis partition-halves,kill-restart --every 5
 *     stateright load raft-kv --servers … --clients 8 --keys 4 --duration 20 --check
 *     stateright model --module dist/stores/raft-kv-store.js --export raftKvStore --max-depth 12
 *
 * The server keeps term, vote and log on stable storage itself (`ownStorage`): in the model a
 * crashed server recovers from what it saved, and for real it restarts from the same value in its
 * storage file, so the two agree on what survives a crash.
 *
 * Unlike the catalog's `raft-kv` model (stores/raft-kv-system.ts: scripted clients, bounded terms,
 * scripted starts for the broken variants), this model has the workload's clients and no bound
 * on terms: give it `--max-depth`.
 */
import { always, sometimes } from '../src/checker/index.js';
import { allEnvelopes, type Actor } from '../src/actor/index.js';
import { defineSystem, type SystemModule } from '../src/system/system.js';
import { raftKvClient, type RaftKvClientState } from './raft-kv-client.js';
import { formatLog, formatRaftMessage, type RaftMsg, type RaftTimer } from './raft-messages.js';
import { electionSafe, stateMachineSafe } from './raft-properties.js';
import { raftServer, type RaftFlaw, type RaftServerState } from './raft-server.js';
import { raftMessageSchema } from './raft-wire.js';

export interface RaftKvStoreOptions {
  /** The system's name (default `raft-kv`, or `raft-kv-<flaw>` for one flaw). */
  readonly name?: string;
  readonly flaws?: readonly RaftFlaw[];
  /** A client's resend period in ms on a real network (default 100). */
  readonly retryMs?: number;
}

export type RaftKvStore = SystemModule<RaftMsg, RaftServerState, RaftKvClientState, RaftTimer>;

/** Each flaw in words (the store's summary, and the catalog's broken variants). */
export const RAFT_FLAW_SUMMARY: Readonly<Record<RaftFlaw, string>> = {
  'commit-previous-term': "a leader commits an earlier term's entry by counting replicas (the Raft paper's Figure 8)",
  'vote-without-log-check': "votes are granted without checking that the candidate's log is up to date",
  'local-reads': 'the leader answers reads from its own copy without confirming that it still leads',
  'no-deduplication': 'requests are not de-duplicated by client and sequence number',
};

/** A server's state in words: `leader of term 2, voted for 0, log [...], committed 1, store k0="c0.0"`. */
export function describeRaftServer(x: RaftServerState): string {
  const store = x.contents.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  return `${x.role} of term ${x.term}, voted for ${x.votedFor ?? 'nobody'}, log ${formatLog(x.log)}, committed ${x.commit}${store === '' ? '' : `, store ${store}`}`;
}

/** The store, correct or with `flaws`. */
export function raftKvStoreSystem(options: RaftKvStoreOptions = {}): RaftKvStore {
  const flaws = options.flaws ?? [];
  const name = options.name ?? (flaws.length === 0 ? 'raft-kv' : `raft-kv-${flaws.join('-')}`);
  return defineSystem<RaftMsg, RaftServerState, RaftKvClientState, RaftTimer>({
    name,
    summary:
      flaws.length === 0
        ? 'a Raft key-value store (put, get, cas per key; reads through the log; clients de-duplicated by sequence number; term, vote and log on stable storage)'
        : `BROKEN Raft key-value store: ${flaws.map((f) => RAFT_FLAW_SUMMARY[f]).join('; ')}`,
    flaw: flaws.includes('local-reads')
      ? 'a leader cut off from the majority keeps answering reads from its own copy while a new leader accepts writes: its reads are stale'
      : undefined,
    messages: raftMessageSchema,
    ownStorage: true,
    // The server's storage type (term, vote, log) is its own; the interface erases it.
    server: (ctx) => raftServer({ serverCount: ctx.servers, flaws }) as unknown as Actor<RaftServerState, RaftMsg, RaftTimer>,
    client: (ctx) => raftKvClient(ctx, { retryMs: options.retryMs }),
    consistency: { model: 'kv' },
    properties: (ctx) => [
      always('election safety', (s) => electionSafe(s.actorStates, s.crashed, ctx.servers)),
      always('state machine safety', (s) => stateMachineSafe(s.actorStates, ctx.servers)),
      sometimes('value chosen', (s) => allEnvelopes(s.network).some((e) => e.msg.type === 'Reply' && typeof e.msg.result === 'string' && e.msg.result !== '')),
    ],
    defaults: { servers: 3, clients: 2, network: 'unordered-duplicating', lossy: true, maxCrashes: 1, operations: 2, keys: 1, strategy: 'bfs' },
    describeWorkload: (s) => `${s.operations} operations per client on ${s.keys} key${s.keys === 1 ? '' : 's'}`,
    formatServer: describeRaftServer,
    formatClient: ([n, seq, op, target, retries]) => (op === null ? `done after ${n} operations` : `awaits #${seq} (operation ${n}) from server ${target}${retries > 0 ? `, resent ${retries}×` : ''}`),
    formatMessage: formatRaftMessage,
  });
}

/** The correct store: `stateright serve raft-kv`, `--export raftKvStore`. */
export const raftKvStore = raftKvStoreSystem();

/** The store whose leader serves reads from its own copy (stale reads under a partition). */
export const raftKvLocalReadsStore = raftKvStoreSystem({ flaws: ['local-reads'] });

/** The stores `serve` and `load` know by name. */
export const STORE_SYSTEMS = [raftKvStore, raftKvLocalReadsStore] as const;
