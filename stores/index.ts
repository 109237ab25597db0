/**
 * stores/: replicated key-value stores written as actors (a Raft store today), with their
 * clients, a model of the whole system for the checker, and the consistency model their
 * clients' histories are checked against. Other files in this folder are internal.
 */
export type { KvOp, KvResult, KvContents } from './kv-ops.js';
export { INITIAL_VALUE, applyKvOp, kvCasModel, describeKvOp } from './kv-ops.js';
export type { Entry as RaftEntry, RaftMsg, RaftTimer, RaftStorage } from './raft-messages.js';
export { RAFT_MESSAGE_VARIANTS, formatRaftMessage } from './raft-messages.js';
export type { RaftFlaw, RaftServerOptions, RaftServerState, Role as RaftRole, Session as RaftSession } from './raft-server.js';
export { RAFT_FLAWS, raftServer } from './raft-server.js';
export type { RaftClientOptions, RaftClientState } from './raft-client.js';
export { raftClient } from './raft-client.js';
export { StoreHistory, StoreHistoryRecorder, type StoreTester } from './store-history.js';
export type { RaftKvOptions, RaftKvState, RaftKvAction, RaftKvActorState } from './raft-kv-system.js';
export { DEFAULT_WORKLOAD, RaftKvSystem, raftKvSystem } from './raft-kv-system.js';
export type { RaftVariant } from './raft-kv-variants.js';
export { RAFT_BROKEN_VARIANTS } from './raft-kv-variants.js';
export type { DescribedModel } from './scenario.js';
export { followScript } from './scenario.js';
export type { RaftKvClientState, RaftKvClientOptions, SeenValues } from './raft-kv-client.js';
export { raftKvClient, keyName } from './raft-kv-client.js';
export { raftMessageSchema } from './raft-wire.js';
export type { RaftKvStoreOptions, RaftKvStore } from './raft-kv-store.js';
export { raftKvStoreSystem, raftKvStore, raftKvLocalReadsStore, STORE_SYSTEMS, RAFT_FLAW_SUMMARY, describeRaftServer } from './raft-kv-store.js';
