/**
 * The entry points of model checking: `check(model, options)` on the calling thread, and
 * `checkInWorkers(spec, options)` (parallel-check.ts) on worker threads.
 *
 * Design, one thread (search.ts). Stateright's block loop over a FIFO (BFS) or a stack (DFS).
 * The visited set holds only 64-bit fingerprints, in an open-addressing table (8 bytes a slot at
 * a load between 3/8 and 3/4: 10.7–21.3 bytes per visited state). DFS jobs carry their path as a
 * linked list of (parent, action index) nodes that lives only as long as a pending job or a
 * discovery points at it; BFS keeps a parent record per state (parent id and action index, 8
 * bytes, in fixed-size chunks) to rebuild shortest paths. Queued jobs hold their state, or, when
 * the model has a `stateCodec`, its encoding in a few words (encoded-queue.ts). A codec that is
 * `canonical` also stands in for the state in its fingerprint (state-fingerprint.ts). Regenerating a
 * queued state from its parent instead was considered and rejected: the parents must then stay
 * alive until their children are dequeued, which holds about one level of states either way,
 * and it costs a second `nextState` per state.
 *
 * Design, workers. Models are code, so every worker loads the model itself from a module and an
 * export name (a `ModelSpec`); states never cross threads, and work moves between threads as
 * batches (slices of pops, jobs as paths to replay, typed arrays of parent links).
 * - The visited set is shared: a `SharedArrayBuffer` table of fingerprints, inserted lock-free
 *   with `Atomics.compareExchange` on the first word of a slot (shared-table.ts). It grows, ×2,
 *   between slices while every worker is idle. A worker gathers all successors of a state with
 *   their fingerprints before looking any up, and first reads their home slots in one pass, so
 *   that their cache misses overlap instead of queueing behind one another (successors.ts).
 * - BFS runs level by level (parallel-bfs.ts). Each new state is claimed with the id of its
 *   parent, the smallest id winning by compare-and-swap, so it ends up with the parent the single
 *   thread would have given it. The coordinator numbers the next level in the single thread's
 *   order, by parent and then action: a parent's survivors all sit in one worker's list, so a
 *   count per parent gives their first id. Counts, depth, verdicts and discoveries equal the
 *   single thread's. A worker keeps the states it claimed, so at each level's end the coordinator
 *   evens the workers' shares out by moving states as paths, which the receiver replays.
 * - A worker has up to two slices queued, so it never waits for the coordinator between slices.
 * - Models may share derived facts between workers (shared-facts.ts): the register harness
 *   shares its consistency verdicts, which each worker would otherwise compute again.
 * - DFS gives each worker its own stack (parallel-dfs.ts); idle workers receive the oldest jobs
 *   of the busiest as paths. The visited set and generated count of a complete run, and the
 *   always/sometimes verdicts, equal the single thread's; the depth and eventually verdicts
 *   follow the parallel stack order.
 * - Simulation runs independent seeded walks on each worker, sharing what has been discovered.
 * - Stop rules (finish policy, target state count, timeout) are checked after each slice, as the
 *   single thread checks them after each block; progress lines sum the workers' counts.
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
