/**
 * A self-contained HTML report of one model-checking discovery: the path in words, the final
 * state, and the message sequence chart (for actor models).
 */
import type { SequenceChart } from '../actor/index.js';
import { escapeHtml, page } from './html.js';
import { sequenceChartSvg } from './sequence-chart.js';
import { REPORT_CSS } from './timeline-assets.js';

export interface ModelReportInput {
  /** E.g. the model's name. */
  readonly title: string;
  /** E.g. `property "linearizable" is violated` or `example of "value chosen"`. */
  readonly summary: string;
  /** Whether the discovery is a violation (red badge) or an example (green badge). */
  readonly violation: boolean;
  /** The path's steps in words, init first. */
  readonly steps: readonly string[];
  /** The last state in words. */
  readonly finalState: string;
  /** Stateright's encoded path, e.g. `0/1/0/2`, to replay with `--path`. */
  readonly encodedPath?: string;
  readonly chart?: SequenceChart | null;
  /** A lasso: the index in `steps` of the state its cycle starts from (the last step returns there). */
  readonly cycleStart?: number;
}

export function modelReportHtml(input: ModelReportInput): string {
  const badge = input.violation ? '<span class="badge bad">violation</span>' : '<span class="badge good">example</span>';
  const start = input.cycleStart;
  const steps = input.steps
    .map((s, k) => {
      if (start === undefined || k < start) return `<li>${escapeHtml(s)}</li>`;
      const mark = k === start ? ' <b class="cycle-mark">↻ the cycle starts here</b>' : '';
      const back = k === input.steps.length - 1 ? ` <span class="cycle-mark">(back to step ${start}: the cycle repeats forever)</span>` : '';
      return `<li class="${k === start ? 'cycle-start' : 'in-cycle'}" style="background:#1f77b41a">${escapeHtml(s)}${mark}${back}</li>`;
    })
    .join('');
  const chart = input.chart
    ? `<section class="card"><h2>Message sequence chart</h2><p class="hint">One lifeline per actor; arrows run from the step a message was sent to the step it was delivered (dashed: never delivered). Hover for details.</p><div class="graph" style="max-height:none">${sequenceChartSvg(input.chart)}</div></section>`
    : '';
  const body = `<header><h1>${escapeHtml(input.title)}</h1><div>${badge}<span class="meta">${escapeHtml(input.summary)}${input.encodedPath ? ` · path ${escapeHtml(input.encodedPath)}` : ''}</span></div></header>
<main>
<section class="row"><div class="card"><h2>Path (${input.steps.length} step${input.steps.length === 1 ? '' : 's'})</h2><ol start="0" style="margin:0;padding-left:28px">${steps}</ol></div>
<div class="card"><h2>Final state</h2><pre class="words">${escapeHtml(input.finalState)}</pre></div></section>
${chart}
</main>`;
  return page(input.title, REPORT_CSS, body);
}
