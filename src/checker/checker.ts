/**
 * The entry point of model checking: `check(model, options)`.
 */
import type { Model } from './model.js';
import { resolveOptions, type ModelCheckOptions } from './options.js';
import { ModelCheckResult } from './result.js';
import { search } from './search.js';
import { simulate } from './simulation.js';

/**
 * Explores `model` with the chosen strategy (default BFS) and returns counts and discoveries.
 * Single-threaded; counts match Stateright 0.31 with one checker thread.
 */
export function check<State, Action>(
  model: Model<State, Action>,
  options: ModelCheckOptions<State> = {},
): ModelCheckResult<State, Action> {
  const properties = model.properties();
  const opts = resolveOptions(model, properties, options);
  const started = Date.now();
  const outcome = opts.strategy === 'simulation' ? simulate(model, properties, opts) : search(model, properties, opts);
  return new ModelCheckResult(model, opts.strategy, properties, outcome, Date.now() - started);
}
