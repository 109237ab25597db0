import { describe, expect, it } from 'vitest';
import { checkHistory, explainViolation, registerModel } from '../../consistency/index.js';
import type { SequenceChart } from '../../src/actor/index.js';
import { coreGraph, coreGraphToDot, renderCoreDot, renderCoreSvg, sequenceChartSvg } from '../../src/render/index.js';
import { staleReadHistory } from './fixtures.js';
import { wellFormedXmlErrors } from './xml.js';

const model = registerModel(null);

function explained() {
  const history = staleReadHistory();
  const result = checkHistory(history, model, 'linearizable');
  const explanation = explainViolation(history, model, 'linearizable', result);
  if (!explanation) throw new Error('expected a violation');
  return explanation;
}

describe('core graph', () => {
  it('has a lane per process, the core and context ops as nodes and reduced real-time edges', () => {
    const graph = coreGraph(explained(), model);
    // write 3 is context: outside the core, it cannot take effect after write 4 anyway.
    expect(graph.nodes.map((n) => [n.id, n.label, n.role])).toEqual([
      [0, 'write 3', 'context'],
      [2, 'write 4', 'plain'],
      [5, 'read 3', 'failing'],
    ]);
    expect(graph.lanes.map((l) => l.process)).toEqual(['0', '1', '2']);
    // #0 → #5 is implied by #0 → #2 → #5, so it is not drawn.
    expect(graph.edges).toEqual([
      { from: 0, to: 2 },
      { from: 2, to: 5 },
    ]);
  });

  it('explains the stale read in words', () => {
    expect(explained().text).toContain(
      'read 3 requires the value 3, but the register holds 4 after #2 write 4 by process 2, which finished before #5 began',
    );
  });

  it('DOT output is stable', () => {
    const dot = renderCoreDot(explained(), model);
    expect(dot).toBe(coreGraphToDot(coreGraph(explained(), model)));
    expect(dot).toMatchSnapshot();
  });

  it('SVG is well-formed XML with one node per core op and the failing op highlighted', async () => {
    const svg = await renderCoreSvg(explained(), model);
    expect(wellFormedXmlErrors(svg)).toEqual([]);
    expect(svg).toContain('<svg');
    for (const id of [0, 2, 5]) expect(svg).toContain(`id="op_${id}"`);
    expect(svg.match(/class="node"/g)?.length).toBe(3);
    expect(svg.match(/class="edge"/g)?.length).toBe(2);
    expect(svg).toContain('#d62728');
  });
});

describe('sequence chart', () => {
  const chart: SequenceChart = {
    lanes: [
      { id: 0, label: 'Client 0' },
      { id: 1, label: 'Server <1>' },
    ],
    steps: 4,
    actionLabels: ['Deliver Put(1) 0 → 1', 'Timeout(Retry) at 0', 'Crash 1', 'Deliver PutOk 1 → 0'],
    arrows: [
      { from: 0, to: 1, message: 'Put(1)', sentAt: 0, deliveredAt: 1 },
      { from: 1, to: 0, message: 'PutOk', sentAt: 1, deliveredAt: 4 },
      { from: 0, to: 1, message: 'Put(1) & retry', sentAt: 2 },
    ],
    events: [
      { actor: 0, step: 2, kind: 'timeout', label: 'Timeout(Retry)' },
      { actor: 1, step: 3, kind: 'crash', label: 'Crash' },
    ],
    failingStep: 4,
    property: 'linearizable',
  };

  it('is well-formed SVG with lanes, arrows, events and the failing step', () => {
    const svg = sequenceChartSvg(chart);
    expect(wellFormedXmlErrors(svg)).toEqual([]);
    expect(svg).toContain('Server &lt;1&gt;');
    expect(svg.match(/class="lane"/g)?.length).toBe(2);
    expect(svg.match(/class="message"/g)?.length).toBe(3);
    expect(svg).toContain('class="event timeout"');
    expect(svg).toContain('class="event crash"');
    expect(svg).toContain('property &quot;linearizable&quot; fails here');
    expect(svg).toContain('stroke-dasharray="5 4"');
  });
});
