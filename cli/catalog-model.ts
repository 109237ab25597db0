/**
 * The catalog's models as worker threads load them (`stateright model NAME --workers N`): each
 * worker imports this module and calls {@link catalogModel} with the model's name (or the spec of
 * a user's system module) and size settings, which are plain data.
 */
import type { LoadedModel } from '../src/checker/model-spec.js';
import { loadSystem, type SystemSpec } from '../src/system/load-system.js';
import { findModel, type CatalogEntry, type SizeSettings } from './model-catalog.js';

/** A user's system module as workers load it: `args` are the spec and the size settings. */
export async function moduleCatalogModel(spec: SystemSpec, settings: SizeSettings): Promise<LoadedModel<unknown, unknown>> {
  const [{ systemEntry }, system] = await Promise.all([import('./system-entry.js'), loadSystem(spec)]);
  return wrap(systemEntry(system), settings);
}

/** The module specifier workers import (this file, built or as source). */
export const CATALOG_MODULE = import.meta.url;

/** The catalog model `name` with `settings`, carrying its symmetry representative if it has one. */
export async function catalogModel(name: string, settings: SizeSettings): Promise<LoadedModel<unknown, unknown>> {
  const entry = await findModel(name);
  if (entry === undefined) throw new Error(`unknown model ${JSON.stringify(name)}`);
  return wrap(entry, settings);
}

async function wrap(entry: CatalogEntry, settings: SizeSettings): Promise<LoadedModel<unknown, unknown>> {
  const { model, representative } = await entry.build(settings);
  return {
    initStates: () => model.initStates(),
    actions: (state, out) => model.actions(state, out),
    nextState: (state, action) => model.nextState(state, action),
    withinBoundary: model.withinBoundary ? (state) => model.withinBoundary!(state) : undefined,
    properties: () => model.properties(),
    formatAction: model.formatAction ? (action) => model.formatAction!(action) : undefined,
    formatState: model.formatState ? (state) => model.formatState!(state) : undefined,
    // Without it a liveness check on workers would take every action to be unfair.
    fairClass: model.fairClass ? (action) => model.fairClass!(action) : undefined,
    // Every optional member of Model is carried over: a dropped codec still checks correctly, just
    // slower and in more memory, so nothing but a test would notice (test/cli/catalog-model.test.ts).
    stateCodec: model.stateCodec,
    stateSerializer: model.stateSerializer,
    representative,
  };
}
