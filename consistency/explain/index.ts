/** consistency/explain/: minimal failing sub-histories and explanations of violations in words. */
export { minimizeHistory, quickXplain, coreHistory } from './minimal-core.js';
export { weaken, weakenOutside } from './weaken.js';
export { findContext } from './context.js';
export type { CoreContext, Rescuer } from './context.js';
export type { MinimalCore, MinimalCoreOptions } from './minimal-core.js';
export { findDeadEnds } from './dead-ends.js';
export type { DeadEnd, DeadEndSearch } from './dead-ends.js';
export { explainInWords, describeOp } from './explain-in-words.js';
export type { WordsOptions } from './explain-in-words.js';
export { mustPrecede, reducedPrecedence } from './precedence.js';
export { explainViolation, explainCore, partitionOf } from './explain.js';
export type { Explanation, ExplainOptions } from './explain.js';
