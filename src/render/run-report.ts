/**
 * The run report: a real run's history (`load`'s JSON Lines) as throughput and latency over
 * time, one point per second of the run, ok / fail / info in their own colours, the nemesis's
 * faults shaded, and the check's verdict (with its explanation when it fails). One HTML file that
 * needs no network: uPlot's script and style are inlined.
 *
 * uPlot draws on a canvas from columnar arrays, in 50 KB with no dependencies; Observable Plot
 * needs D3 (several hundred KB) and draws SVG, one element per mark, which grows with the run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** One line of a run's history as `load` writes it (the header line is not an op). */
export interface RunOp {
  readonly type: 'invoke' | 'ok' | 'fail' | 'info';
  readonly process: number | string;
  readonly f: string;
  readonly value?: unknown;
  /** Milliseconds since the epoch. */
  readonly time: number;
}

/** A fault in force from `start` to `stop` (ms since the epoch). */
export interface NemesisInterval {
  readonly f: string;
  readonly value: unknown;
  readonly start: number;
  readonly stop: number;
}

export interface RunSeries {
  /** Seconds since the run's first op, one entry per second (the points). */
  readonly seconds: number[];
  /** Completions per second, by how they ended. */
  readonly ok: number[];
  readonly fail: number[];
  readonly info: number[];
  /** Median latency (ms) of the completions in each second, by how they ended; null without any. */
  readonly okLatency: (number | null)[];
  readonly failLatency: (number | null)[];
  readonly infoLatency: (number | null)[];
  readonly nemesis: NemesisInterval[];
  /** The run's first op time (ms since the epoch). */
  readonly origin: number;
}

const STOP_OF: Readonly<Record<string, string>> = { 'start-partition': 'stop-partition', kill: 'start', pause: 'resume' };

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[Math.floor((values.length - 1) / 2)];
}

/** Buckets a run's ops by second of completion; pairs nemesis starts with their stops. */
export function runSeries(ops: readonly RunOp[]): RunSeries {
  const clientOps = ops.filter((o) => typeof o.process === 'number');
  const times = ops.map((o) => o.time);
  const origin = times.length === 0 ? 0 : Math.min(...times);
  const end = times.length === 0 ? 0 : Math.max(...times);
  // One bucket per started second, the last op's included.
  const n = Math.floor((end - origin) / 1000) + 1;
  const seconds = Array.from({ length: n }, (_, i) => i);
  const counts = { ok: new Array<number>(n).fill(0), fail: new Array<number>(n).fill(0), info: new Array<number>(n).fill(0) };
  const latencies = { ok: seconds.map((): number[] => []), fail: seconds.map((): number[] => []), info: seconds.map((): number[] => []) };
  const invoked = new Map<number | string, number>();
  for (const op of clientOps) {
    if (op.type === 'invoke') {
      invoked.set(op.process, op.time);
      continue;
    }
    const bucket = Math.min(n - 1, Math.floor((op.time - origin) / 1000));
    counts[op.type][bucket]++;
    const start = invoked.get(op.process);
    if (start !== undefined) latencies[op.type][bucket].push(op.time - start);
    invoked.delete(op.process);
  }
  const nemesis: NemesisInterval[] = [];
  const open = new Map<string, { f: string; value: unknown; start: number }>();
  for (const op of ops) {
    if (op.process !== 'nemesis') continue;
    if (op.f in STOP_OF) open.set(STOP_OF[op.f], { f: op.f, value: op.value, start: op.time });
    else {
      const started = open.get(op.f);
      if (started !== undefined) nemesis.push({ ...started, stop: op.time });
      open.delete(op.f);
    }
  }
  for (const started of open.values()) nemesis.push({ ...started, stop: end });
  nemesis.sort((a, b) => a.start - b.start);
  return {
    seconds,
    ...counts,
    okLatency: latencies.ok.map(median),
    failLatency: latencies.fail.map(median),
    infoLatency: latencies.info.map(median),
    nemesis,
    origin,
  };
}

/** Parses `load`'s JSON Lines history (header first) into ops; lines without a time are skipped. */
export function parseRunHistory(text: string): RunOp[] {
  const ops: RunOp[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const o = JSON.parse(line) as Partial<RunOp>;
    if (typeof o.time === 'number' && typeof o.type === 'string' && o.process !== undefined && typeof o.f === 'string') ops.push(o as RunOp);
  }
  return ops;
}

