/**
 * `check --report` on a history whose operations carry times (`load`'s JSON Lines: `time` in ms
 * since the epoch, nemesis lines included) writes the run report `load --report` writes:
 * throughput and latency per second, ok/fail/info, nemesis intervals shaded, the verdict and the
 * check's words. A history without times has no time axis, so it gets the history report (the
 * operations in order, the conflict graph), and the command says what that report cannot show.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseRunHistory, runReportHtml, type RunOp } from '../src/render/run-report.js';
import type { Verdict } from '../histories/index.js';
import { plainVerdict } from './check-output.js';

/** A run report spans at most this many seconds: longer spans are times in another unit (Jepsen's nanoseconds). */
const MAX_SPAN_S = 7 * 24 * 3600;

/** The history's ops with their times, or why the run report cannot be drawn from it. */
export function timedOps(file: string): { readonly ops: RunOp[] } | { readonly reason: string } {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  let ops: RunOp[];
  try {
    ops = parseRunHistory(lines.join('\n'));
  } catch {
    return { reason: 'it is not JSON Lines' };
  }
  const clientLines = lines.filter((l) => /"type"\s*:\s*"(invoke|ok|fail|info)"/.test(l)).length;
  if (ops.length === 0) return { reason: 'its operations carry no time' };
  if (ops.length < clientLines) return { reason: `${clientLines - ops.length} of its ${clientLines} operations carry no time` };
  const times = ops.map((o) => o.time);
  const span = (Math.max(...times) - Math.min(...times)) / 1000;
  if (span > MAX_SPAN_S) return { reason: `its times span ${Math.round(span).toLocaleString('en-US')} s read as milliseconds; the run report reads time as milliseconds since the epoch, as load writes it` };
  return { ops };
}

/** Writes the run report of `file` to `report`, with the check's verdict and words. */
export function writeRunReport(file: string, report: string, ops: readonly RunOp[], verdict: Verdict | undefined): void {
  const words = verdict === undefined ? undefined : plainVerdict(verdict, '');
  writeFileSync(
    report,
    runReportHtml({
      title: `check: ${file}`,
      ops,
      verdict: verdict === undefined || words === undefined ? undefined : { valid: verdict.valid === 'unknown' ? null : verdict.valid, text: words.split('\n')[0].slice(file.length + 2) },
      explanation: verdict?.valid === false ? words : undefined,
    }),
  );
}

/** What the history report of a history without times cannot show. */
export const UNTIMED_NOTE =
  'the history report shows the operations in order (timeline, conflict graph), not throughput and latency over time nor the nemesis intervals: those need a time on every operation, as load writes them';
