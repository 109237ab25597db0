/**
 * `stateright check --consistency <causal level>`: the causal levels and session guarantees on
 * register and key-value histories, with `--check-clocks` for recorded vector clocks. Same exit
 * codes as the linearizability check: 0 valid, 1 invalid, 3 unknown, 2 usage or input error.
 */
import { writeFile } from 'node:fs/promises';
import { expectedFromName, filesOf } from './check-files.js';
import { parseInitAndTimeout, perFile } from './check-command.js';
import type { CheckArguments, CheckIo } from './check-command.js';
import { formatMs, jsonError } from './check-output.js';
import {
  CausalHistory,
  causalViolationDot,
  checkCausalHistory,
  checkRecordedClocks,
  explainCausalViolation,
  isCausalLevel,
  CAUSAL_PATTERN_TITLES,
} from '../consistency/index.js';
import type { CausalLevel, CausalResult, ClockCheck } from '../consistency/index.js';
import { HistoryError, loadHistoryFile, recordedClocks, toCausalInput } from '../histories/index.js';
import { dotToSvg } from '../src/render/index.js';

const HOLDS: Readonly<Record<CausalLevel, readonly [holds: string, fails: string]>> = {
  causal: ['causally consistent (CC)', 'NOT causally consistent (CC)'],
  'causal-convergence': ['causally convergent (CCv)', 'NOT causally convergent (CCv)'],
  'causal-memory': ['a causal memory (CM)', 'NOT a causal memory (CM)'],
  'read-your-writes': ['read-your-writes holds', 'read-your-writes does NOT hold'],
  'monotonic-reads': ['monotonic reads hold', 'monotonic reads do NOT hold'],
  'monotonic-writes': ['monotonic writes hold', 'monotonic writes do NOT hold'],
  'writes-follow-reads': ['writes-follow-reads holds', 'writes-follow-reads does NOT hold'],
};

/** A usage problem of the causal options, or null. */
export function causalUsageError(args: CheckArguments): string | null {
  const causal = isCausalLevel(args.consistency);
  if (causal && args.independent) {
    return `causal levels are not checked key by key: causality crosses keys, so --independent does not apply to --consistency ${args.consistency} (give each op a :key and check the history as --model kv)`;
  }
  if (args.checkClocks && !causal) return '--check-clocks checks vector clocks against causal order: use it with a causal --consistency level (e.g. --consistency causal)';
  if (causal && args.report !== undefined) return `--report draws the linearizability report; for --consistency ${args.consistency} use --svg or --dot`;
  return null;
}

interface FileOutcome {
  readonly file: string;
  readonly result: CausalResult;
}

/** Runs the causal check on every file and returns the exit code. */
export async function runCausalCheck(args: CheckArguments, io: CheckIo): Promise<number> {
  const say = (text: string): void => void io.stdout.write(`${text}\n`);
  const complain = (text: string): void => void io.stderr.write(`${text}\n`);
  const usage = causalUsageError(args);
  if (usage !== null) {
    complain(`stateright check: ${usage}`);
    return 2;
  }
  const level = args.consistency as CausalLevel;
  const parsed = parseInitAndTimeout(args, complain);
  if (parsed === null) return 2;
  const { init } = parsed;
  const count = { inputErrors: 0, invalid: 0, unknown: 0, mismatches: 0 };
  const outcomes: FileOutcome[] = [];
  const reportError = (error: HistoryError): void => {
    count.inputErrors++;
    complain(error.message);
    if (args.json) say(jsonError(error));
  };
  for (const file of filesOf(args.files, reportError)) {
    const started = performance.now();
    let result: CausalResult;
    let clocks: ClockCheck | undefined;
    let model: string;
    let format: string;
    try {
      const history = loadHistoryFile(file, { format: args.format, model: args.model, init });
      const input = toCausalInput(history, init);
      const h = new CausalHistory(input.operations, input.initialValue);
      if (args.checkClocks) {
        const recorded = recordedClocks(history);
        clocks = checkRecordedClocks(h, (i) => recorded.get(h.operations[i].id) ?? null);
        if (!clocks.consistent && clocks.relation === 'missing') {
          throw new HistoryError(file, input.lineOf.get(h.operations[clocks.op].id) ?? 0, `--check-clocks needs a :vc on every operation; ${clocks.message.replace(/ \(every.*$/, '')}`);
        }
      }
      const timeoutMs = args.timeout === undefined ? undefined : args.timeout * 1000 - (performance.now() - started);
      result = checkCausalHistory(h, level, { timeoutMs });
      model = history.modelName;
      format = history.format;
    } catch (error) {
      if (error instanceof HistoryError) {
        reportError(error);
        continue;
      }
      throw error;
    }
    const ms = performance.now() - started;
    const clocksBad = clocks !== undefined && !clocks.consistent;
    if (result.valid === false || clocksBad) count.invalid++;
    else if (result.valid === 'unknown') count.unknown++;
    const expected = args.expectFromNames ? expectedFromName(file) : undefined;
    const matches = expected !== undefined && expected !== null && result.valid === expected;
    if (expected !== undefined && !matches) count.mismatches++;
    const expectation =
      expected === undefined ? '' : matches ? ' — as expected' : expected === null ? ' — UNEXPECTED: the name says neither -valid nor -invalid' : ` — UNEXPECTED: the name says ${expected ? 'valid' : 'invalid'}`;
    say(args.json ? causalJson(file, model, format, ms, result, clocks, expected) : causalPlain(file, model, ms, result, clocks, expectation));
    outcomes.push({ file, result });
  }
  for (const outcome of outcomes) {
    try {
      for (const written of await writeCausalGraphs(args, outcome, outcomes.length > 1)) io.stderr.write(`wrote ${written}\n`);
    } catch (error) {
      complain(`stateright check: cannot write the graph for ${outcome.file}: ${error instanceof Error ? error.message : String(error)}`);
      count.inputErrors++;
    }
  }
  if (count.inputErrors > 0) return 2;
  if (args.expectFromNames) {
    if (!args.json) say(count.mismatches === 0 ? 'every verdict is as the file names say' : `${count.mismatches} verdict(s) differ from what the file names say`);
    return count.mismatches === 0 ? 0 : 1;
  }
  if (count.invalid > 0) return 1;
  return count.unknown > 0 ? 3 : 0;
}

