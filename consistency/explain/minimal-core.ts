/**
 * The minimal failing sub-history ("core") of an invalid history: a subset of one invalid
 * partition that is itself invalid and from which no single operation can be removed while it
 * stays invalid (1-minimal). Found with Zeller's delta debugging (ddmin), which needs far fewer
 * engine checks than removing one operation at a time when the core is small.
 */
import type { Consistency } from '../check-result.js';
import { checkHistory } from '../engine/check.js';
import type { Operation, SequentialModel } from '../model.js';

export interface MinimalCoreOptions {
  /** Stop shrinking after this many milliseconds (default 2,000) and return the smallest invalid set found. */
  readonly timeoutMs?: number;
  /** Per engine check, in distinct configurations (default 1,000,000): a check over this is treated as "not shown invalid". */
  readonly maxConfigurationsPerCheck?: number;
  /**
   * Keep only cores whose every op could take effect in some order that ignores real time
   * (default true). Without it, removing the write of 4 leaves a lone "read 4" that is trivially
   * impossible: 1-minimal, but it hides the real conflict (a stale read, a lost write). Ignored
   * when the partition itself has no such order (then no core can have one).
   */
  readonly requireOrderable?: boolean;
}

export interface MinimalCore<I, O> {
  /** The core's operations, in the order of the input history. */
  readonly ops: readonly Operation<I, O>[];
  /** Their ids (Operation.id), in the same order: the JSON form (`"core": [...]`). */
  readonly ids: readonly number[];
  /** The partition the core was taken from (null when unpartitioned). */
  readonly key: string | number | null;
  /**
   * True when removing any one op was checked to make the core valid. False when the time bound
   * cut the search short or an engine check gave up; `cutShort` then says why.
   */
  readonly minimal: boolean;
  readonly cutShort: 'timeout' | 'check-limit' | null;
  /**
   * What the core was shrunk for: `orderable` (invalid, yet some order ignoring real time or
   * program order accepts every op, so removing any one op makes it valid or leaves an op that
   * no order can explain) or `invalid` (plain 1-minimality: removing any one op makes it valid).
   */
  readonly criterion: 'orderable' | 'invalid';
  /** Engine checks run (memoised repeats not counted). */
  readonly checks: number;
  readonly elapsedMs: number;
}

type Verdict = 'invalid' | 'valid' | 'unknown';

/** Budget of one orderability check: enough for any core, far too little for a whole partition. */
const ORDERABLE_CONFIGURATIONS = 20_000;

/**
 * Shrinks `ops` (assumed invalid) to a 1-minimal invalid subset. `failing` is the engine's
 * failing op, used for a quick first cut: operations invoked after it returned cannot matter,
 * because the history up to its return is already invalid with pending ops optional.
 */
