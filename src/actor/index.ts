/**
 * The actor framework's public surface. Other files in this folder are internal.
 */
export type { Id, Actor, Command, OperationEvent } from './actor.js';
export type { PartlyIdentified } from './canonical.js';
export { Out, majority, peers } from './actor.js';
export type { ActorAction } from './action.js';
export { formatActorAction } from './action.js';
export type { Comparator } from './compare.js';
export { makeComparator, compareValues } from './compare.js';
export { formatValue } from './format.js';
export type { Envelope, Flow, Network, NetworkKind } from './network.js';
export { deliverable, allEnvelopes, networkSize } from './network.js';
export type { ActorModelConfig, ActorModelState, RandomEntry, StepTrace } from './model.js';
export type { HistoryCodec } from './serializer.js';
export { ActorModel } from './model.js';
export type { FairActionKind } from './fairness.js';
export { SystemState } from './system-state.js';
export type { SequenceChart, ChartLane, ChartArrow, ChartEvent } from './chart.js';
export { sequenceChart } from './chart.js';
export { ReliableLinkModel } from './link-reduction.js';
export { orderedReliableLink, isLinkState, type LinkMsg, type LinkTimer, type LinkState, type LinkStorage, type LinkOptions } from './ordered-reliable-link.js';
