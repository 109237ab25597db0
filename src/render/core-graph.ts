/**
 * The minimal core as plain graph data (lanes, nodes, edges, highlights). DOT, SVG and the HTML
 * report are all drawn from this one object, so they cannot disagree.
 */
import type { Explanation } from '../../consistency/explain/index.js';
import type { Operation, SequentialModel } from '../../consistency/model.js';

export type NodeRole = 'failing' | 'rejected' | 'plain';

export interface GraphNode {
  /** Operation.id. */
  readonly id: number;
  /** `f value`, e.g. `read 3`. */
  readonly label: string;
  readonly status: Operation<unknown, unknown>['status'];
  /** Why it is highlighted: the engine's failing op, an op some order rejects, or neither. */
  readonly role: NodeRole;
}

export interface GraphLane {
  readonly process: string;
  /** Node ids in call order. */
  readonly nodes: readonly number[];
}

export interface CoreGraph {
  readonly title: string;
  readonly lanes: readonly GraphLane[];
  readonly nodes: readonly GraphNode[];
  /** Precedence edges between node ids, transitively reduced. */
  readonly edges: readonly { readonly from: number; readonly to: number }[];
  /** What an edge means: real-time precedence or program order. */
  readonly edgeMeaning: string;
}

export function coreGraph<S, I, O>(explanation: Explanation<I, O>, model: SequentialModel<S, I, O>): CoreGraph {
  const ops = [...explanation.core.ops].sort((a, b) => a.call - b.call || a.id - b.id);
  const rejected = new Set(explanation.rejectedIds);
  const nodes: GraphNode[] = ops.map((op) => ({
    id: op.id,
    label: model.describeOperation(op.input, op.output),
    status: op.status,
    role: op.id === explanation.failing.id ? 'failing' : rejected.has(op.id) ? 'rejected' : 'plain',
  }));
  const byProcess = new Map<string, number[]>();
  for (const op of ops) {
    const key = String(op.process);
    let lane = byProcess.get(key);
    if (!lane) byProcess.set(key, (lane = []));
    lane.push(op.id);
  }
  const lanes = [...byProcess].sort(([a], [b]) => compareProcess(a, b)).map(([process, ids]) => ({ process, nodes: ids }));
  const where = explanation.key === null ? '' : ` (key ${JSON.stringify(explanation.key)})`;
  return {
    title: `Minimal core${where}: ${ops.length} operation${ops.length === 1 ? '' : 's'}, not ${explanation.consistency}`,
    lanes,
    nodes,
    edges: explanation.precedence.map(([from, to]) => ({ from, to })),
    edgeMeaning: explanation.consistency === 'linearizable' ? 'finished before … began' : 'program order',
  };
}

/** Numeric process ids in numeric order, then the others by name. */
export function compareProcess(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  const aNum = a !== '' && Number.isFinite(na);
  const bNum = b !== '' && Number.isFinite(nb);
  if (aNum && bNum) return na - nb;
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
