/**
 * src/system/: a protocol as a module the tools run (model, explore, serve, load): the system
 * module interface, message schemas, workloads, and the model a system becomes. Other files in
 * this folder are internal.
 */
export type { Fields, Variant, Variants, DeepReadonly, MessageOf, MessageType } from './messages.js';
export { MessageSchema, messages, positional, named, internal, nat, actorId, nullable } from './messages.js';
export { Type } from '@sinclair/typebox';
export type { Static, TSchema } from '@sinclair/typebox';
export type { WorkloadOperation, WorkloadSettings, Workload } from './workload.js';
export { randomWorkload } from './workload.js';
export type {
  ConsistencyLevel,
  ConsistencySpec,
  SystemSettings,
  SystemDefaults,
  SystemContext,
  SystemModelState,
  ClientHistory,
  SystemModule,
  AnySystem,
} from './system.js';
export { CONSISTENCY_LEVELS, defineSystem, isSystemModule, clientIndex, systemSettings } from './system.js';
export { SystemModel, systemContext } from './model.js';
export { persistentServer } from './persistent.js';
export type { SystemSpec } from './load-system.js';
export { loadSystem, parseSystemArgs } from './load-system.js';
export type { ClientLoadOptions } from '../runtime/client-load.js';
export { runSystemClients } from '../runtime/client-load.js';
