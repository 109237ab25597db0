/**
 * The order constraints an explanation talks about: real-time precedence for linearizability,
 * program order for sequential consistency. Shared by the words and the graphs so both always
 * draw the same edges.
 */
import type { Consistency } from '../check-result.js';
import { latestEffect, type Operation } from '../model.js';

/**
 * Must `a` come before `b` in every accepted order that contains both? Under linearizability,
 * when a's latest effect is before b's call (crashed ops never return, so they precede nothing;
 * equal stamps are concurrent, as in the engine). Under sequential consistency a process's ops
 * keep their call order.
 */
export function mustPrecede<I, O>(consistency: Consistency, a: Operation<I, O>, b: Operation<I, O>): boolean {
  if (a === b) return false;
  if (consistency === 'linearizable') return a.status !== 'fail' && latestEffect(a) < b.call;
  return a.process === b.process && a.call < b.call;
}

/**
 * Past this many core and context operations, order constraints are neither listed nor drawn:
 * the transitive reduction is cubic, and a core cut short by the time bound can hold thousands.
 */
export const MAX_EDGES_SHOWN = 60;

/** Precedence edges `[from, to]` as indices into `ops`, transitively reduced (no edge implied by two others). */
export function reducedPrecedence<I, O>(ops: readonly Operation<I, O>[], consistency: Consistency): [number, number][] {
  const n = ops.length;
  const before: boolean[][] = ops.map((a) => ops.map((b) => mustPrecede(consistency, a, b)));
  const edges: [number, number][] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (!before[a][b]) continue;
      let implied = false;
      for (let c = 0; c < n && !implied; c++) implied = before[a][c] && before[c][b];
      if (!implied) edges.push([a, b]);
    }
  }
  return edges;
}
