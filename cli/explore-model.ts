/**
 * Builds a catalog model from its name (or a user's system module) and size settings: the
 * factory `stateright explore` gives the Explorer's worker thread, which builds its own copy of
 * the model (see src/explorer/worker-check.ts).
 */
import type { Model } from '../src/checker/index.js';
import { loadSystem, type SystemSpec } from '../src/system/load-system.js';
import { findModel, type SizeSettings } from './model-catalog.js';

export interface CatalogModelArgs {
  /** A bundled model's name, or a user's system module. */
  readonly name: string | SystemSpec;
  readonly settings: SizeSettings;
}

export async function buildCatalogModel(args: CatalogModelArgs): Promise<Model<unknown, unknown>> {
  const entry = typeof args.name === 'string' ? await findModel(args.name) : (await import('./system-entry.js')).systemEntry(await loadSystem(args.name));
  if (entry === undefined) throw new Error(`unknown model ${JSON.stringify(args.name)}`);
  return (await entry.build(args.settings)).model;
}
