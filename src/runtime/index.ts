/**
 * src/runtime/: actors on real UDP sockets (the same handler objects the model checker uses),
 * their wire codecs, a seeded fault layer, stable storage, and the register load generator that
 * records what clients observed as a history `stateright check` reads. Other files are internal.
 */
export type { SocketAddress } from './address.js';
export { AddressBook, encodeAddress, decodeAddress, formatAddress, parseAddress } from './address.js';
export type { MessageCodec, JsonMessageCodec } from './codec.js';
export { CodecError, jsonCodec, plainJsonCodec } from './codec.js';
export { linkCodec } from './link-codec.js';
export type { FaultPlan } from './faults.js';
export { FaultInjector, parseDelay } from './faults.js';
export type { StorageCodec } from './storage.js';
export { jsonStorageCodec, storageFileName } from './storage.js';
export type { RuntimeEvent, EventSink } from './events.js';
export { jsonLinesSink } from './events.js';
export type { SpawnOptions, SpawnEntry } from './spawn.js';
export { spawn, Runtime, SpawnError, MAX_DATAGRAM } from './spawn.js';
export type { ServerOptions, RunnableServer } from './system-servers.js';
export { systemServerActor } from './system-servers.js';
export type { WorkloadOptions, WorkloadSummary } from './load.js';
export { runLoad, parseServerList, formatSummary } from './load.js';
export { Nemesis, STRIKES, parseStrikes, partitionFor, majoritiesRing, grudgeOfComponents, describeGrudge, mergeNemesisOps } from './nemesis.js';
export type { Strike, Grudge, NemesisOptions, NemesisTarget } from './nemesis.js';
