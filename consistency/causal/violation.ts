/**
 * What a failed causal check reports: the bad pattern, the operations involved, and the chain or
 * cycle of relations between them.
 */
import type { CausalHistory } from './history.js';
import { FROM_INIT } from './history.js';
import { nextInSession } from './order.js';

export type PatternName =
  | 'ThinAirRead'
  | 'CyclicCO'
  | 'WriteCOInitRead'
  | 'WriteCORead'
  | 'CyclicCF'
  | 'WriteHBInitRead'
  | 'CyclicHB'
  | 'InitReadAfterOwnWrite'
  | 'InitReadAfterRead'
  | 'CyclicWriteOrder';

/**
 * How one operation leads to the next:
 * - `po`: later in the same session (program order, possibly several steps);
 * - `wr`: the read returned what the write wrote (reads-from);
 * - `cf`: both write the key, and a read that has the first in its causal past read the second,
 *   so every site must apply the first before the second (causal convergence);
 * - `hb`: the same, forced on the session of `because` alone (causal memory);
 * - `ar`: the write order the session guarantee forces, because of `because`.
 */
export type Relation = 'po' | 'wr' | 'cf' | 'hb' | 'ar';

export interface Step {
  readonly from: number;
  readonly to: number;
  readonly relation: Relation;
  /** For cf, hb and ar: the read that forces the order. */
  readonly because?: number;
}

export interface Violation {
  readonly pattern: PatternName;
  /** Operation indices (into the CausalHistory) involved, in order of appearance. */
  readonly core: readonly number[];
  /** The chain (or cycle, when `cyclic`) of relations between them. */
  readonly steps: readonly Step[];
  readonly cyclic: boolean;
  /** The pattern's key operations: for ThinAirRead the read; for the init reads the read and the write. */
  readonly subject: { readonly read?: number; readonly write?: number; readonly overwriter?: number };
}

/** The label of an edge `a → b` found by a graph walk. */
export type Labeller = (a: number, b: number) => Pick<Step, 'relation' | 'because'>;

/** Program order and reads-from by themselves; anything else is `other`. */
export function causalLabeller(h: CausalHistory, source: Int32Array, other: Labeller): Labeller {
  return (a, b) => {
    if (nextInSession(h, a) === b) return { relation: 'po' };
    if (!h.isWrite[b] && source[b] === a && source[b] !== FROM_INIT) return { relation: 'wr' };
    return other(a, b);
  };
}

/** Steps along `nodes` (each an edge), with runs of program order merged into one step. */
export function stepsAlong(nodes: readonly number[], cyclic: boolean, label: Labeller): Step[] {
  const raw: Step[] = [];
  const count = cyclic ? nodes.length : nodes.length - 1;
  for (let i = 0; i < count; i++) {
    const from = nodes[i];
    const to = nodes[(i + 1) % nodes.length];
    raw.push({ from, to, ...label(from, to) });
  }
  const merged: Step[] = [];
  for (const step of raw) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.relation === 'po' && step.relation === 'po') merged[merged.length - 1] = { from: last.from, to: step.to, relation: 'po' };
    else merged.push(step);
  }
  // A cycle may start in the middle of a program-order run.
  if (cyclic && merged.length > 1 && merged[0].relation === 'po' && merged[merged.length - 1].relation === 'po') {
    const tail = merged.pop()!;
    merged[0] = { from: tail.from, to: merged[0].to, relation: 'po' };
  }
  return merged;
}

/** The operations a list of steps mentions, in order, each once (including the reads that force edges). */
export function coreOf(steps: readonly Step[], extra: readonly number[] = []): number[] {
  const seen = new Set<number>();
  const core: number[] = [];
  const add = (i: number | undefined): void => {
    if (i !== undefined && i >= 0 && !seen.has(i)) {
      seen.add(i);
      core.push(i);
    }
  };
  for (const s of steps) {
    add(s.from);
    add(s.to);
    add(s.because);
  }
  for (const i of extra) add(i);
  return core;
}