export interface RunReportInput {
  readonly title: string;
  readonly ops: readonly RunOp[];
  /** E.g. `linearizable (register, 412 ops)`; absent when the history was not checked. */
  readonly verdict?: { readonly valid: boolean | null; readonly text: string };
  /** The check's explanation of a violation, as it prints it. */
  readonly explanation?: string;
}

let assets: { script: string; css: string } | undefined;

function uplotAssets(): { script: string; css: string } {
  if (assets === undefined) {
    const require = createRequire(import.meta.url);
    const dir = require.resolve('uplot/package.json').replace(/package\.json$/, 'dist/');
    assets = { script: readFileSync(`${dir}uPlot.iife.min.js`, 'utf8'), css: readFileSync(`${dir}uPlot.min.css`, 'utf8') };
  }
  return assets;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

const PAGE_SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('run-data').textContent);
  var colours = { ok: '#2f80ed', fail: '#e0457b', info: '#f2994a' };
  function shade(u) {
    var ctx = u.ctx; ctx.save(); ctx.fillStyle = 'rgba(120,120,120,0.16)';
    data.nemesis.forEach(function (n) {
      var x0 = u.valToPos((n.start - data.origin) / 1000, 'x', true), x1 = u.valToPos((n.stop - data.origin) / 1000, 'x', true);
      ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
    });
    ctx.restore();
  }
  // keys: the data fields drawn for ok, fail and info, in that order.
  function chart(target, title, unit, keys) {
    return new uPlot({
      title: title, width: Math.min(1100, document.body.clientWidth - 48), height: 260,
      scales: { x: { time: false } },
      axes: [{ label: 'seconds into the run' }, { label: unit }],
      series: [{ label: 's' }].concat(['ok', 'fail', 'info'].map(function (s) { return { label: s, stroke: colours[s], width: 2, points: { show: true, size: 5 } }; })),
      hooks: { drawClear: [shade] }
    }, [data.seconds].concat(keys.map(function (k) { return data[k]; })), document.getElementById(target));
  }
  var throughput = chart('throughput', 'Operations completed per second', 'ops/s', ['ok', 'fail', 'info']);
  var latency = chart('latency', 'Median latency of the operations completed in each second', 'ms', ['okLatency', 'failLatency', 'infoLatency']);
  window.runReport = { throughput: throughput, latency: latency, points: data.seconds.length, nemesis: data.nemesis.length };
})();
`;

export function runReportHtml(input: RunReportInput): string {
  const series = runSeries(input.ops);
  const { script, css } = uplotAssets();
  const total = series.ok.reduce((a, b) => a + b, 0) + series.fail.reduce((a, b) => a + b, 0) + series.info.reduce((a, b) => a + b, 0);
  const verdict = input.verdict;
  const badge =
    verdict === undefined
      ? '<span class="badge unknown">not checked</span>'
      : `<span class="badge ${verdict.valid === true ? 'good' : verdict.valid === false ? 'bad' : 'unknown'}">${escapeHtml(verdict.text)}</span>`;
  const faults = series.nemesis
    .map((n) => `<li>${escapeHtml(n.f)} ${escapeHtml(JSON.stringify(n.value))}: ${((n.start - series.origin) / 1000).toFixed(1)} s to ${((n.stop - series.origin) / 1000).toFixed(1)} s</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>${css}
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d232b; background: #f6f8fa; }
header, section { padding: 12px 24px; } section { background: #fff; margin: 12px 24px; border: 1px solid #e3e7ec; border-radius: 8px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; }
.badge.bad { background: #fde2e2; color: #9b1c1c; } .badge.good { background: #dcf5e3; color: #16653a; } .badge.unknown { background: #fff1d6; color: #8a5200; }
pre { white-space: pre-wrap; font: 13px/1.5 ui-monospace, Menlo, Consolas, monospace; } .muted { color: #5b6673; font-size: 13px; }
</style></head><body>
<header><h1>${escapeHtml(input.title)}</h1>${badge}
<p class="muted">${total} operations in ${series.seconds.length} s; grey bands: faults the nemesis struck (${series.nemesis.length}).</p></header>
<section><div id="throughput"></div><div id="latency"></div></section>
${faults === '' ? '' : `<section><h2>Faults</h2><ul>${faults}</ul></section>`}
${input.explanation === undefined || input.explanation === '' ? '' : `<section><h2>Why the check failed</h2><pre>${escapeHtml(input.explanation)}</pre></section>`}
<script type="application/json" id="run-data">${scriptJson(series)}</script>
<script>${script}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
