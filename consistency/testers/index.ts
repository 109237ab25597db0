export { ConsistencyTester, LinearizabilityTester, SequentialConsistencyTester } from './consistency-tester.js';
export type { SerializedStep } from './consistency-tester.js';
export { TesterEntry } from './tester-entry.js';
export type { ThreadId } from './tester-entry.js';
