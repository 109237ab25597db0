/** consistency/: semantic models, consistency testers and the checking engine. */
export { UNKNOWN, ILLEGAL, latestEffect } from './model.js';
export type { SequentialModel, AnyModel, Growth, Operation, OperationStatus, History, Unknown, Illegal } from './model.js';
export type { Value } from './value.js';
export { valueEquals, valueHash, describeValue } from './value.js';
export type {
  CheckOptions,
  CheckProgress,
  CheckResult,
  CheckStats,
  Consistency,
  PartitionResult,
} from './check-result.js';
export { checkLinearizability, checkSequentialConsistency, checkHistory } from './engine/check.js';
export { defaultMaxMemoryBytes } from './engine/budget.js';
export * from './models/index.js';
export { VectorClock } from './vector-clock.js';
export type { ClockOrder } from './vector-clock.js';
export * from './testers/index.js';
export * from './explain/index.js';
export * from './causal/index.js';
