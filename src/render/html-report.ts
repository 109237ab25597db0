/**
 * A self-contained HTML report of a history check: verdict, the minimal core's explanation and
 * graph, and a zoomable timeline of the partition with the witness or longest partial
 * linearization drawn over it. One file, no network: CSS, script and data are inline.
 */
import type { CheckResult, Consistency } from '../../consistency/check-result.js';
import type { Explanation } from '../../consistency/explain/index.js';
import type { Operation, SequentialModel } from '../../consistency/model.js';
import { escapeHtml, page, scriptJson } from './html.js';
import { inlineSvg } from './svg.js';
import { REPORT_CSS, TIMELINE_JS } from './timeline-assets.js';
import { timelineData } from './timeline-data.js';

export interface HistoryReportInput<S, I, O> {
  readonly history: readonly Operation<I, O>[];
  readonly model: SequentialModel<S, I, O>;
  readonly consistency: Consistency;
  readonly result: CheckResult<I, O>;
  /** From `explainViolation`; null or absent for a valid history. */
  readonly explanation?: Explanation<I, O> | null;
  /** The core graph as SVG (from `renderCoreSvg`), inlined beside the explanation. */
  readonly coreSvg?: string | null;
  /** Shown as the heading, e.g. the history's file name. */
  readonly title?: string;
}

const MAX_LISTED_ORDER = 500;

export function historyReportHtml<S, I, O>(input: HistoryReportInput<S, I, O>): string {
  const { history, model, consistency, result } = input;
  const explanation = input.explanation ?? null;
  const data = timelineData(history, model, result, explanation);
  const title = input.title ?? 'History check';
  const verdict =
    result.valid === true
      ? `<span class="badge good">${escapeHtml(consistency)}</span>`
      : result.valid === false
        ? `<span class="badge bad">not ${escapeHtml(consistency)}</span>`
        : `<span class="badge unknown">unknown (${escapeHtml(result.reason)})</span>`;
  const stats = `${history.length} operations · ${data.lanes.length} processes · model ${escapeHtml(model.name)} · ${result.stats.partitions} partition${result.stats.partitions === 1 ? '' : 's'} · ${result.stats.configurations.toLocaleString('en-US')} configurations · ${Math.round(result.stats.elapsedMs)} ms`;

  const sections: string[] = [];
  if (explanation) sections.push(coreSection(explanation, model, input.coreSvg ?? null));
  sections.push(timelineSection(data.orderName, result.valid === false));
  if (result.valid === true) sections.push(witnessSection(result.witness, model));

  const body = `<header>
<h1>${escapeHtml(title)}</h1>
<div>${verdict}<span class="meta">${stats}</span></div>
</header>
<main>
${sections.join('\n')}
</main>
<div id="tip"></div>
<script type="application/json" id="timeline-data">${scriptJson(data)}</script>`;
  return page(`${title}: ${result.valid === true ? 'valid' : result.valid === false ? 'invalid' : 'unknown'}`, REPORT_CSS, body, TIMELINE_JS);
}

/** Core and context rows in the report's table, at most (a cut-short core can be huge). */
const MAX_ROWS = 100;

function coreSection<S, I, O>(explanation: Explanation<I, O>, model: SequentialModel<S, I, O>, svg: string | null): string {
  const context = new Set(explanation.context);
  const listed = [...explanation.core.ops, ...explanation.context];
  const rows = listed
    .slice(0, MAX_ROWS)
    .map((op) => {
      const style = op.id === explanation.failing.id ? ' style="color:#9b1c1c;font-weight:600"' : context.has(op) ? ' style="color:#777"' : '';
      const status = context.has(op) ? 'context: may or may not have taken effect' : op.status === 'ok' ? 'ok' : 'indeterminate';
      const returned = op.status !== 'info' && Number.isFinite(op.return) ? op.return : '—';
      return `<tr${style}><td>#${op.id}</td><td>${escapeHtml(String(op.process))}</td><td>${escapeHtml(model.describeOperation(op.input, op.output))}</td><td>${status}</td><td>${op.call}</td><td>${returned}</td></tr>`;
    })
    .join('') + (listed.length > MAX_ROWS ? `<tr><td colspan="6">… and ${listed.length - MAX_ROWS} more</td></tr>` : '');
  const core = explanation.core;
  const note = `${core.ops.length} of ${explanation.partition.length} operations · ${core.minimal ? '1-minimal' : `not proven minimal (${core.cutShort})`} · found in ${Math.round(core.elapsedMs)} ms with ${core.checks} checks`;
  return `<section class="row" id="core">
<div class="card"><h2>Why it fails</h2><p class="hint">${escapeHtml(note)}</p><pre class="words">${escapeHtml(explanation.text)}</pre>
<table class="ops"><thead><tr><th>op</th><th>process</th><th>operation</th><th>status</th><th>call</th><th>return</th></tr></thead><tbody>${rows}</tbody></table></div>
<div class="card"><h2>The minimal core</h2><p class="hint">One box per operation, grouped by process; an arrow means “finished before the next began”. Red: the step no order can take. Faint, dashed: other operations the explanation names, each free to take effect or not.</p><div class="graph">${svg ? inlineSvg(svg) : '<p class="hint">(graph not rendered)</p>'}</div></div>
</section>`;
}

function timelineSection(orderName: string, invalid: boolean): string {
  return `<section class="card" id="timeline-card">
<h2>Timeline</h2>
<div class="toolbar">
<button data-action="fitAll">Whole history</button>${invalid ? '<button data-action="fitCore">Zoom to core</button>' : ''}<button data-action="zoomIn">Zoom in</button><button data-action="zoomOut">Zoom out</button>
<span class="hint">Wheel zooms, drag pans, shift+wheel scrolls; hover an operation for its state.</span>
<span class="legend"><span><i style="background:var(--ok)"></i>ok</span><span><i style="background:var(--info)"></i>indeterminate</span><span><i style="background:var(--fail)"></i>failed</span>${invalid ? '<span><i style="border:2px solid var(--hl)"></i>minimal core</span><span><i style="border:2px dashed #777"></i>context</span>' : ''}<span>— ${escapeHtml(orderName)}</span></span>
</div>
<div id="timeline-wrap"><canvas id="timeline"></canvas><div id="timeline-spacer"></div></div>
</section>`;
}

function witnessSection<S, I, O>(witness: readonly Operation<I, O>[], model: SequentialModel<S, I, O>): string {
  const items = witness
    .slice(0, MAX_LISTED_ORDER)
    .map((op) => `<li>#${op.id} ${escapeHtml(model.describeOperation(op.input, op.output))} <span class="hint">p${escapeHtml(String(op.process))}</span></li>`)
    .join('');
  const more = witness.length > MAX_LISTED_ORDER ? `<p class="hint">… and ${witness.length - MAX_LISTED_ORDER} more (hover the timeline).</p>` : '';
  return `<section class="card"><h2>Witness order</h2><p class="hint">An order the model accepts that respects real time.</p><ol class="order">${items}</ol>${more}</section>`;
}
