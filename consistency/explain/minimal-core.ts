/**
 * The minimal core of an invalid history, by weakening: a set C of its operations such that
 * H|C (every operation outside C weakened: it may or may not have taken effect, within its own
 * interval, with any result; see weaken.ts) is still invalid, and weakening any one more
 * operation of C makes it valid (1-minimal).
 *
 * Why weakening and not removal: linearizability and sequential consistency are not monotone
 * under removal. Removing a write can create a violation the history does not have (a read of
 * a value that nobody wrote any more), and a core found that way blames operations that are fine
 * in the real history. Weakening only adds possible orders, so "H|C is invalid" is monotone in C
 * and a true statement about H: whatever the other operations did, C cannot be as recorded.
 * Shrinking over that test is therefore exact, and for a monotone test Junker's QuickXplain
 * finds a minimal set with O(k log(n/k)) engine checks for a core of k out of n operations
 * (delta debugging needs far more when the conflict is spread over a long history).
 */
import type { Consistency } from '../check-result.js';
import { checkHistory } from '../engine/check.js';
import type { Operation, SequentialModel } from '../model.js';
import { refutedFromSummary, summarisePrefix } from './prefix-summary.js';
import { weaken } from './weaken.js';

/** Histories longer than this try the prefix summary before the exact check. */
const SUMMARY_FROM = 200;

export interface MinimalCoreOptions {
  /** Stop shrinking after this many milliseconds (default 2,000) and return the smallest invalid set found. */
  readonly timeoutMs?: number;
  /**
   * Per engine check, in distinct configurations (default 5,000,000; the time bound usually ends a
   * check first): a check over this counts as "not shown invalid". Weakened appends multiply
   * states: refuting two operations of Porcupine's kv c50-bad with the other 21 weakened takes
   * about 1.8 million configurations.
   */
  readonly maxConfigurationsPerCheck?: number;
}

export interface MinimalCore<I, O> {
  /** The core's operations, as recorded, in the order of the input history. */
  readonly ops: readonly Operation<I, O>[];
  /** Their ids (Operation.id), in the same order: the JSON form (`"core": [...]`). */
  readonly ids: readonly number[];
  /** The partition the core was taken from (null when unpartitioned). */
  readonly key: string | number | null;
  /**
   * The history the core refutes, weakened outside the core: what the engine checked. Under
   * linearizability it stops at the last return of a completed core operation, since operations
   * called later can neither help nor hurt (see `coreHistory`).
   */
  readonly weakened: readonly Operation<I, O>[];
  /**
   * True when weakening any one more op was checked to make the history valid. False when the
   * time bound cut the search short or an engine check gave up; `cutShort` then says why. The
   * core is sound either way: every set the search moved to was checked invalid.
   */
  readonly minimal: boolean;
  readonly cutShort: 'timeout' | 'check-limit' | null;
  /** Engine checks run (memoised repeats not counted). */
  readonly checks: number;
  readonly elapsedMs: number;
}

type Verdict = 'invalid' | 'valid' | 'unknown';

/**
 * H|C as the engine checks it. Under linearizability, operations called after every completed
 * operation of C has returned are left out: given a witness without them, they simply did not
 * take effect; and a witness of the full H|C cut at that time is a witness without them (every
 * required operation has been placed by then). So leaving them out changes no verdict. Under
 * sequential consistency nothing is left out: real time plays no part, so a weakened operation
 * late in one process may still be ordered before everything else.
 */
export function coreHistory<I, O>(
  live: readonly Operation<I, O>[],
  kept: ReadonlySet<Operation<I, O>>,
  consistency: Consistency,
): Operation<I, O>[] {
  let horizon = -Infinity;
  for (const op of kept) if (op.status === 'ok' && op.return > horizon) horizon = op.return;
  const out: Operation<I, O>[] = [];
  for (const op of live) {
    if (consistency === 'linearizable' && op.call > horizon) continue;
    out.push(kept.has(op) ? op : weaken(op));
  }
  return out;
}

