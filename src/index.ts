/**
 * stateright-ts: the one public entry point. Each folder has its own entry file naming what it
 * exports; this file re-exports them.
 */
export * from '../consistency/index.js';
export * from '../histories/index.js';
export * from './checker/index.js';
export * from './actor/index.js';
export * from './render/index.js';
export * from '../register-models/index.js';
export * from '../stores/index.js';
export * from './explorer/index.js';
export * from './runtime/index.js';
export * from './system/index.js';
