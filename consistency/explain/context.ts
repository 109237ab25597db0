/**
 * The context of a core: the weakened operations an explanation must name for its words to be
 * true of the whole history. A core C is refuted with every other operation free to take
 * effect or not, so "read 0 is rejected because the register holds 2" is only half the story:
 * a reader asks "and could no write of 0 have come in between?". For each way the core's orders
 * fail, the operations that would make the rejected step legal in one step (rescuers) are
 * found. A rescuer that real time (or program order) allows at that point joins the context,
 * and the orders are enumerated again with it as an optional operation; one that cannot be
 * placed there is named with the reason ("it finished before #5 began").
 *
 * Everything here is words about a verdict the engine already proved: H|C is invalid, so no
 * choice of the weakened operations rescues the core. The context only picks which of those
 * choices to spell out. It is capped (`maxContext`); past the cap a rescuer is named as "allowed
 * there too", which the engine's check covers.
 */
import type { Consistency } from '../check-result.js';
import { ILLEGAL, latestEffect } from '../model.js';
import type { Operation, SequentialModel } from '../model.js';
import { findDeadEnds } from './dead-ends.js';
import type { DeadEnd, DeadEndSearch } from './dead-ends.js';
import { mustPrecede } from './precedence.js';

/** A rescuer of a dead end and why it cannot take effect there (null: it can, see above). */
export interface Rescuer<I, O> {
  readonly op: Operation<I, O>;
  readonly why: string | null;
}

export interface CoreContext<I, O> {
  /** Weakened operations enumerated with the core (optional in every order). */
  readonly context: readonly Operation<I, O>[];
  /** The orders of core + context. */
  readonly search: DeadEndSearch<I, O>;
  /** Per dead end: the operations that would make its rejected step legal, and why they cannot. */
  readonly rescuers: ReadonlyMap<DeadEnd<I, O>, readonly Rescuer<I, O>[]>;
}

/** Blocked rescuers named per dead end (the words list this many, nearest first). */
export const RESCUERS_NAMED = 3;
/** Dead ends examined for rescuers: one per (rejected op, reason, last change), as the words group them. */
const MAX_GROUPS = 64;
/**
 * Past this many core operations the orders are not enumerated at all: a core cut short by the
 * time bound can hold thousands, and listing its orders would say nothing a reader can use.
 */
export const MAX_CORE_ENUMERATED = 24;

export function findContext<S, I, O>(
  core: readonly Operation<I, O>[],
  weakened: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  maxOrders: number,
  maxContext = 6,
): CoreContext<I, O> {
  if (core.length > MAX_CORE_ENUMERATED) {
    return { context: [], search: { deadEnds: [], orders: 0, complete: false, accepted: null }, rescuers: new Map() };
  }
  const coreIds = new Set(core.map((op) => op.id));
  const universe = weakened.filter((op) => !coreIds.has(op.id));
  let context: Operation<I, O>[] = [];
  for (;;) {
    const ops = sortByCall([...core, ...context]);
    const search = findDeadEnds(ops, model, consistency, maxOrders);
    const rescuers = new Map<DeadEnd<I, O>, Rescuer<I, O>[]>();
    const inContext = new Set(context.map((op) => op.id));
    const joining: Operation<I, O>[] = [];
    if (!search.accepted) {
      for (const end of representatives(search.deadEnds)) {
        const found = rescuersOf(end, ops, universe, model, consistency);
        for (const r of found) {
          if (r.why === null && !inContext.has(r.op.id) && context.length + joining.length < maxContext && !joining.includes(r.op)) joining.push(r.op);
        }
        rescuers.set(end, found);
      }
    }
    if (joining.length === 0) return { context, search, rescuers };
    context = [...context, ...joining];
  }
}

/** The first dead end of each group the words show. */
function representatives<I, O>(ends: readonly DeadEnd<I, O>[]): DeadEnd<I, O>[] {
  const seen = new Set<string>();
  const out: DeadEnd<I, O>[] = [];
  for (const end of ends) {
    const key = `${end.rejected.id}\u0000${end.reason}\u0000${end.lastChange?.id ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(end);
    if (out.length >= MAX_GROUPS) break;
  }
  return out;
}

/**
 * Weakened operations that, applied right after the dead end's prefix, make its rejected step
 * legal, each with the reason it cannot be placed there (null when it can).
 */
function rescuersOf<S, I, O>(
  end: DeadEnd<I, O>,
  enumerated: readonly Operation<I, O>[],
  universe: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
): Rescuer<I, O>[] {
  let state = model.init;
  for (const op of end.prefix) {
    const after = model.step(state, op.input, op.output);
    if (after === ILLEGAL) return [];
    state = after;
  }
  const r = end.rejected;
  const out: Rescuer<I, O>[] = [];
  for (const w of universe) {
    if (end.prefix.includes(w)) continue;
    const after = model.step(state, w.input, w.output);
    if (after === ILLEGAL || model.equals(after, state)) continue;
    if (model.step(after, r.input, r.output) === ILLEGAL) continue;
    out.push({ op: w, why: whyNotHere(w, end, enumerated, consistency) });
  }
  // The nearest in time first: "the last write of 1 finished before #5 began" is the telling one.
  return out.sort((a, b) => latestEffect(b.op) - latestEffect(a.op) || b.op.call - a.op.call);
}

/** Why `w` cannot take effect after the prefix and before the rejected op, or null when it can. */
function whyNotHere<I, O>(w: Operation<I, O>, end: DeadEnd<I, O>, enumerated: readonly Operation<I, O>[], consistency: Consistency): string | null {
  const linearizable = consistency === 'linearizable';
  for (const p of end.prefix) {
    if (mustPrecede(consistency, w, p)) {
      return linearizable ? `it finished before #${p.id} began` : `it comes before #${p.id} in process ${String(w.process)}'s program order`;
    }
  }
  const r = end.rejected;
  if (mustPrecede(consistency, r, w)) {
    return linearizable ? `it began after #${r.id} finished` : `it comes after #${r.id} in process ${String(w.process)}'s program order`;
  }
  for (const q of enumerated) {
    if (q === r || q.status !== 'ok' || end.prefix.includes(q)) continue;
    if (mustPrecede(consistency, q, w)) {
      return linearizable
        ? `it began after #${q.id} finished, which this order places later`
        : `it comes after #${q.id} in process ${String(w.process)}'s program order, which this order places later`;
    }
  }
  return null;
}

function sortByCall<I, O>(ops: Operation<I, O>[]): Operation<I, O>[] {
  return ops.sort((a, b) => a.call - b.call || a.id - b.id);
}
