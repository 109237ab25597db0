/**
 * Builds a bundled model from its name and size settings: the factory `stateright explore` gives
 * the Explorer's worker thread, which builds its own copy of the model (see src/explorer/worker-check.ts).
 */
import type { Model } from '../src/checker/index.js';
import { findModel, type SizeSettings } from './model-catalog.js';

export interface CatalogModelArgs {
  readonly name: string;
  readonly settings: SizeSettings;
}

export function buildCatalogModel(args: CatalogModelArgs): Model<unknown, unknown> {
  const entry = findModel(args.name);
  if (entry === undefined) throw new Error(`unknown model ${JSON.stringify(args.name)}`);
  return entry.build(args.settings).model;
}