/**
 * Shrinks the invalid partition `ops` to a 1-minimal core. `failing` is the engine's failing op
 * (Knossos's `:op`): the search starts from the operations called before it returned (see
 * `startingSet` for why that set is already invalid).
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
  const maxConfigurations = options.maxConfigurationsPerCheck ?? 5_000_000;
  const live = ops.filter((op) => op.status !== 'fail');
  const cache = new Map<string, Verdict>();
  let checks = 0;
  let checkGaveUp = false;
  let timedOut = false;

  const summary = consistency === 'linearizable' && live.length > SUMMARY_FROM ? summarisePrefix(live, model) : undefined;
  /**
   * Is H|subset invalid? `exact` skips the fast refutation by prefix summary, whose "no" is
   * only "not shown" (see prefix-summary.ts): minimality is then confirmed exactly below.
   */
  const verdict = (subset: readonly number[], exact = false): Verdict => {
    const cacheKey = `${exact ? 'x' : ''}${subset.join(',')}`;
    const cached = cache.get(cacheKey);
    if (cached) return cached;
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      timedOut = true;
      return 'unknown';
    }
    // No completed op in the set: nothing is required, so the weakened history is valid.
    if (!subset.some((i) => live[i].status === 'ok')) return 'valid';
    checks++;
    const kept = new Set(subset.map((i) => live[i]));
    const weakened = coreHistory(live, kept, consistency);
    if (summary && !exact) {
      const v: Verdict = refutedFromSummary(weakened, model, consistency, summary, remaining) ? 'invalid' : 'unknown';
      cache.set(cacheKey, v);
      return v;
    }
    const result = checkHistory(weakened, model, consistency, {
      timeoutMs: remaining,
      maxConfigurations,
      stopAtFirstInvalid: true,
    });
    const v: Verdict = result.valid === true ? 'valid' : result.valid === false ? 'invalid' : 'unknown';
    if (v === 'unknown') {
      if (performance.now() >= deadline) timedOut = true;
      else checkGaveUp = true;
    }
    cache.set(cacheKey, v);
    return v;
  };

  // Grow a window of the ops called last before the failing op returned (plus the failing op)
  // until it is invalid: conflicts are usually local in time, so the shrinking then starts from a
  // few dozen operations instead of thousands. Weakening is monotone, so the first invalid window
  // is as good a start as any superset. Only when no window is shown invalid is the whole prefix
  // up to the failing op's return checked (as expensive as the original check).
  let current: number[] | null = null;
  if (failing && live.length > 16) {
    const f = live.indexOf(failing);
    const byCall = live.map((_, i) => i).filter((i) => consistency !== 'linearizable' || live[i].call <= failing.return);
    byCall.sort((a, b) => live[a].call - live[b].call || a - b);
    for (let width = 8; width < byCall.length && !timedOut; width *= 2) {
      const window = new Set(byCall.slice(byCall.length - width));
      if (f >= 0) window.add(f);
      const candidate = [...window].sort((a, b) => a - b);
      if (verdict(candidate) === 'invalid') {
        current = candidate;
        break;
      }
    }
  }
  // The prefix is checked exactly when the summary cannot refute it: starting from every
  // operation instead would cost one exact check per operation in the confirmation below.
  current ??= startingSet(live, consistency, failing, (subset) => (verdict(subset) === 'invalid' ? 'invalid' : verdict(subset, true))) ?? live.map((_, i) => i);
  current = quickXplain(current, (subset) => verdict(subset) === 'invalid');
  // With the prefix summary, "not shown invalid" was not a proof of validity: confirm that
  // weakening each core op makes the history valid, exactly, and shrink again where it does not.
  for (let again = summary !== undefined; again && !timedOut; ) {
    again = false;
    for (const i of current) {
      const fewer = current.filter((j) => j !== i);
      const v = verdict(fewer, true);
      if (v === 'invalid') {
        current = quickXplain(fewer, (subset) => verdict(subset) === 'invalid' || verdict(subset, true) === 'invalid');
        again = true;
        break;
      }
    }
  }
  const coreOps = current.map((i) => live[i]);
  const cutShort = timedOut ? 'timeout' : checkGaveUp ? 'check-limit' : null;
  return {
    ops: coreOps,
    ids: coreOps.map((op) => op.id),
    key,
    weakened: coreHistory(live, new Set(coreOps), consistency),
    minimal: cutShort === null,
    cutShort,
    checks,
    elapsedMs: performance.now() - started,
  };
}

/**
 * Under linearizability, the operations called no later than the failing op's return, with
 * every later one weakened. Sound: the engine reports as failing the first return its search
 * could not pass, so no order places every op completed by then (ops still running then being
 * optional). Any witness of H weakened after that point, cut at the failing op's return, would
 * be such an order. The set is checked anyway (the failing op of a refutation found without
 * search, by impossible-ops.ts, need not be the first); null means "start from everything".
 */
function startingSet<I, O>(
  live: readonly Operation<I, O>[],
  consistency: Consistency,
  failing: Operation<I, O> | null,
  verdict: (subset: readonly number[]) => Verdict,
): number[] | null {
  if (consistency !== 'linearizable' || !failing) return null;
  const cut: number[] = [];
  for (let i = 0; i < live.length; i++) if (live[i].call <= failing.return) cut.push(i);
  return cut.length < live.length && verdict(cut) === 'invalid' ? cut : null;
}

/**
 * QuickXplain (Junker, 2004) for a monotone test (`fails(S)` implies `fails(T)` for every T ⊇ S),
 * given that `items` fails: a subset that fails and from which no element can be dropped
 * (minimal, which for a monotone test is the same as 1-minimal).
 *
 * The proof that the result fails uses only positive answers: each call is made knowing that
 * `base ∪ candidates` fails, and returns a subset X of the candidates with `base ∪ X` failing.
 * So when a check gives up (and "gives up" is answered as "does not fail"), the result is still
 * a failing set, only possibly not minimal.
 */
export function quickXplain(items: readonly number[], fails: (subset: readonly number[]) => boolean): number[] {
  const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
  const explain = (base: readonly number[], added: boolean, candidates: readonly number[]): number[] => {
    if (added && fails(sorted(base))) return [];
    if (candidates.length === 1) return [...candidates];
    const half = candidates.length >> 1;
    const first = candidates.slice(0, half);
    const second = candidates.slice(half);
    const fromSecond = explain([...base, ...first], first.length > 0, second);
    const fromFirst = explain([...base, ...fromSecond], fromSecond.length > 0, first);
    return [...fromFirst, ...fromSecond];
  };
  if (items.length === 0) return [];
  return sorted(explain([], false, items));
}
