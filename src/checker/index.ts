/**
 * The model checker's public surface. Other files in this folder are internal.
 */
export type { Model, StateCodec, StateSerializer } from './model.js';
export type { Expectation, Property } from './property.js';
export { always, sometimes, eventually, leadsTo, alwaysEventually } from './property.js';
export type { LivenessMode } from './liveness-check.js';
export type { FairClassKey } from './liveness-graph.js';
export type { ModelCheckOptions, FinishWhen, CheckerProgress, Strategy, Visit } from './options.js';
export { check } from './checker.js';
export { ModelCheckResult } from './result.js';
export { Path, PathReplayError, replayPath, decodePath } from './path.js';
export type { Fingerprintable, Prefingerprinted } from './fingerprint.js';
export { fingerprint, fingerprintInto, sameValue, collisionProbability } from './fingerprint.js';
export { formatProgress, stderrProgress } from './progress.js';
export { seededRandom } from './simulation.js';
export { checkInWorkers, type WorkerCheckOptions } from './parallel-check.js';
export { type ModelSpec, ModelSpecError } from './model-spec.js';
export { LocalFacts, SharedFacts, workerSharedFacts, type Facts } from './shared-facts.js';
