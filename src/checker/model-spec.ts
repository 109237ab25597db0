/**
 * Naming a model so that a worker thread can load it: models are code, so each worker imports the
 * module and builds its own copy. Internal except for the {@link ModelSpec} type.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import type { Model } from './model.js';

/**
 * Where a worker finds the model: a module (a path, absolute or relative to the current
 * directory, or a `file:` URL) and the name of one of its exports, which is either
 * - a model object (anything with `initStates`, `actions`, `nextState` and `properties`),
 * - a class, constructed with `args`, or
 * - a function returning a model (or a promise of one), called with `args`.
 * `args` must survive `structuredClone` (numbers, strings, plain objects, arrays...).
 *
 * ```ts
 * // my-model.ts
 * export function counter(limit: number): Model<number, 'inc'> { ... }
 * // elsewhere
 * await checkInWorkers({ module: './dist/my-model.js', export: 'counter', args: [1000] }, { workers: 2 });
 * ```
 */
export interface ModelSpec {
  readonly module: string;
  readonly export: string;
  readonly args?: readonly unknown[];
}

/** A model as workers load it: it may also carry a symmetry `representative`. */
export type LoadedModel<State, Action> = Model<State, Action> & { representative?(state: State): unknown };

export function moduleUrl(spec: ModelSpec): string {
  const m = spec.module;
  if (m.startsWith('file:') || m.startsWith('data:')) return m;
  return pathToFileURL(isAbsolute(m) ? m : resolve(m)).href;
}

export class ModelSpecError extends Error {
  override name = 'ModelSpecError';
}

export async function loadModel<State, Action>(spec: ModelSpec): Promise<LoadedModel<State, Action>> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(moduleUrl(spec))) as Record<string, unknown>;
  } catch (error) {
    throw new ModelSpecError(`cannot load model module ${spec.module}: ${(error as Error).message}`);
  }
  if (!(spec.export in mod)) {
    const names = Object.keys(mod).sort().join(', ');
    throw new ModelSpecError(`${spec.module}: no export named "${spec.export}"; its exports: ${names === '' ? 'none' : names}`);
  }
  const value = mod[spec.export];
  const args = spec.args ?? [];
  let model: unknown = value;
  if (typeof value === 'function') {
    const isClass = /^class\b/.test(Function.prototype.toString.call(value));
    // A function may build its model asynchronously (e.g. after importing a user's module).
    model = isClass ? new (value as new (...a: unknown[]) => unknown)(...args) : await (value as (...a: unknown[]) => unknown)(...args);
  }
  if (!isModel(model)) {
    throw new ModelSpecError(
      `${spec.module}: export "${spec.export}" is not a model, a model class or a function returning a model ` +
        '(a model has initStates, actions, nextState and properties methods)',
    );
  }
  return model as LoadedModel<State, Action>;
}

function isModel(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return ['initStates', 'actions', 'nextState', 'properties'].every((k) => typeof m[k] === 'function');
}
