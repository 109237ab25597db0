/**
 * `checkCausal`: one entry point for the causal levels and the session guarantees. A
 * differentiated history has one possible source per read, and is decided in polynomial time
 * by the bad patterns. Otherwise the sources are searched: every combination of candidate
 * writes for the ambiguous reads is tried, each decided by the same patterns, within a time
 * bound and a bound on the combinations tried (the answer is then `unknown`).
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
import { CausalHistory, FREE_READ } from './history.js';
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
  // Odometer over the ambiguous reads' candidates.
  const maxChoices = options.maxChoices ?? DEFAULT_MAX_CHOICES;
  const deadline = options.timeoutMs === undefined ? Infinity : performance.now() + options.timeoutMs;
  const digit = new Int32Array(ambiguous.length);
  let first: { violation: Violation; source: Int32Array } | null = null;
  let choices = 0;
  while (true) {
    if (choices >= maxChoices) return { valid: 'unknown', level, history: h, reason: 'limit', choices };
    if ((choices & 63) === 0 && performance.now() > deadline) return { valid: 'unknown', level, history: h, reason: 'timeout', choices };
    choices++;
    const violation = decide();
    if (violation === null) return { valid: true, level, history: h, choices };
    first ??= { violation, source: source.slice() };
    let i = 0;
    for (; i < ambiguous.length; i++) {
      const v = ambiguous[i];
      const candidates = h.candidates[v]!;
      digit[i] = (digit[i] + 1) % candidates.length;
      source[v] = candidates[digit[i]];
      if (digit[i] !== 0) break;
    }
    if (i === ambiguous.length) return { valid: false, level, history: h, violation: first.violation, source: first.source, choices };
  }
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