function idsOf(result: Extract<CausalResult, { valid: false }>): number[] {
  return result.violation.core.map((i) => result.history.operations[i].id);
}

function clockLine(clocks: ClockCheck): string {
  return clocks.consistent ? `  recorded clocks: consistent with program order and reads-from (${clocks.checked} ops)` : `  recorded clocks CONTRADICT the history: ${clocks.message}`;
}

export function causalPlain(file: string, model: string, ms: number, result: CausalResult, clocks: ClockCheck | undefined, expectation: string): string {
  const [holds, fails] = HOLDS[result.level];
  const word = result.valid === true ? holds : result.valid === false ? fails : `unknown (${result.reason === 'timeout' ? 'timed out' : 'search limit reached'} after ${result.choices} choices of sources)`;
  const lines = [`${file}: ${word} (${model}, ${result.history.n} ops, ${formatMs(ms)})${expectation}`];
  if (clocks !== undefined) lines.push(clockLine(clocks));
  if (result.valid === false) {
    lines.push(`  bad pattern ${result.violation.pattern}: ${CAUSAL_PATTERN_TITLES[result.violation.pattern]}`);
    for (const line of explainCausalViolation(result.history, result.violation, result.source)) lines.push(`    ${line}`);
    lines.push(`  operations involved (indices): ${idsOf(result).join(', ')}`);
    if (result.choices > 1) lines.push(`  (values repeat, so every one of the ${result.choices} choices of which write each read read from was tried; all fail, this is the first)`);
  }
  return lines.join('\n');
}

export function causalJson(file: string, model: string, format: string, ms: number, result: CausalResult, clocks: ClockCheck | undefined, expected: boolean | null | undefined): string {
  const id = (i: number): number => result.history.operations[i].id;
  return JSON.stringify({
    file,
    valid: result.valid,
    model,
    consistency: result.level,
    format,
    ops: result.history.n,
    ms: Math.round(ms * 100) / 100,
    choices: result.choices,
    ...(result.valid === 'unknown' ? { reason: result.reason } : {}),
    ...(result.valid === false
      ? {
          pattern: result.violation.pattern,
          patternMeaning: CAUSAL_PATTERN_TITLES[result.violation.pattern],
          core: idsOf(result),
          chain: result.violation.steps.map((s) => ({ from: id(s.from), to: id(s.to), relation: s.relation, ...(s.because === undefined ? {} : { because: id(s.because) }) })),
          cyclic: result.violation.cyclic,
          explanation: explainCausalViolation(result.history, result.violation, result.source),
        }
      : {}),
    ...(clocks === undefined
      ? {}
      : { clocks: clocks.consistent ? { consistent: true } : { consistent: false, op: id(clocks.op), other: clocks.other === null ? null : id(clocks.other), relation: clocks.relation, message: clocks.message } }),
    ...(expected !== undefined ? { expected } : {}),
  });
}

async function writeCausalGraphs(args: CheckArguments, outcome: FileOutcome, several: boolean): Promise<string[]> {
  if (args.svg === undefined && args.dot === undefined) return [];
  const { result, file } = outcome;
  const title = `${file}: ${HOLDS[result.level][result.valid === false ? 1 : 0]}`;
  const dot =
    result.valid === false
      ? causalViolationDot(result.history, result.violation, title)
      : `digraph causal {\n  node [shape=plaintext, fontname="Helvetica"];\n  note [label="${(result.valid === true ? `${HOLDS[result.level][0]}: no violation to draw` : 'verdict unknown: no violation to draw').replace(/"/g, '\\"')}"];\n}\n`;
  const name = (path: string): string => (several ? perFile(path, file) : path);
  const written: string[] = [];
  if (args.svg !== undefined) {
    await writeFile(name(args.svg), await dotToSvg(dot));
    written.push(name(args.svg));
  }
  if (args.dot !== undefined) {
    await writeFile(name(args.dot), dot);
    written.push(name(args.dot));
  }
  return written;
}
