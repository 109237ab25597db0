/** consistency/testers/: persistent linearizability and sequential-consistency testers that record a history as it happens. */
export { ConsistencyTester, LinearizabilityTester, SequentialConsistencyTester } from './consistency-tester.js';
export type { SerializedStep } from './consistency-tester.js';
export { TesterEntry } from './tester-entry.js';
export type { ThreadId } from './tester-entry.js';
