/**
 * consistency/causal/: checking histories against causal consistency (CC), causal convergence
 * (CCv), causal memory (CM) and the four session guarantees, on read/write registers and
 * key-value stores. The definitions are in history.ts (levels), patterns.ts and session.ts.
 */
export { CAUSAL_LEVELS, isCausalLevel, CausalHistory, FROM_INIT, FREE_READ } from './history.js';
export type { CausalLevel, CausalOperation } from './history.js';
export { checkCausal, checkCausalHistory, describeSource } from './check.js';
export type { CausalCheckOptions, CausalResult } from './check.js';
export type { PatternName, Relation, Step, Violation } from './violation.js';
export { PATTERN_TITLES, explainCausalViolation, causalViolationDot } from './explain.js';
export { checkRecordedClocks } from './recorded-clocks.js';
export type { ClockCheck, RecordedClock } from './recorded-clocks.js';
