/**
 * The schedule by which partitions are searched, shared by the single-threaded check
 * (check.ts) and the worker threads (histories/check-worker.ts), and the one rule that turns the
 * partitions' outcomes into a verdict. Keeping both here is what makes a check on N workers
 * report exactly what a check on one does.
 *
 * ## Why a partition's outcome does not depend on the others
 * A partition's k-th attempt (its *round* k) gets the allowance FIRST_ALLOWANCE · 2^k, whatever
 * the other partitions do, and its impossible-op shortcut depends only on what it has spent
 * itself. So its outcome, and the round in which it finishes, are functions of the partition
 * alone (except when a shared limit — time, bytes, configurations — ends it as `unknown`).
 *
 * ## Why the verdict is the same on any number of threads
 * One thread resumes the pending partitions round by round, in partition order, and stops at the
 * first `unknown`, or (when stopping at the first invalid partition) the first invalid one. That
 * is the first *stopping event* in the order (round, partition index). {@link assembleVerdict}
 * sorts the finished partitions by that order and replays the walk, so it gives the same answer
 * from any superset of the partitions one thread finishes before it stops: workers may finish
 * more (they are discarded), but never fewer, because a worker abandons a partition only past the
 * round of a stopping event already seen (the *round cap*), and every partition that precedes
 * that event finishes at a round no later than it.
 */
import type { CheckResult, CheckStats, Consistency, PartitionResult } from '../check-result.js';
import type { Operation, SequentialModel } from '../model.js';
import type { SearchBudget, SearchOutcome } from './budget.js';
import { findImpossibleOp } from './impossible-ops.js';
import { searchModel } from './partition.js';
import { searchLinearization } from './linearizability.js';
import { searchSequential } from './sequential.js';

/**
 * Configurations each partition may explore in its first round; doubled each round. Small: an
 * invalid history with k partitions costs about k times its cheapest refutation rounded up to a
 * round's allowance (every partition before the refuted one spends its allowance first), and a
 * resumed search loses nothing, so a small first round costs a valid history only a few more
 * resumptions. (Porcupine's kv c50-bad: 755 configurations with 256, 3,916 with 2,000.)
 */
const FIRST_ALLOWANCE = 256;
/**
 * A search that has explored this many configurations asks whether some operation is
 * impossible in any order (see impossible-ops.ts); if one is, the history is invalid, and the
 * search gets {@link PATIENCE_WHEN_IMPOSSIBLE} configurations in all to find the first operation
 * it cannot place (Knossos's `:op`) before that operation is reported.
 */
const ASK_IMPOSSIBLE_AFTER = 100_000;
const PATIENCE_WHEN_IMPOSSIBLE = 1_000_000;

export type PartitionKey = string | number | null;

/** A partition to search; `index` is its place in the check's list of partitions. */
export interface PartitionJob<I, O> {
  readonly index: number;
  readonly key: PartitionKey;
  readonly ops: readonly Operation<I, O>[];
}

/** A partition's search, finished: never `unknown` with reason `'budget'`. */
export type FinalOutcome<Op> =
  | Exclude<SearchOutcome<Op>, { readonly kind: 'unknown' }>
  | { readonly kind: 'unknown'; readonly reason: 'timeout' | 'memory' };

export interface FinishedPartition<Op> {
  readonly index: number;
  /** The round (0-based attempt) in which the search finished. */
  readonly round: number;
  readonly outcome: FinalOutcome<Op>;
}

export interface RoundRobinOptions<Op> {
  /** Every partition of the check (not only these jobs): one partition alone gets an unbounded grant under sequential consistency. */
  readonly totalPartitions: number;
  /** Partitions are abandoned before any round past this one (re-read at every round). */
  readonly roundCap?: () => number;
  /** Receives each finished partition; false stops the whole schedule. */
  readonly onFinished: (finished: FinishedPartition<Op>) => boolean;
}

/** Does this outcome end a one-threaded check at once? */
export function isStoppingEvent(outcome: FinalOutcome<unknown>, stopAtFirstInvalid: boolean): boolean {
  return outcome.kind === 'unknown' || (outcome.kind === 'invalid' && stopAtFirstInvalid);
}

/**
 * Searches the jobs round-robin, each resuming where it stopped with a growing allowance, so a
 * quickly refuted partition is found before an expensive one is finished.
 *
 * Under sequential consistency a check of one partition gets an unbounded grant (nothing else
 * waits for it, so the impossible-op shortcut is not needed); with several partitions every one
 * gets the doubling allowance. The rule looks at the number of partitions of the check, never at
 * how many are still pending, so that a partition's outcome does not depend on the others.
 *
 * `jobs` are partitions made by `partitionHistory(…, model, consistency)` (possibly a batch of
 * them) and `model` is the model the check was asked for, in its whole-state form: the model
 * that searches them is chosen here by the rule that split them (`searchModel`), so no caller
 * can hand a per-partition model a history of several keys.
 */
