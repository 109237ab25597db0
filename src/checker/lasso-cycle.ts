/**
 * The cycle of a lasso counterexample: a fair cycle through a given state of a fair component
 * (liveness-scc.ts), as edges of the explored graph. Internal.
 *
 * The cycle is built from loops through the root, one class at a time. Each round picks a class
 * the cycle so far is unfair to: a weak class enabled at every state of the cycle but not taken,
 * or a strong class enabled at some state of it but not taken. It then adds a loop that takes the
 * class (an edge of it inside the component exists: the component is fair, so a strong class
 * enabled in it, or a weak class enabled at all of its states, is taken inside it), or, for a weak
 * class the component does not take, a loop through a state of the component where the class is
 * disabled (one exists, or the component would not be fair). The cycle only grows, so a class once
 * resolved stays resolved: at most one round per class. A cycle over a few loops is much shorter
 * than one through every state of the component.
 */
import type { LivenessGraph } from './liveness-graph.js';

export class CycleBuilder {
  private readonly members: number[] = [];
  private readonly onCycle: Uint8Array;
  private readonly cycleNodes: number[] = [];
  private readonly takenOnCycle = new Set<number>();
  private readonly edges: number[] = [];
  private readonly id: number;

  constructor(
    private readonly g: LivenessGraph,
    /** Per node: its fair component, or -1. */
    private readonly comp: Int32Array,
    private readonly root: number,
  ) {
    this.id = comp[root];
    for (let v = 0; v < g.size; v++) if (comp[v] === this.id) this.members.push(v);
    this.onCycle = new Uint8Array(g.size);
  }

  build(): number[] {
    const root = this.root;
    this.add(this.loopThrough(root, (v) => v === root));
    for (let round = 0; round <= this.g.classCount; round++) {
      const c = this.unresolvedClass();
      if (c === undefined) return this.edges;
      const edge = this.edgeOfClassInside(c);
      if (edge !== undefined) {
        const [from, e] = edge;
        this.add([...this.path(root, (v) => v === from), e, ...this.path(this.g.edgeTarget[e], (v) => v === root)]);
      } else {
        const away = this.members.find((v) => !this.enables(v, c));
        if (away === undefined) break;
        this.add([...this.path(root, (v) => v === away), ...this.path(away, (v) => v === root)]);
      }
    }
    throw new Error('internal error: no fair cycle in a component classified as fair');
  }

  private add(edges: readonly number[]): void {
    const g = this.g;
    for (const e of edges) {
      this.edges.push(e);
      if (g.edgeClass[e] > 0) this.takenOnCycle.add(g.edgeClass[e] - 1);
      const w = g.edgeTarget[e];
      if (this.onCycle[w] === 0) {
        this.onCycle[w] = 1;
        this.cycleNodes.push(w);
      }
    }
  }

  /** A class the cycle so far is unfair to, or undefined. */
  private unresolvedClass(): number | undefined {
    const g = this.g;
    const count = new Map<number, number>();
    for (const v of this.cycleNodes) {
      const seen = new Set<number>();
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) {
        const c = g.edgeClass[e] - 1;
        if (c >= 0 && !seen.has(c)) {
          seen.add(c);
          count.set(c, (count.get(c) ?? 0) + 1);
        }
      }
    }
    for (const [c, k] of count) {
      if (this.takenOnCycle.has(c)) continue;
      if (g.classStrong[c] === 1 || k === this.cycleNodes.length) return c;
    }
    return undefined;
  }

  private enables(v: number, c: number): boolean {
    const g = this.g;
    for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) if (g.edgeClass[e] === c + 1) return true;
    return false;
  }

  private edgeOfClassInside(c: number): [from: number, edge: number] | undefined {
    const g = this.g;
    for (const v of this.members) {
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) if (g.edgeClass[e] === c + 1 && this.comp[g.edgeTarget[e]] === this.id) return [v, e];
    }
    return undefined;
  }

  /** A shortest path inside the component from `from` to a goal state (empty when `from` is one). */
  private path(from: number, goal: (v: number) => boolean): number[] {
    return goal(from) ? [] : this.loopThrough(from, goal);
  }

  /** A shortest path of at least one edge inside the component from `from` to a goal state. */
  private loopThrough(from: number, goal: (v: number) => boolean): number[] {
    const g = this.g;
    const parentEdge = new Map<number, number>();
    const parentNode = new Map<number, number>();
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      for (let e = g.edgeStart[v]; e < g.edgeEnd[v]; e++) {
        const w = g.edgeTarget[e];
        if (this.comp[w] !== this.id || parentEdge.has(w)) continue;
        parentEdge.set(w, e);
        parentNode.set(w, v);
        if (goal(w)) {
          const edges: number[] = [];
          let cur = w;
          do {
            edges.push(parentEdge.get(cur)!);
            cur = parentNode.get(cur)!;
          } while (cur !== from);
          return edges.reverse();
        }
        queue.push(w);
      }
    }
    throw new Error('internal error: a strongly connected component is not strongly connected');
  }
}
