/**
 * DOT text for a core graph: one cluster (lane) per process, ops left to right in call order,
 * precedence edges, the rejected steps highlighted. Output depends only on the graph, so it is
 * stable for a given input (snapshot-tested).
 */
import type { CoreGraph, GraphNode } from './core-graph.js';

/** Jepsen's colours: ok blue, indeterminate orange, failed pink. */
export const STATUS_COLOURS: Record<GraphNode['status'], string> = { ok: '#6DB6FE', info: '#FFAA26', optional: '#FFAA26', fail: '#FEB5DA' };
export const HIGHLIGHT = '#D62728';

/** A DOT double-quoted string. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function coreGraphToDot(graph: CoreGraph): string {
  const lines: string[] = [];
  lines.push('digraph core {');
  lines.push(`  label=${dotString(graph.title)};`);
  lines.push('  labelloc=t; fontname="Helvetica"; fontsize=14; rankdir=LR; newrank=true; nodesep=0.3; ranksep=0.5;');
  lines.push('  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, penwidth=1, color="#444444"];');
  lines.push('  edge [color="#555555", arrowsize=0.7];');
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  graph.lanes.forEach((lane, k) => {
    lines.push(`  subgraph cluster_${k} {`);
    lines.push(`    label=${dotString(`process ${lane.process}`)}; style="rounded"; color="#BBBBBB"; fontsize=11;`);
    for (const id of lane.nodes) {
      const node = nodes.get(id) as GraphNode;
      const attrs = [
        `label=${dotString(`#${node.id}\n${node.label}${node.status === 'info' ? '\n(indeterminate)' : ''}`)}`,
        `fillcolor=${dotString(STATUS_COLOURS[node.status])}`,
        `tooltip=${dotString(`#${node.id} ${node.label} (${node.role === 'plain' ? node.status : node.role === 'failing' ? 'the failing op' : 'rejected in some order'})`)}`,
        `id=${dotString(`op_${node.id}`)}`,
      ];
      if (node.role !== 'plain') attrs.push(`color=${dotString(HIGHLIGHT)}`, `penwidth=${node.role === 'failing' ? 3 : 2}`, 'fontcolor="#7A0000"');
      lines.push(`    op${node.id} [${attrs.join(', ')}];`);
    }
    // Invisible edges keep a process's ops in call order even without precedence edges.
    for (let i = 1; i < lane.nodes.length; i++) lines.push(`    op${lane.nodes[i - 1]} -> op${lane.nodes[i]} [style=invis];`);
    lines.push('  }');
  });
  for (const edge of graph.edges) lines.push(`  op${edge.from} -> op${edge.to} [tooltip=${dotString(graph.edgeMeaning)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