export function searchRoundRobin<S, I, O>(
  jobs: readonly PartitionJob<I, O>[],
  checkedModel: SequentialModel<S, I, O>,
  consistency: Consistency,
  budget: SearchBudget,
  options: RoundRobinOptions<Operation<I, O>>,
): void {
  const model = searchModel(checkedModel, consistency);
  const search = consistency === 'linearizable' ? searchLinearization : searchSequential;
  const unbounded = consistency !== 'linearizable' && options.totalPartitions === 1;
  // A partition's search (and its tables) is made when the partition is first resumed, so that
  // only the partitions still pending hold memory, not every partition of the check at once.
  type Pending = { job: PartitionJob<I, O>; resume: ReturnType<typeof search<unknown, I, O>> | undefined; spent: number; impossible: Operation<I, O> | null | undefined };
  let pending: Pending[] = jobs.map((job) => ({ job, resume: undefined, spent: 0, impossible: undefined }));
  for (let round = 0, allowance = FIRST_ALLOWANCE; pending.length > 0; round++, allowance *= 2) {
    if (options.roundCap !== undefined && round > options.roundCap()) return;
    const unfinished: Pending[] = [];
    for (const part of pending) {
      const grant = unbounded ? Infinity : allowance;
      part.resume ??= search(part.job.ops, model, budget);
      let outcome: SearchOutcome<Operation<I, O>> = resumeWithinMemory(part.resume, grant);
      if (outcome.kind === 'unknown' && outcome.reason === 'budget') {
        part.spent += grant;
        if (part.impossible === undefined && part.spent >= ASK_IMPOSSIBLE_AFTER) part.impossible = findImpossibleOp(part.job.ops, model) ?? null;
        if (!part.impossible || part.spent < PATIENCE_WHEN_IMPOSSIBLE) {
          unfinished.push(part);
          continue;
        }
        outcome = { kind: 'invalid', op: part.impossible, longestPrefix: [] };
      }
      const final: FinalOutcome<Operation<I, O>> = outcome.kind === 'unknown' ? { kind: 'unknown', reason: outcome.reason === 'budget' ? 'memory' : outcome.reason } : outcome;
      if (!options.onFinished({ index: part.job.index, round, outcome: final })) return;
    }
    pending = unfinished;
  }
}

/**
 * Resumes a search; a table that cannot grow any more (V8 refuses the allocation with a
 * RangeError) ends it as 'unknown' (memory), like the byte bound, instead of crashing.
 */
function resumeWithinMemory<Op>(resume: (allowance: number) => SearchOutcome<Op>, allowance: number): SearchOutcome<Op> {
  try {
    return resume(allowance);
  } catch (error) {
    if (error instanceof RangeError && /array|allocation|buffer|Map maximum size/i.test(error.message)) return { kind: 'unknown', reason: 'memory' };
    throw error;
  }
}

/**
 * The verdict from the finished partitions, as one thread would reach it: the finished ones are
 * walked in (round, index) order, and the walk ends at the first stopping event (see the header).
 */
export function assembleVerdict<I, O>(
  partitions: readonly PartitionJob<I, O>[],
  finished: readonly FinishedPartition<Operation<I, O>>[],
  consistency: Consistency,
  stopAtFirstInvalid: boolean,
  stats: CheckStats,
): CheckResult<I, O> {
  const walk = [...finished].sort((a, b) => a.round - b.round || a.index - b.index);
  const results = new Map<number, PartitionResult<I, O>>();
  const inOrder = (): PartitionResult<I, O>[] => partitions.flatMap((p) => results.get(p.index) ?? []);
  for (const { index, outcome } of walk) {
    const part = partitions[index];
    const result = toPartitionResult(part.key, part.ops, outcome);
    results.set(index, result);
    if (result.valid === 'unknown') return { valid: 'unknown', consistency, reason: result.reason, partitions: inOrder(), stats };
    if (result.valid === false && stopAtFirstInvalid) return { ...result, consistency, partitions: inOrder(), stats };
  }
  const all = inOrder();
  const invalid = all.find((r) => r.valid === false);
  if (invalid && invalid.valid === false) return { ...invalid, consistency, partitions: all, stats };
  const witness = all.flatMap((r) => (r.valid === true ? r.witness : []));
  return { valid: true, consistency, witness, partitions: all, stats };
}

function toPartitionResult<I, O>(key: PartitionKey, ops: readonly Operation<I, O>[], outcome: FinalOutcome<Operation<I, O>>): PartitionResult<I, O> {
  switch (outcome.kind) {
    case 'valid':
      return { valid: true, key, witness: outcome.order };
    case 'unknown':
      return { valid: 'unknown', key, reason: outcome.reason };
    case 'invalid': {
      let previousOk: Operation<I, O> | null = null;
      for (const op of ops) {
        if (op.status === 'ok' && op.return < outcome.op.return && (!previousOk || op.return > previousOk.return)) previousOk = op;
      }
      return { valid: false, key, op: outcome.op, previousOk, longestPrefix: outcome.longestPrefix };
    }
  }
}
