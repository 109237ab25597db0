/**
 * The liveness analysis for runs on worker threads. Internal.
 *
 * The workers share only a table of fingerprints, not the edges, and the analysis needs the whole
 * graph in one place (a strongly connected component spans every worker's states), so after the
 * parallel search the coordinator explores the model once more on its own thread, recording the
 * graph, and analyses it there. The single-threaded `check()` records the graph during its one
 * search instead. Both explore breadth-first with the same bounds, so both analyse the same graph
 * and report the same liveness counterexamples.
 */
import { onGraph } from './liveness-check.js';
import type { Model } from './model.js';
import type { ResolvedOptions } from './options.js';
import type { Property } from './property.js';
import { search, type SearchOutcome } from './search.js';

/** `outcome` with the liveness analysis of a breadth-first pass on this thread, when it needs one. */
export function withLivenessPass<State, Action>(
  model: Model<State, Action>,
  properties: readonly Property<State>[],
  opts: ResolvedOptions<State>,
  outcome: SearchOutcome,
): SearchOutcome {
  const live = properties.flatMap((p, i) => (onGraph(p.expectation, opts.liveness) ? [i] : []));
  if (live.length === 0 || opts.strategy === 'simulation') return outcome;
  const pass = search(model, live.map((i) => properties[i]), {
    ...opts,
    strategy: 'bfs',
    representative: undefined,
    visitor: undefined,
    onProgress: undefined,
    finished: () => false,
  });
  const analysis = pass.liveness!;
  const findings = properties.map(() => undefined) as typeof analysis.findings;
  const analysed = properties.map(() => false);
  live.forEach((i, k) => {
    findings[i] = analysis.findings[k];
    analysed[i] = true;
  });
  return { ...outcome, liveness: { findings, analysed, complete: analysis.complete && pass.complete }, livenessBytes: pass.livenessBytes };
}
