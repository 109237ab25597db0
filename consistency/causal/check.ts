/**
 * `checkCausal`: one entry point for the causal levels and the session guarantees. A
 * differentiated history has one possible source per read, and is decided in polynomial time
 * by the bad patterns. Otherwise the sources are searched: the ambiguous reads' candidate writes
 * are chosen depth first, each partial choice decided by the same patterns (and abandoned with
 * all its completions when it fails), within a time bound and a bound on the choices tried (the
 * answer is then `unknown`).
 *
 * Exactness of the search: a history satisfies a level iff some choice of sources does.
 * - CC: from a causal order and its per-read serializations, let each read's source be the last
 *   write of its key before it in its own serialization; that write is in its causal past, so
 *   the same order and serializations show the relabelled (differentiated) history is CC; the
 *   converse keeps the same serializations, which return equal values.
 * - CCv: the one arbitration order fixes the source of each read the same way.
 * - CM: a read's serialization may take an earlier read of its session from another write
 *   than that read's own serialization did, so a fixed choice could in principle be too strict;
 *   the brute-force differential test checks the search on random small histories against the
 *   definition, and none has shown a difference.
 * - The session guarantees: the write order and the databases fix every read's source.
 */
import { CausalHistory, FREE_READ, FROM_INIT } from './history.js';
import type { CausalLevel, CausalOperation } from './history.js';
import { findCausalViolation } from './patterns.js';
import { findSessionViolation } from './session.js';
import type { Violation } from './violation.js';
import type { Value } from '../value.js';

export interface CausalCheckOptions {
  /** Give up after this many milliseconds (the search over sources only). */
  readonly timeoutMs?: number;
  /** Give up after trying this many choices of sources. Default 100,000. */
  readonly maxChoices?: number;
}

export type CausalResult =
  | { readonly valid: true; readonly level: CausalLevel; readonly history: CausalHistory; readonly choices: number }
  | {
      readonly valid: false;
      readonly level: CausalLevel;
      readonly history: CausalHistory;
      readonly violation: Violation;
      /** The sources under which `violation` was found (index per operation, FROM_INIT, FREE_READ). */
      readonly source: Int32Array;
      /** Combinations of sources tried: 1 for a differentiated history, 0 for a thin-air read. */
      readonly choices: number;
    }
  | { readonly valid: 'unknown'; readonly level: CausalLevel; readonly history: CausalHistory; readonly reason: 'timeout' | 'limit'; readonly choices: number };

const DEFAULT_MAX_CHOICES = 100_000;

/** Checks `operations` (in history order) against `level`; `initialValue` gives each key's initial value. */
export function checkCausal(operations: readonly CausalOperation[], level: CausalLevel, initialValue: (key: string) => Value, options: CausalCheckOptions = {}): CausalResult {
  return checkCausalHistory(new CausalHistory(operations, initialValue), level, options);
}

export function checkCausalHistory(h: CausalHistory, level: CausalLevel, options: CausalCheckOptions = {}): CausalResult {
  const source = new Int32Array(h.n).fill(FREE_READ);
  const ambiguous: number[] = [];
  for (let v = 0; v < h.n; v++) {
    const candidates = h.candidates[v];
    if (candidates === null) continue;
    if (candidates.length === 0) {
      const ownFuture = h.ownFutureCandidates[v] ?? [];
      if (ownFuture.length > 0) {
        // It can only have read a later write of its own session: a causal cycle.
        const w = ownFuture[0];
        source[v] = w;
        const steps = [
          { from: v, to: w, relation: 'po' as const },
          { from: w, to: v, relation: 'wr' as const },
        ];
        return { valid: false, level, history: h, source, choices: 0, violation: { pattern: 'CyclicCO', core: [v, w], steps, cyclic: true, subject: { read: v, write: w } } };
      }
      return { valid: false, level, history: h, source, choices: 0, violation: { pattern: 'ThinAirRead', core: [v], steps: [], cyclic: false, subject: { read: v } } };
    }
    source[v] = candidates[0];
    if (candidates.length > 1) ambiguous.push(v);
  }
  const decide = (): Violation | null => decideSources(h, source, level);
  if (ambiguous.length === 0) {
    const violation = decide();
    return violation === null ? { valid: true, level, history: h, choices: 1 } : { valid: false, level, history: h, violation, source, choices: 1 };
  }
  // Depth first over the ambiguous reads, in history order, the undecided ones left free (a free
  // read constrains nothing). Soundness of the pruning: giving a free read a source only adds
  // edges (reads-from, hence causal order, and the cf, hb and write-order edges and forced
  // databases built on it), so every bad pattern found with some reads free is still there in
  // every completion; a choice whose check fails is abandoned with all its completions.
  const maxChoices = options.maxChoices ?? DEFAULT_MAX_CHOICES;
  const deadline = options.timeoutMs === undefined ? Infinity : performance.now() + options.timeoutMs;
  const preferred = ambiguous.map((v) => preferredCandidates(h, v));
  for (const v of ambiguous) source[v] = FREE_READ;
  let choices = 1;
  const root = decide();
  if (root !== null) return { valid: false, level, history: h, violation: root, source, choices };
  let first: { violation: Violation; source: Int32Array } | null = null;
  const tried = new Int32Array(ambiguous.length).fill(-1);
  let depth = 0;
  while (depth >= 0) {
    if (depth === ambiguous.length) return { valid: true, level, history: h, choices };
    const v = ambiguous[depth];
    if (++tried[depth] >= preferred[depth].length) {
      source[v] = FREE_READ;
      tried[depth] = -1;
      depth--;
      continue;
    }
    if (choices >= maxChoices) return { valid: 'unknown', level, history: h, reason: 'limit', choices };
    if ((choices & 15) === 0 && performance.now() > deadline) return { valid: 'unknown', level, history: h, reason: 'timeout', choices };
    source[v] = preferred[depth][tried[depth]];
    choices++;
    const violation = decide();
    if (violation === null) depth++;
    else first ??= { violation, source: source.slice() };
  }
  return { valid: false, level, history: h, violation: first!.violation, source: first!.source, choices };
}

/**
 * A read's candidates in the order most likely to work: the writes before it in the file, latest
 * first (in a recorded history a read usually returns the latest write), then the initial value,
 * then the writes after it. The order only affects speed: every candidate is tried.
 */
function preferredCandidates(h: CausalHistory, read: number): number[] {
  const candidates = h.candidates[read]!;
  const before = candidates.filter((w) => w >= 0 && w < read).sort((a, b) => b - a);
  const after = candidates.filter((w) => w > read).sort((a, b) => a - b);
  return [...before, ...candidates.filter((w) => w === FROM_INIT), ...after];
}

function decideSources(h: CausalHistory, source: Int32Array, level: CausalLevel): Violation | null {
  switch (level) {
    case 'causal':
    case 'causal-convergence':
    case 'causal-memory':
      return findCausalViolation(h, source, level);
    default:
      return findSessionViolation(h, source, level);
  }
}
