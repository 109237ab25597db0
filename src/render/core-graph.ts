/**
 * The minimal core as plain graph data (lanes, nodes, edges, highlights). DOT, SVG and the HTML
 * report are all drawn from this one object, so they cannot disagree.
 */
import type { Explanation } from '../../consistency/explain/index.js';
import type { Operation, SequentialModel } from '../../consistency/model.js';

/**
 * `context`: an operation outside the core that the explanation names (it may or may not have
 * taken effect); drawn faint, with its interval, so the eye goes to the core first.
 */
export type NodeRole = 'failing' | 'rejected' | 'plain' | 'context';

export interface GraphNode {
  /** Operation.id. */
  readonly id: number;
  /** `f value`, e.g. `read 3`. */
  readonly label: string;
  readonly status: Operation<unknown, unknown>['status'];
  /** Why it is highlighted: the engine's failing op, an op some order rejects, neither, or context. */
  readonly role: NodeRole;
  /** `[call, return]` on the history's clock (`[call, …)` when it never returned). */
  readonly interval: string;
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

/** Nodes drawn at most. */
const MAX_NODES = 120;

export function coreGraph<S, I, O>(explanation: Explanation<I, O>, model: SequentialModel<S, I, O>): CoreGraph {
  const context = new Set(explanation.context);
  const all = [...explanation.core.ops, ...explanation.context].sort((a, b) => a.call - b.call || a.id - b.id);
  // A core cut short by the time bound can hold thousands of ops; Graphviz would take minutes and
  // nobody could read it. Draw the ones called last (where the failing op is), and say so.
  const ops = all.length <= MAX_NODES ? all : all.filter((op) => !context.has(op)).slice(-MAX_NODES);
  const shownIds = new Set(ops.map((op) => op.id));
  const rejected = new Set(explanation.rejectedIds);
  const nodes: GraphNode[] = ops.map((op) => ({
    id: op.id,
    label: model.describeOperation(op.input, op.output),
    status: op.status,
    role: context.has(op) ? 'context' : op.id === explanation.failing.id ? 'failing' : rejected.has(op.id) ? 'rejected' : 'plain',
    interval: Number.isFinite(op.return) && op.status !== 'info' ? `[${op.call}, ${op.return}]` : `[${op.call}, …)`,
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
    title:
      `Minimal core${where}: ${explanation.core.ops.length} operation${explanation.core.ops.length === 1 ? '' : 's'}, not ${explanation.consistency}` +
      (ops.length < all.length
        ? ` (the ${ops.length} called last are drawn)`
        : context.size > 0
          ? ` (faint: ${context.size} other operation${context.size === 1 ? '' : 's'} named, each may or may not have taken effect)`
          : ''),
    lanes,
    nodes,
    edges: explanation.precedence
      .filter(([from, to]) => shownIds.has(from) && shownIds.has(to))
      .map(([from, to]) => ({ from, to }))
      .sort((a, b) => a.from - b.from || a.to - b.to),
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
