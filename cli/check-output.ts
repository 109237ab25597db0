/**
 * How `stateright check` reports a verdict: one readable line per file (plus the failing op and
 * the previous ok op in words when invalid), or one JSON object per file with --json.
 */
import { describeValue } from '../consistency/value.js';
import type { HistoryError, ReportedOp, Verdict } from '../histories/index.js';

const CORE_FIELDS = new Set(['type', 'f', 'value', 'process', 'index']);

const verdictWord = (verdict: Verdict): string => {
  const property = verdict.consistency === 'linearizable' ? 'linearizable' : 'sequentially consistent';
  if (verdict.valid === true) return property;
  if (verdict.valid === false) return `NOT ${property}`;
  if (verdict.reason !== 'memory') return 'unknown (timed out)';
  const bound = verdict.maxMemoryBytes === undefined ? '' : ` of ${formatBytes(verdict.maxMemoryBytes)}`;
  return `unknown (the memory bound${bound} was reached; --max-memory raises it)`;
};

/** `process 1 :ok :read 3 (index 4, line 5) — read 3`. */
export function describeReportedOp(op: ReportedOp): string {
  const key = op.key === undefined ? '' : ` on key ${describeValue(op.key)}`;
  const value = op.fields['value'] === undefined ? '' : ` ${describeValue(op.value)}`;
  return `process ${op.process}${key}: :${op.type} :${op.f}${value} (index ${op.index}, line ${op.line}) = ${op.description}`;
}

/** `512 MB`, `4 GB`, `1.5 GB` (binary units, as --max-memory reads them). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export function plainVerdict(verdict: Verdict, expectation: string): string {
  const lines = [`${verdict.file}: ${verdictWord(verdict)} (${verdict.model}, ${verdict.ops} ops, ${formatMs(verdict.ms)})${expectation}`];
  const failure = (indent: string, op: ReportedOp, previousOk: ReportedOp | null | undefined): void => {
    lines.push(`${indent}fails at ${describeReportedOp(op)}`);
    lines.push(`${indent}  (no order of the operations completed by then, plus any of the pending ones, is accepted by the ${verdict.model} model)`);
    lines.push(`${indent}previous ok: ${previousOk ? describeReportedOp(previousOk) : 'none (it fails at the first completed operation)'}`);
  };
  if (verdict.keys) {
    const bad = verdict.keys.filter((k) => k.valid !== true);
    lines.push(`  ${verdict.keys.length} keys: ${bad.filter((k) => k.valid === false).length} not valid, ${bad.filter((k) => k.valid === 'unknown').length} unknown`);
    for (const key of bad) {
      lines.push(`  key ${describeValue(key.key)}: ${key.valid === false ? 'not valid' : 'unknown'}`);
      if (key.op) failure('    ', key.op, key.previousOk);
    }
  } else if (verdict.valid === false && verdict.op) {
    failure('  ', verdict.op, verdict.previousOk);
  }
  if (verdict.core && verdict.explanation) {
    const minimal = verdict.coreMinimal === false ? ' (the time bound cut the shrinking short: it may not be minimal)' : '';
    lines.push(`  minimal conflicting operations (indices): ${verdict.core.join(', ')}${minimal}`);
    if (verdict.context && verdict.context.length > 0) lines.push(`  context, the other operations the explanation names (indices): ${verdict.context.join(', ')}`);
    for (const line of verdict.explanation) lines.push(`    ${line}`);
  }
  return lines.join('\n');
}

function jsonOp(op: ReportedOp | null | undefined): object | null | undefined {
  if (op === undefined || op === null) return op;
  const extra: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(op.fields)) if (!CORE_FIELDS.has(k)) extra[k] = v;
  return {
    index: op.index,
    process: op.process,
    type: op.type,
    f: op.f,
    value: op.value,
    line: op.line,
    ...(op.key === undefined ? {} : { key: op.key }),
    description: op.description,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

export function jsonVerdict(verdict: Verdict, expected: boolean | null | undefined): string {
  return JSON.stringify({
    file: verdict.file,
    valid: verdict.valid,
    model: verdict.model,
    consistency: verdict.consistency,
    format: verdict.format,
    ops: verdict.ops,
    ms: Math.round(verdict.ms * 100) / 100,
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    ...(verdict.maxMemoryBytes !== undefined ? { maxMemoryBytes: verdict.maxMemoryBytes } : {}),
    ...(verdict.valid === false ? { op: jsonOp(verdict.op), previousOk: jsonOp(verdict.previousOk) ?? null, key: verdict.key ?? null } : {}),
    ...(verdict.core ? { core: verdict.core, context: verdict.context ?? [], coreMinimal: verdict.coreMinimal ?? true, explanation: verdict.explanation ?? [] } : {}),
    ...(verdict.keys
      ? { keys: verdict.keys.map((k) => ({ key: k.key, valid: k.valid, ...(k.op ? { op: jsonOp(k.op), previousOk: jsonOp(k.previousOk) ?? null } : {}) })) }
      : {}),
    ...(expected !== undefined ? { expected } : {}),
  });
}

export function jsonError(error: HistoryError): string {
  return JSON.stringify({ file: error.file, error: { line: error.line, message: error.detail } });
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
