/**
 * A message sequence chart of an actor-model path as SVG, drawn directly (a chart is a grid, so
 * Graphviz's layout would only fight it): one lifeline per actor, one arrow per message from its
 * send step to its delivery step, timeouts/crashes/recoveries/random choices as marked events,
 * and the failing step as a red band. A lasso (a liveness counterexample that ends in a cycle) has
 * its cycle's steps shaded and an arrow from the last step back to the state the cycle starts at.
 */
import type { SequenceChart } from '../actor/index.js';
import { escapeHtml } from './html.js';

const LANE_W = 190;
const LEFT = 70;
const TOP = 56;
const ROW = 38;
const EVENT_STYLE: Record<SequenceChart['events'][number]['kind'], { fill: string; mark: string }> = {
  timeout: { fill: '#E08600', mark: 'T' },
  crash: { fill: '#D62728', mark: '✕' },
  recover: { fill: '#2CA02C', mark: '↻' },
  random: { fill: '#9467BD', mark: '?' },
};

export function sequenceChartSvg(chart: SequenceChart): string {
  const laneX = (id: number): number => {
    const k = chart.lanes.findIndex((l) => l.id === id);
    return LEFT + (k < 0 ? 0 : k) * LANE_W + LANE_W / 2;
  };
  const stepY = (step: number): number => TOP + step * ROW + ROW / 2;
  const width = LEFT + Math.max(1, chart.lanes.length) * LANE_W + 20;
  const bottom = stepY(chart.steps) + ROW;
  const height = bottom + 16;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker>');
  out.push('<marker id="arrow-lost" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#999"/></marker>');
  out.push('<marker id="arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f77b4"/></marker></defs>');
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);

  // Step rows: zebra stripes, numbers, and the action as a tooltip.
  for (let step = 0; step <= chart.steps; step++) {
    const y = stepY(step) - ROW / 2;
    if (step % 2 === 0) out.push(`<rect x="0" y="${y}" width="${width}" height="${ROW}" fill="#f7f9fb"/>`);
    const label = step === 0 ? 'init' : chart.actionLabels[step - 1] ?? '';
    out.push(`<text class="step" x="8" y="${stepY(step) + 4}" fill="#5b6673">${step === 0 ? 'init' : `step ${step}`}<title>${escapeHtml(label)}</title></text>`);
  }
  if (chart.cycleStart !== undefined) out.push(cycleSvg(chart.cycleStart, chart.steps, width, stepY));
  if (chart.failingStep !== undefined && chart.cycleStart === undefined) {
    const y = stepY(chart.failingStep) - ROW / 2;
    const what = chart.property ? `property "${chart.property}" fails here` : 'fails here';
    out.push(`<g class="failing-step"><rect x="0" y="${y}" width="${width}" height="${ROW}" fill="#D62728" fill-opacity="0.12" stroke="#D62728" stroke-width="1.5"/>`);
    out.push(`<text x="${width - 8}" y="${y + 12}" text-anchor="end" fill="#9b1c1c" font-weight="bold">${escapeHtml(what)}</text></g>`);
  }

  for (const lane of chart.lanes) {
    const x = laneX(lane.id);
    out.push(`<g class="lane"><line x1="${x}" y1="${TOP - 4}" x2="${x}" y2="${bottom}" stroke="#9aa5b1" stroke-dasharray="4 3"/>`);
    out.push(`<rect x="${x - 70}" y="10" width="140" height="28" rx="6" fill="#6DB6FE" stroke="#3b82c4"/>`);
    out.push(`<text x="${x}" y="28" text-anchor="middle" font-weight="bold">${escapeHtml(lane.label)}</text></g>`);
  }

  for (const arrow of chart.arrows) {
    const x1 = laneX(arrow.from);
    const y1 = stepY(arrow.sentAt);
    const delivered = arrow.deliveredAt !== undefined;
    const endStep = arrow.deliveredAt ?? arrow.droppedAt;
    const y2 = endStep !== undefined ? stepY(endStep) : bottom - 6;
    let x2 = laneX(arrow.to);
    if (!delivered) x2 = x1 + (x2 - x1) * 0.6;
    const colour = delivered ? '#333' : '#999';
    const dash = delivered ? '' : ' stroke-dasharray="5 4"';
    const marker = delivered ? 'url(#arrow)' : 'url(#arrow-lost)';
    const status = delivered ? `delivered at step ${arrow.deliveredAt}` : arrow.droppedAt !== undefined ? `dropped at step ${arrow.droppedAt}` : 'never delivered';
    out.push(`<g class="message"><title>${escapeHtml(`${arrow.message}: sent at step ${arrow.sentAt}, ${status}`)}</title>`);
    if (arrow.from === arrow.to) {
      out.push(`<path d="M${x1},${y1} C${x1 + 60},${y1} ${x1 + 60},${y2} ${x1 + 4},${y2}" fill="none" stroke="${colour}"${dash} marker-end="${marker}"/>`);
    } else {
      out.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${colour}" stroke-width="1.3"${dash} marker-end="${marker}"/>`);
    }
    if (!delivered && arrow.droppedAt !== undefined) out.push(`<text x="${x2 + 4}" y="${y2 + 4}" fill="#D62728" font-weight="bold">✕ dropped</text>`);
    const mx = arrow.from === arrow.to ? x1 + 48 : (x1 + x2) / 2;
    const my = (y1 + y2) / 2 - 4;
    const text = arrow.message.length > 28 ? `${arrow.message.slice(0, 27)}…` : arrow.message;
    out.push(`<text x="${mx}" y="${my}" text-anchor="middle" fill="${delivered ? '#1d232b' : '#777'}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(text)}</text></g>`);
  }

  for (const event of chart.events) {
    const x = laneX(event.actor);
    const y = stepY(event.step);
    const style = EVENT_STYLE[event.kind];
    out.push(`<g class="event ${event.kind}"><title>${escapeHtml(`${event.kind} at step ${event.step}: ${event.label}`)}</title>`);
    out.push(`<circle cx="${x}" cy="${y}" r="9" fill="${style.fill}" stroke="#fff" stroke-width="1.5"/>`);
    out.push(`<text x="${x}" y="${y + 4}" text-anchor="middle" fill="#fff" font-size="11" font-weight="bold">${style.mark}</text>`);
    out.push(`<text x="${x + 13}" y="${y + 4}" fill="${style.fill}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(event.label)}</text></g>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The cycle of a lasso: its steps shaded, and an arrow on the right from the last step back to its first state. */
function cycleSvg(start: number, steps: number, width: number, stepY: (step: number) => number): string {
  const top = stepY(start) - ROW / 2;
  const out = [`<g class="cycle"><title>${escapeHtml(`the cycle: steps ${start + 1} to ${steps} repeat forever, back to the state of step ${start}`)}</title>`];
  out.push(`<rect class="cycle-steps" x="0" y="${stepY(start) + ROW / 2}" width="${width}" height="${(steps - start) * ROW}" fill="#1f77b4" fill-opacity="0.10"/>`);
  out.push(`<line x1="0" y1="${top}" x2="${width}" y2="${top}" stroke="#1f77b4" stroke-width="1.5" stroke-dasharray="6 3"/>`);
  out.push(`<text class="cycle-start" x="${width - 28}" y="${top + 12}" text-anchor="end" fill="#1f4e79" font-weight="bold">cycle starts here (step ${start})</text>`);
  const x = width - 12;
  const from = stepY(steps);
  const to = stepY(start);
  out.push(`<path class="cycle-back" d="M${x - 10},${from} C${x + 4},${from} ${x + 4},${to} ${x - 8},${to}" fill="none" stroke="#1f77b4" stroke-width="2" marker-end="url(#arrow-cycle)"/>`);
  out.push('</g>');
  return out.join('\n');
}
