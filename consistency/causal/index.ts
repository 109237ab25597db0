/**
 * consistency/causal/: checking histories against causal consistency (CC), causal convergence
 * (CCv), causal memory (CM) and the four session guarantees, on read/write registers and
 * key-value stores. The definitions are in history.ts (levels), patterns.ts and session.ts.
 * Exported names carry "causal" so they stay distinct beside the rest of consistency/.
 */
export { CAUSAL_LEVELS, isCausalLevel, CausalHistory } from './history.js';
export type { CausalLevel, CausalOperation } from './history.js';
export { checkCausal, checkCausalHistory } from './check.js';
export type { CausalCheckOptions, CausalResult } from './check.js';
export type { PatternName as CausalPattern, Relation as CausalRelation, Step as CausalStep, Violation as CausalViolation } from './violation.js';
export { PATTERN_TITLES as CAUSAL_PATTERN_TITLES, explainCausalViolation, causalViolationDot } from './explain.js';
export { checkRecordedClocks } from './recorded-clocks.js';
export type { ClockCheck, RecordedClock } from './recorded-clocks.js';
