/**
 * One call from a check result to everything a report needs: the invalid partition, its minimal
 * core, the order constraints, the dead ends, and the explanation in words.
 */
import type { CheckResult, Consistency } from '../check-result.js';
import type { Operation, SequentialModel } from '../model.js';
import { findDeadEnds } from './dead-ends.js';
import type { DeadEnd } from './dead-ends.js';
import { explainInWords } from './explain-in-words.js';
import type { WordsOptions } from './explain-in-words.js';
import { minimizeHistory } from './minimal-core.js';
import type { MinimalCore, MinimalCoreOptions } from './minimal-core.js';
import { reducedPrecedence } from './precedence.js';

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
  /** Order constraints within the core, as op ids `[before, after]`, transitively reduced. */
  readonly precedence: readonly (readonly [number, number])[];
  readonly deadEnds: readonly DeadEnd<I, O>[];
  readonly ordersExamined: number;
  readonly enumerationComplete: boolean;
  /** Ids of the ops some dead end rejects: the steps to highlight. */
  readonly rejectedIds: readonly number[];
  /** The explanation, one line per entry; `text` joins them. */
  readonly lines: readonly string[];
  readonly text: string;
}

/** The ops of the partition `key` (all live ops when the model is unpartitioned). */
export function partitionOf<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  key: string | number | null,
): Operation<I, O>[] {
  const live = history.filter((op) => op.status !== 'fail');
  if (key === null || !model.partitionKey) return live;
  // (A sequential-consistency result has key null unless the keys are independent objects.)
  const partitionKey = model.partitionKey.bind(model);
  return live.filter((op) => partitionKey(op.input) === key);
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
  const partition = partitionOf(history, model, result.key);
  const core = minimizeHistory(partition, model, consistency, result.op, options, result.key);
  return explainCore(core, partition, result.op, model, consistency, options);
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
  const edgeIndices = reducedPrecedence(core.ops, consistency);
  const search = findDeadEnds(core.ops, model, consistency, options.maxOrders ?? 5_040);
  const lines = explainInWords(core.ops, edgeIndices, search, model, consistency, core.key, options);
  if (core.cutShort) {
    lines.push(
      core.cutShort === 'timeout'
        ? `(The time bound stopped the shrinking after ${Math.round(core.elapsedMs)} ms: this set is invalid but may not be minimal.)`
        : '(An engine check gave up while shrinking: this set is invalid but may not be minimal.)',
    );
  }
  const rejected = new Set<number>();
  for (const end of search.deadEnds) rejected.add(end.rejected.id);
  return {
    consistency,
    key: core.key,
    failing,
    partition,
    core,
    precedence: edgeIndices.map(([a, b]) => [core.ops[a].id, core.ops[b].id] as const),
    deadEnds: search.deadEnds,
    ordersExamined: search.orders,
    enumerationComplete: search.complete,
    rejectedIds: [...rejected],
    lines,
    text: lines.join('\n'),
  };
}
