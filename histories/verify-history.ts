/**
 * Checks a loaded history with the engine and reports the verdict in the file's own terms: the
 * failing op and the previous ok op as Jepsen ops (original index, process, f, value, line).
 */
import { unwrapIndependent } from './independent.js';
import type { IndependentKey } from './independent.js';
import type { LoadedHistory } from './load-history.js';
import type { CheckOptions, CheckProgress, CheckResult, Consistency, PartitionResult } from '../consistency/check-result.js';
import { defaultMaxMemoryBytes } from '../consistency/engine/budget.js';
import { checkLoadedHistory } from './parallel-check.js';
import type { ParallelOptions } from './parallel-check.js';
import { explainViolation } from '../consistency/explain/index.js';
import type { Explanation } from '../consistency/explain/index.js';
import type { Operation } from '../consistency/model.js';
import type { Value } from '../consistency/value.js';

/** An op as reported: Knossos's `:op` / `:previous-ok` (the completion, with its original keys). */
export interface ReportedOp {
  readonly index: number;
  readonly process: number | string;
  readonly type: string;
  readonly f: string;
  readonly value: Value;
  readonly line: number;
  /** With --independent: the key the op belongs to. */
  readonly key?: IndependentKey;
  /** The operation in the model's words, e.g. `read 3`. */
  readonly description: string;
  /** Every key of the completion as read from the file (e.g. `time`). */
  readonly fields: { readonly [key: string]: Value };
}

/** One key's verdict, with --independent. */
export interface KeyVerdict {
  readonly key: IndependentKey;
  readonly valid: boolean | 'unknown';
  readonly op?: ReportedOp;
  readonly previousOk?: ReportedOp | null;
}

export interface Verdict {
  readonly file: string;
  readonly valid: boolean | 'unknown';
  readonly model: string;
  readonly consistency: Consistency;
  readonly format: string;
  /** Operations the engine checked (client operations, failed ones dropped in Knossos's reading). */
  readonly ops: number;
  /** Milliseconds spent in the engine. */
  readonly ms: number;
  /** Why the verdict is unknown. */
  readonly reason?: 'timeout' | 'memory';
  /** With reason 'memory': the bound that was reached, in bytes. */
  readonly maxMemoryBytes?: number;
  readonly op?: ReportedOp;
  readonly previousOk?: ReportedOp | null;
  /** The invalid partition's key (--independent, or a partitioned model such as kv). */
  readonly key?: string | number | null;
  /** With --independent: every key's verdict. */
  readonly keys?: readonly KeyVerdict[];
  /** When invalid: the original indices of a minimal set of operations that is already impossible. */
  readonly core?: readonly number[];
  /**
   * When invalid: the original indices of the operations outside the core that the explanation
   * names (those that could have changed the outcome; each may or may not have taken effect).
   */
  readonly context?: readonly number[];
  /** False when the time bound cut the core's shrinking short (it may then not be minimal). */
  readonly coreMinimal?: boolean;
  /** When invalid: why no order of the core works, one line per entry. */
  readonly explanation?: readonly string[];
}

/** What the check computed, for callers that render it (reports, graphs). */
export interface CheckDetails {
  readonly history: LoadedHistory;
  readonly consistency: Consistency;
  readonly result: CheckResult<unknown, unknown>;
  readonly explanation: Explanation<unknown, unknown> | null;
}

export interface VerifyOptions extends ParallelOptions {
  readonly consistency?: Consistency;
  readonly timeoutMs?: number;
  readonly maxConfigurations?: number;
  /** The memory bound in bytes (see CheckOptions.maxMemoryBytes). */
  readonly maxMemoryBytes?: number;
  readonly onProgress?: (progress: CheckProgress) => void;
  /** Find the minimal failing core of an invalid history and explain it (default true). */
  readonly explain?: boolean;
  /** Time bound for the core's shrinking, in milliseconds (default 2,000). */
  readonly explainTimeoutMs?: number;
  /** Receives what was computed, e.g. to write reports. */
  readonly onDetails?: (details: CheckDetails) => void;
}

export function verifyHistory(history: LoadedHistory, options: VerifyOptions = {}): Verdict {
  const consistency = options.consistency ?? 'linearizable';
  const checkOptions: CheckOptions = {
    timeoutMs: options.timeoutMs,
    maxConfigurations: options.maxConfigurations,
    maxMemoryBytes: options.maxMemoryBytes,
    onProgress: options.onProgress,
    // Each key of an independent history gets its own verdict; otherwise stop at the first bad partition.
    stopAtFirstInvalid: !history.independent,
  };
  const started = performance.now();
  const result: CheckResult<unknown, unknown> = checkLoadedHistory(history, consistency, { ...checkOptions, workers: options.workers, minOpsForWorkers: options.minOpsForWorkers, remote: options.remote });
  const ms = performance.now() - started;
  const base = { file: history.file, model: history.modelName, consistency, format: history.format, ops: history.operations.length, ms };
  const keys = history.independent ? result.partitions.map((p) => keyVerdict(history, p)) : undefined;
  const explanation =
    result.valid === false && options.explain !== false
      ? explainViolation(history.operations, history.model, consistency, result, { timeoutMs: options.explainTimeoutMs ?? 2000 })
      : null;
  options.onDetails?.({ history, consistency, result, explanation });
  if (result.valid === true) return { ...base, valid: true, keys };
  if (result.valid === 'unknown') {
    const bound = result.reason === 'memory' ? { maxMemoryBytes: options.maxMemoryBytes ?? defaultMaxMemoryBytes() } : {};
    return { ...base, valid: 'unknown', reason: result.reason, ...bound, keys };
  }
  return {
    ...base,
    valid: false,
    op: reportOp(history, result.op),
    previousOk: result.previousOk === null ? null : reportOp(history, result.previousOk),
    key: result.key,
    keys,
    ...(explanation
      ? {
          core: explanation.core.ids.map((id) => history.byId.get(id)?.completion.index ?? id),
          context: explanation.context.map((op) => history.byId.get(op.id)?.completion.index ?? op.id),
          coreMinimal: explanation.core.minimal,
          explanation: explanation.lines,
        }
      : {}),
  };
}

function keyVerdict(history: LoadedHistory, partition: PartitionResult<unknown, unknown>): KeyVerdict {
  const key = partition.key ?? '';
  if (partition.valid !== false) return { key, valid: partition.valid };
  return {
    key,
    valid: false,
    op: reportOp(history, partition.op),
    previousOk: partition.previousOk === null ? null : reportOp(history, partition.previousOk),
  };
}

/** The Jepsen completion behind an engine operation. */
export function reportOp(history: LoadedHistory, operation: Operation<unknown, unknown>): ReportedOp {
  const paired = history.byId.get(operation.id);
  const description = history.model.describeOperation(operation.input, operation.output);
  if (paired === undefined) {
    return { index: operation.id, process: operation.process, type: operation.status, f: '', value: null, line: 0, description, fields: {} };
  }
  const key = history.keyById.get(operation.id);
  // An independent history's op is reported without its key in the value, as the key is shown apart.
  const { completion } = key === undefined ? paired : unwrapIndependent(paired).operation;
  return {
    index: completion.index,
    process: completion.process,
    type: completion.type,
    f: completion.f,
    value: completion.value,
    line: completion.line,
    ...(key === undefined ? {} : { key }),
    description,
    fields: completion.fields,
  };
}
