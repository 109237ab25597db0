import type { CheckOptions, CheckResult, Consistency, PartitionResult } from '../check-result.js';
import type { Operation, SequentialModel } from '../model.js';
import { defaultMaxMemoryBytes, SearchBudget } from './budget.js';
import type { SearchOutcome } from './budget.js';
import { findImpossibleOp } from './impossible-ops.js';
import { searchLinearization } from './linearizability.js';
import { searchSequential } from './sequential.js';

const DEFAULT_MAX_CONFIGURATIONS = 20_000_000;
/** Configurations each partition may explore in the first round; doubled each round (see `checkHistory`). */
const FIRST_ALLOWANCE = 2_000;
/**
 * A linearizability search that has explored this many configurations asks whether some
 * operation is impossible in any order (see impossible-ops.ts); if one is, the history is
 * invalid, and the search gets {@link PATIENCE_WHEN_IMPOSSIBLE} configurations in all to find
 * the first operation it cannot place (Knossos's `:op`) before that operation is reported.
 */
const ASK_IMPOSSIBLE_AFTER = 100_000;
const PATIENCE_WHEN_IMPOSSIBLE = 1_000_000;

type Key = string | number | null;

/** Is the history linearizable with respect to the model? */
export function checkLinearizability<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  options: CheckOptions = {},
): CheckResult<I, O> {
  return checkHistory(history, model, 'linearizable', options);
}

/** Is the history sequentially consistent (program order kept, real time ignored)? */
export function checkSequentialConsistency<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  options: CheckOptions = {},
): CheckResult<I, O> {
  return checkHistory(history, model, 'sequential', options);
}

/**
 * Checks each partition on its own. Partitions are searched round-robin, each resuming where
 * it stopped with a growing allowance, so a quickly refuted partition is found before an
 * expensive one is finished (the history is invalid as soon as one partition is).
 *
 * A model's `partitionKey` is used only under linearizability, which is local (Herlihy & Wing:
 * a history is linearizable iff each object's sub-history is). Sequential consistency is not
 * local: two processes that each write one key and then read the other's initial value are
 * sequentially consistent key by key, but no single order of all four operations exists. So a
 * sequential-consistency check searches the whole history as one object. (`--independent`
 * histories are split by the caller, who states that the keys are independent objects.)
 */
export function checkHistory<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  options: CheckOptions = {},
): CheckResult<I, O> {
  const started = performance.now();
  const partitions = partition(history, model, consistency);
  let done = 0;
  const budget = new SearchBudget(
    options.timeoutMs === undefined ? Infinity : started + options.timeoutMs,
    options.maxConfigurations ?? DEFAULT_MAX_CONFIGURATIONS,
    () =>
      options.onProgress?.({
        partitionsDone: done,
        partitions: partitions.length,
        configurations: budget.configurations,
        elapsedMs: performance.now() - started,
      }),
    options.maxMemoryBytes ?? defaultMaxMemoryBytes(),
  );
  const search = consistency === 'linearizable' ? searchLinearization : searchSequential;
  const results = new Map<Key, PartitionResult<I, O>>();
  const stats = () => ({ configurations: budget.configurations, partitions: partitions.length, elapsedMs: performance.now() - started });
  const stopAtFirstInvalid = options.stopAtFirstInvalid ?? true;

  type Pending = { key: Key; ops: Operation<I, O>[]; resume: ReturnType<typeof search<S, I, O>>; spent: number; impossible: Operation<I, O> | null | undefined };
  let pending: Pending[] = partitions.map((part) => ({ ...part, resume: search(part.ops, model, budget), spent: 0, impossible: undefined }));
  let allowance = FIRST_ALLOWANCE;
  while (pending.length > 0) {
    const unfinished: typeof pending = [];
    for (const part of pending) {
      const grant = consistency === 'linearizable' ? allowance : pending.length === 1 ? Infinity : allowance;
      let outcome: SearchOutcome<Operation<I, O>> = resumeWithinMemory(part.resume, grant);
      if (outcome.kind === 'unknown' && outcome.reason === 'budget') {
        part.spent += grant;
        if (part.impossible === undefined && part.spent >= ASK_IMPOSSIBLE_AFTER) part.impossible = findImpossibleOp(part.ops, model) ?? null;
        if (!part.impossible || part.spent < PATIENCE_WHEN_IMPOSSIBLE) {
          unfinished.push(part);
          continue;
        }
        outcome = { kind: 'invalid', op: part.impossible, longestPrefix: [] };
      }
      done++;
      const result = toPartitionResult(part.key, part.ops, outcome);
      results.set(part.key, result);
      if (result.valid === 'unknown') {
        return { valid: 'unknown', consistency, reason: result.reason, partitions: ordered(partitions, results), stats: stats() };
      }
      if (result.valid === false && stopAtFirstInvalid) {
        return { ...result, consistency, partitions: ordered(partitions, results), stats: stats() };
      }
    }
    pending = unfinished;
    allowance *= 2;
  }
  const all = ordered(partitions, results);
  const invalid = all.find((r) => r.valid === false);
  if (invalid && invalid.valid === false) return { ...invalid, consistency, partitions: all, stats: stats() };
  const witness = all.flatMap((r) => (r.valid === true ? r.witness : []));
  return { valid: true, consistency, witness, partitions: all, stats: stats() };
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

function partition<S, I, O>(
  history: readonly Operation<I, O>[],
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
): { key: Key; ops: Operation<I, O>[] }[] {
  const live = history.filter((op) => op.status !== 'fail');
  if (!model.partitionKey || !(isLocal(consistency) || model.partitionsAreIndependent)) return [{ key: null, ops: live }];
  const groups = new Map<Key, Operation<I, O>[]>();
  for (const op of live) {
    const key = model.partitionKey(op.input);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(op);
  }
  return [...groups].map(([key, ops]) => ({ key, ops }));
}

/** Is the condition local, so that a partitioned model may be checked key by key? */
export function isLocal(consistency: Consistency): boolean {
  return consistency === 'linearizable';
}

function ordered<I, O>(partitions: readonly { key: Key }[], results: Map<Key, PartitionResult<I, O>>): PartitionResult<I, O>[] {
  return partitions.flatMap((p) => {
    const r = results.get(p.key);
    return r ? [r] : [];
  });
}

function toPartitionResult<I, O>(
  key: Key,
  ops: readonly Operation<I, O>[],
  outcome: SearchOutcome<Operation<I, O>>,
): PartitionResult<I, O> {
  switch (outcome.kind) {
    case 'valid':
      return { valid: true, key, witness: outcome.order };
    case 'unknown':
      return { valid: 'unknown', key, reason: outcome.reason === 'budget' ? 'memory' : outcome.reason };
    case 'invalid': {
      let previousOk: Operation<I, O> | null = null;
      for (const op of ops) {
        if (op.status === 'ok' && op.return < outcome.op.return && (!previousOk || op.return > previousOk.return)) previousOk = op;
      }
      return { valid: false, key, op: outcome.op, previousOk, longestPrefix: outcome.longestPrefix };
    }
  }
}