export function minimizeHistory<S, I, O>(
  ops: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  failing: Operation<I, O> | null,
  options: MinimalCoreOptions = {},
  key: string | number | null = null,
): MinimalCore<I, O> {
  const started = performance.now();
  const deadline = started + (options.timeoutMs ?? 2_000);
  const maxConfigurations = options.maxConfigurationsPerCheck ?? 1_000_000;
  const live = ops.filter((op) => op.status !== 'fail');
  const cache = new Map<string, Verdict>();
  let checks = 0;
  // Unknown answers of the orderable check are expected; only validity checks that gave up count.
  let validityUnknown = false;
  let timedOut = false;

  // Each op alone on its own process and all ops overlapping: any order is allowed.
  const unordered = live.map((op, i) => ({ ...op, process: `unordered-${i}`, call: 0, return: op.status === 'ok' ? 1 : Infinity }));
  const verdict = (subset: readonly number[], mode: 'check' | 'orderable' = 'check'): Verdict => {
    const cacheKey = `${mode}:${subset.join(',')}`;
    const cached = cache.get(cacheKey);
    if (cached) return cached;
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      timedOut = true;
      return 'unknown';
    }
    checks++;
    const result = checkHistory(
      subset.map((i) => (mode === 'check' ? live[i] : unordered[i])),
      model,
      mode === 'check' ? consistency : 'linearizable',
      { timeoutMs: remaining, maxConfigurations: mode === 'check' ? maxConfigurations : ORDERABLE_CONFIGURATIONS, stopAtFirstInvalid: true },
    );
    const v: Verdict = result.valid === true ? 'valid' : result.valid === false ? 'invalid' : 'unknown';
    if (v === 'unknown') {
      if (performance.now() >= deadline) timedOut = true;
      else if (mode === 'check') validityUnknown = true;
    }
    cache.set(cacheKey, v);
    return v;
  };

  let current = live.map((_, i) => i);
  if (failing) {
    const cut = current.filter((i) => live[i].call <= failing.return);
    if (cut.length < current.length && verdict(cut) === 'invalid') current = cut;
  }
  // Orderability ignores real time, so on large sets its search space explodes: it gets a small
  // budget and an unknown answer counts as orderable. Small sets (where ddmin ends) are decided
  // exactly, and the final core is re-checked below.
  const isOrderable = (subset: readonly number[]): boolean => verdict(subset, 'orderable') !== 'invalid';
  let start = current;
  let orderable = false;
  if (options.requireOrderable ?? true) {
    // Grow a window of the ops called last before the failing op returned until it is invalid and
    // provably orderable: ddmin then starts small, where orderability is decided exactly, instead
    // of wandering into trivially impossible subsets while the big checks answer "unknown".
    const byCall = [...current].sort((a, b) => live[a].call - live[b].call || a - b);
    for (let width = 8; width < byCall.length && !timedOut; width *= 2) {
      const window = byCall.slice(byCall.length - width).sort((a, b) => a - b);
      if (verdict(window) === 'invalid' && verdict(window, 'orderable') === 'valid') {
        start = window;
        orderable = true;
        break;
      }
    }
    if (!orderable) orderable = isOrderable(start);
  }
  const shrink = (): number[] =>
    ddmin(start, (subset) => verdict(subset) === 'invalid' && (!orderable || isOrderable(subset)), () => timedOut);
  current = shrink();
  if (orderable && verdict(current, 'orderable') !== 'valid') {
    orderable = false;
    current = shrink();
  }
  const coreOps = current.map((i) => live[i]);
  const cutShort = timedOut ? 'timeout' : validityUnknown ? 'check-limit' : null;
  return {
    ops: coreOps,
    ids: coreOps.map((op) => op.id),
    key,
    minimal: cutShort === null,
    cutShort,
    criterion: orderable ? 'orderable' : 'invalid',
    checks,
    elapsedMs: performance.now() - started,
  };
}

/**
 * ddmin over index lists: split into n chunks, keep a chunk or a complement that still fails,
 * otherwise refine the granularity. It ends at granularity = size with no failing complement,
 * which is exactly 1-minimality. Removing complements first (then single chunks) suits cores
 * that are small relative to the input.
 */
export function ddmin(items: readonly number[], fails: (subset: readonly number[]) => boolean, stop: () => boolean): number[] {
  let current = [...items];
  let n = 2;
  while (current.length >= 2 && !stop()) {
    const chunks = split(current, n);
    let reduced = false;
    for (const chunk of chunks) {
      if (chunk.length < current.length && fails(chunk)) {
        current = chunk;
        n = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      for (let k = 0; k < chunks.length && !reduced; k++) {
        const removed = new Set(chunks[k]);
        const complement = current.filter((i) => !removed.has(i));
        if (complement.length > 0 && fails(complement)) {
          current = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
        }
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(current.length, 2 * n);
    }
  }
  return current;
}

function split(items: readonly number[], n: number): number[][] {
  const chunks: number[][] = [];
  let start = 0;
  for (let k = 0; k < n; k++) {
    const end = start + Math.floor((items.length - start) / (n - k));
    if (end > start) chunks.push(items.slice(start, end));
    start = end;
  }
  return chunks;
}
