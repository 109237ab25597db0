/** consistency/models/: the bundled semantic models (register, CAS register, queues, set, mutex, key-value, ...) and lookup by name. */
import type { AnyModel } from '../model.js';
import type { Value } from '../value.js';
import { casRegisterModel } from './cas-register.js';
import { counterModel } from './counter.js';
import { fifoQueueModel } from './fifo-queue.js';
import { kvModel, kvStoreModel } from './kv.js';
import type { KvState } from './kv.js';
import { multiRegisterModel } from './multi-register.js';
import type { Registers } from './multi-register.js';
import { mutexModel } from './mutex.js';
import { registerModel } from './register.js';
import { setModel } from './set.js';
import { unorderedQueueModel } from './unordered-queue.js';
import { vecModel } from './vec.js';
import { writeOnceRegisterModel } from './write-once-register.js';

export const MODEL_NAMES = [
  'register',
  'cas-register',
  'write-once-register',
  'vec',
  'fifo-queue',
  'unordered-queue',
  'set',
  'mutex',
  'multi-register',
  'kv',
  'counter',
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** What each model's initial state looks like, for `--init` validation and help. */
export const MODEL_INIT_HELP: Record<ModelName, string> = {
  register: 'any value (default null)',
  'cas-register': 'any value (default null)',
  'write-once-register': 'a value, or null for "not written yet" (default)',
  vec: 'an array, bottom of the stack first (default [])',
  'fifo-queue': 'an array, head first (default [])',
  'unordered-queue': 'an array (default [])',
  set: 'an array of elements (default [])',
  mutex: 'true for held, false for free (default false)',
  'multi-register': 'an object of key to value (default {})',
  kv: 'an object of key to string (default {}; a missing key reads as "")',
  counter: 'a number (default 0)',
};

const isObject = (v: Value | undefined): v is { readonly [key: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A model by its command-line name, starting from `init` when given. Throws an Error whose
 * message says what is wrong when the initial state has the wrong shape.
 */
export function modelByName(name: ModelName, init?: Value): AnyModel {
  const wrongInit = (): never => {
    throw new Error(`--init for ${name} must be ${MODEL_INIT_HELP[name]}, got ${JSON.stringify(init)}`);
  };
  const array = (): readonly Value[] => (init === undefined ? [] : Array.isArray(init) ? (init as readonly Value[]) : wrongInit());
  switch (name) {
    case 'register':
      return registerModel(init ?? null);
    case 'cas-register':
      return casRegisterModel(init ?? null);
    case 'write-once-register':
      return writeOnceRegisterModel(init ?? null);
    case 'vec':
      return vecModel(array());
    case 'fifo-queue':
      return fifoQueueModel(array());
    case 'unordered-queue':
      return unorderedQueueModel(array());
    case 'set':
      return setModel(array());
    case 'mutex':
      return mutexModel(init === undefined ? false : typeof init === 'boolean' ? init : wrongInit());
    case 'multi-register':
      return multiRegisterModel(init === undefined ? {} : isObject(init) ? (init as Registers) : wrongInit());
    case 'kv':
      if (init !== undefined && (!isObject(init) || Object.values(init).some((v) => typeof v !== 'string'))) wrongInit();
      return kvModel({ init: init as KvState | undefined });
    case 'counter':
      return counterModel(init === undefined ? 0 : typeof init === 'number' ? init : wrongInit());
  }
}

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

export { casRegisterModel, counterModel, fifoQueueModel, kvModel, kvStoreModel, multiRegisterModel, mutexModel, registerModel, setModel };
export { unorderedQueueModel, vecModel, writeOnceRegisterModel };
export { powerSetModel } from './power-set.js';
export type { NondeterministicModel } from './power-set.js';
export type { RegisterInput, RegisterOutput } from './register.js';
export type { CasRegisterInput, CasRegisterOutput } from './cas-register.js';
export type { WriteOnceInput, WriteOnceOutput } from './write-once-register.js';
export type { VecInput, VecOutput } from './vec.js';
export type { QueueInput, QueueOutput } from './fifo-queue.js';
export type { SetInput, SetOutput } from './set.js';
export type { MutexInput, MutexOutput } from './mutex.js';
export type { MicroOp, MultiRegisterInput, MultiRegisterOutput, Registers } from './multi-register.js';
export type { KvInput, KvOutput, KvState } from './kv.js';
export type { CounterInput, CounterOutput } from './counter.js';
