/**
 * One call from a check result to everything a report needs: the invalid partition, its minimal
 * core, the order constraints, the dead ends, and the explanation in words.
 */
import type { CheckResult, Consistency } from '../check-result.js';
import type { Operation, SequentialModel } from '../model.js';
import { partitionHistory, searchModel } from '../engine/partition.js';
import { findContext, RESCUERS_NAMED } from './context.js';
import type { Rescuer } from './context.js';
import type { DeadEnd } from './dead-ends.js';
import { explainInWords } from './explain-in-words.js';
import type { WordsOptions } from './explain-in-words.js';
import { minimizeHistory } from './minimal-core.js';
import type { MinimalCore, MinimalCoreOptions } from './minimal-core.js';
import { MAX_EDGES_SHOWN, reducedPrecedence } from './precedence.js';

export interface ExplainOptions extends MinimalCoreOptions, WordsOptions {
  /** Cap on the orders of the core that are enumerated (default 5,040 = 7!). */
  readonly maxOrders?: number;
}

export interface Explanation<I, O> {
  readonly consistency: Consistency;
  /** The invalid partition's key (null when unpartitioned). */
  readonly key: string | number | null;
  /** The engine's failing op. */
  readonly failing: Operation<I, O>;
  /** The invalid partition's operations (failed ones excluded, as the engine drops them). */
  readonly partition: readonly Operation<I, O>[];
  readonly core: MinimalCore<I, O>;
  /**
   * The weakened operations the explanation names (as weakened: output unknown, may or may not
   * have taken effect): those enumerated with the core, then those named as unable to take
   * effect where they would help. Their ids are the JSON `"context"`.
   */
  readonly context: readonly Operation<I, O>[];
  /** Order constraints among core and context ops, as op ids `[before, after]`, transitively reduced. */
  readonly precedence: readonly (readonly [number, number])[];
  readonly deadEnds: readonly DeadEnd<I, O>[];
  /** Per dead end, the weakened ops that would make its rejected step legal and why they cannot. */
  readonly rescuers: ReadonlyMap<DeadEnd<I, O>, readonly Rescuer<I, O>[]>;
  readonly ordersExamined: number;
  readonly enumerationComplete: boolean;
  /** Ids of the ops some dead end rejects: the steps to highlight. */
  readonly rejectedIds: readonly number[];
  /** The explanation, one line per entry; `text` joins them. */
  readonly lines: readonly string[];
  readonly text: string;
}

/** One partition of a check: its operations and the model that searches them. */
export interface CheckedPartition<I, O> {
  readonly ops: Operation<I, O>[];
  readonly model: SequentialModel<unknown, I, O>;
}

/**
 * The partition `key` of a check of `history` under `consistency`, as the engine split it
 * (`partitionHistory`), with the model the engine searched it with (`searchModel`): one key's
 * operations with the per-partition model, or all live operations with the model itself.
 */
export function partitionOf<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  key: string | number | null,
): CheckedPartition<I, O> {
  const parts = partitionHistory(history, model, consistency);
  const part = parts.find((p) => p.key === key);
  if (!part) throw new Error(`the check of this history has no partition ${JSON.stringify(key)}`);
  return { ops: [...part.ops], model: searchModel(model, consistency) };
}

/** Explains an invalid result; null when `result` is valid or unknown. */
export function explainViolation<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  result: CheckResult<I, O>,
  options: ExplainOptions = {},
): Explanation<I, O> | null {
  if (result.valid !== false) return null;
  const partition = partitionOf(history, model, consistency, result.key);
  const core = minimizeHistory(partition.ops, partition.model, consistency, result.op, options, result.key);
  return explainCore(core, partition.ops, result.op, partition.model, consistency, options);
}

/** The explanation of an already computed core. */
export function explainCore<S, I, O>(
  core: MinimalCore<I, O>,
  partition: readonly Operation<I, O>[],
  failing: Operation<I, O>,
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  options: ExplainOptions = {},
): Explanation<I, O> {
  const found = findContext(core.ops, core.weakened, model, consistency, options.maxOrders ?? 5_040);
  const named = new Map<number, Operation<I, O>>(found.context.map((op) => [op.id, op]));
  for (const list of found.rescuers.values()) {
    for (const r of list.filter((x) => x.why !== null).slice(0, RESCUERS_NAMED)) if (!named.has(r.op.id)) named.set(r.op.id, r.op);
  }
  const context = [...named.values()].sort((a, b) => a.call - b.call || a.id - b.id);
  const shown = [...core.ops, ...context];
  const edgeIndices = shown.length <= MAX_EDGES_SHOWN ? reducedPrecedence(shown, consistency) : [];
  const others = partition.filter((op) => op.status !== 'fail').length - core.ops.length;
  const lines = explainInWords(
    { core: core.ops, context, enumerated: found.context, others, edges: edgeIndices.map(([a, b]) => [shown[a], shown[b]] as const), search: found.search, rescuers: found.rescuers },
    model,
    consistency,
    core.key,
    options,
  );
  if (core.cutShort) {
    lines.push(
      core.cutShort === 'timeout'
        ? `(The time bound stopped the shrinking after ${Math.round(core.elapsedMs)} ms: these operations are refuted, but fewer might be.)`
        : '(An engine check gave up while shrinking: these operations are refuted, but fewer might be.)',
    );
  }
  const rejected = new Set<number>();
  for (const end of found.search.deadEnds) rejected.add(end.rejected.id);
  return {
    consistency,
    key: core.key,
    failing,
    partition,
    core,
    context,
    precedence: edgeIndices.map(([a, b]) => [shown[a].id, shown[b].id] as const),
    deadEnds: found.search.deadEnds,
    rescuers: found.rescuers,
    ordersExamined: found.search.orders,
    enumerationComplete: found.search.complete,
    rejectedIds: [...rejected],
    lines,
    text: lines.join('\n'),
  };
}
