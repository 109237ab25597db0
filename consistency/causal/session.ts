/**
 * Terry et al.'s session guarantees (1994) for a history whose reads-from is fixed.
 *
 * Terry's model, in our words: every write is accepted by some server and spreads to the others;
 * all servers order the writes they hold by one write order; a read is answered by some server
 * from the writes it holds at that moment (its database), and returns the value of the last
 * write of its key there, or the initial value when it holds none. A history satisfies a
 * guarantee when some write order and some databases explain every read and respect:
 * - read-your-writes: a read's database holds every earlier write of its session;
 * - monotonic-reads: it holds the writes relevant to every earlier read of its session (for a
 *   register read, the write it returned);
 * - monotonic-writes: a database holding a write of a session holds the session's earlier
 *   writes, and the write order puts them first;
 * - writes-follow-reads: a database holding a write holds the writes relevant to the reads its
 *   session made before it, and the write order puts those first.
 * Databases only fill up over time, so nothing a read sees comes after it: program order plus
 * reads-from must be acyclic at every level.
 *
 * Since adding writes to a database only constrains more, the smallest databases are the ones to
 * try: a read's source plus what its guarantee forces. The check is then that the write order the
 * forced databases require is acyclic.
 *
 * Soundness of the monotonic-writes and writes-follow-reads shortcut (they reduce to the
 * common conditions): everything they force into a database, and every pair they force into the
 * write order, goes forward along program order plus reads-from: a session's earlier writes come
 * before its later ones, and the source of an earlier read comes before the read, which comes
 * before the session's later writes. A read's forced database then holds only writes that
 * precede its source, and the forced order pairs follow that same acyclic order, so a
 * topological order of program order plus reads-from is a write order in which each read's source
 * is the last write of its key in its database. The differential test against a brute-force
 * search over write orders checks this.
 */
import { FREE_READ, FROM_INIT } from './history.js';
import type { CausalHistory, CausalLevel } from './history.js';
import { orderClocks } from './order.js';
import { readsFrom } from './patterns.js';
import { causalLabeller, coreOf, stepsAlong } from './violation.js';
import type { Step, Violation } from './violation.js';

export type SessionLevel = Extract<CausalLevel, 'read-your-writes' | 'monotonic-reads' | 'monotonic-writes' | 'writes-follow-reads'>;

export function findSessionViolation(h: CausalHistory, source: Int32Array, level: SessionLevel): Violation | null {
  const ordered = orderClocks(h, readsFrom(h, source));
  if ('cycle' in ordered) {
    const steps = stepsAlong(ordered.cycle, true, causalLabeller(h, source, () => ({ relation: 'wr' })));
    return { pattern: 'CyclicCO', core: coreOf(steps), steps, cyclic: true, subject: {} };
  }
  if (level === 'monotonic-writes' || level === 'writes-follow-reads') return null;
  const order = new WriteOrder(h.n);
  for (let s = 0; s < h.sessions; s++) {
    const found = level === 'read-your-writes' ? readYourWrites(h, source, s, order) : monotonicReads(h, source, s, order);
    if (found !== null) return found;
  }
  return order.cycle();
}

/**
 * The write order's forced pairs, each with the read that forces it. Nodes are writes (operation
 * indices below `n`) and helper nodes (from `n` up) that stand for "every write of a group": an
 * edge into a helper from each member and one out of it reaches the same writes as an edge from
 * every member, so the order has the same cycles with far fewer edges. A cycle is reported with
 * the helpers left out, each run through helpers becoming one step.
 */
class WriteOrder {
  private readonly succ = new Map<number, number[]>();
  private readonly because = new Map<number, number>();
  private helpers = 0;

  constructor(private readonly n: number) {}

  newHelper(): number {
    return this.n + this.helpers++;
  }

  /** Adds `from` before `to`; `read` (or -1 for helper edges) is what forces it. */
  add(from: number, to: number, read: number): void {
    const key = from * (2 * this.n + 1) + to;
    if (this.because.has(key)) return;
    this.because.set(key, read);
    const list = this.succ.get(from);
    if (list === undefined) this.succ.set(from, [to]);
    else list.push(to);
  }

  /** A cycle of forced pairs as a CyclicWriteOrder violation, or null (iterative DFS). */
  cycle(): Violation | null {
    const state = new Map<number, 1 | 2>();
    for (const root of this.succ.keys()) {
      if (state.has(root)) continue;
      const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
      state.set(root, 1);
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const out = this.succ.get(top.node) ?? [];
        if (top.next >= out.length) {
          state.set(top.node, 2);
          stack.pop();
          continue;
        }
        const w = out[top.next++];
        const seen = state.get(w);
        if (seen === 1) return this.violation(stack.slice(stack.findIndex((f) => f.node === w)).map((f) => f.node));
        if (seen === undefined) {
          state.set(w, 1);
          stack.push({ node: w, next: 0 });
        }
      }
    }
    return null;
  }

  private violation(cycle: readonly number[]): Violation {
    // Rotate so the cycle starts at a write, then join each run through helpers into one step.
    const start = cycle.findIndex((v) => v < this.n);
    const nodes = [...cycle.slice(start), ...cycle.slice(0, start)];
    const steps: Step[] = [];
    for (let i = 0; i < nodes.length; ) {
      const from = nodes[i];
      let j = i + 1;
      while (nodes[j % nodes.length] >= this.n) j++;
      const to = nodes[j % nodes.length];
      const last = nodes[(j - 1) % nodes.length];
      steps.push({ from, to, relation: 'ar', because: this.because.get(last * (2 * this.n + 1) + to) });
      i = j;
    }
    return { pattern: 'CyclicWriteOrder', core: coreOf(steps), steps, cyclic: true, subject: {} };
  }
}

/**
 * A read's database holds its session's earlier writes: one of its key makes a read of the
 * initial value impossible, and must come before the read's source in the write order.
 */
function readYourWrites(h: CausalHistory, source: Int32Array, s: number, order: WriteOrder): Violation | null {
  // Per key: the session's writes so far, and the helper node standing for the first k of them.
  const ownWrites = new Map<number, number[]>();
  const ownIndex = new Map<number, number>();
  const prefixes = new Map<number, number[]>();
  /** A node preceded by each of the first `k` writes of key `x` (k ≥ 1). */
  const prefix = (x: number, k: number): number => {
    const list = prefixes.get(x) ?? [];
    prefixes.set(x, list);
    const writes = ownWrites.get(x)!;
    while (list.length < k) {
      const helper = order.newHelper();
      order.add(writes[list.length], helper, -1);
      if (list.length > 0) order.add(list[list.length - 1], helper, -1);
      list.push(helper);
    }
    return list[k - 1];
  };
  for (const v of h.sessionOps[s]) {
    const x = h.keyOf[v];
    if (h.isWrite[v]) {
      const list = ownWrites.get(x);
      if (list === undefined) ownWrites.set(x, [v]);
      else list.push(v);
      ownIndex.set(v, ownWrites.get(x)!.length - 1);
      continue;
    }
    const own = ownWrites.get(x) ?? [];
    const w = source[v];
    if (w === FREE_READ || own.length === 0) continue;
    if (w === FROM_INIT) {
      const last = own[own.length - 1];
      const steps: Step[] = [{ from: last, to: v, relation: 'po' }];
      return { pattern: 'InitReadAfterOwnWrite', core: coreOf(steps), steps, cyclic: false, subject: { read: v, write: last } };
    }
    // Every earlier write of x by the session but the source itself precedes the source.
    const mine = h.sessionOf[w] === s ? (ownIndex.get(w) ?? -1) : -1;
    if (mine < 0) order.add(prefix(x, own.length), w, v);
    else {
      if (mine > 0) order.add(prefix(x, mine), w, v);
      // Own writes after the source: rarely many, added one by one.
      for (let k = mine + 1; k < own.length; k++) order.add(own[k], w, v);
    }
  }
  return null;
}

/**
 * A read's database holds the sources of its session's earlier reads: after a read of x returned
 * a write, a later read of x cannot return the initial value, and its source comes no earlier in
 * the write order. The previous read of x suffices: its own source already follows the earlier ones.
 */
function monotonicReads(h: CausalHistory, source: Int32Array, s: number, order: WriteOrder): Violation | null {
  const lastRead = new Map<number, number>();
  for (const v of h.sessionOps[s]) {
    const w = source[v];
    if (h.isWrite[v] || w === FREE_READ) continue;
    const x = h.keyOf[v];
    const earlier = lastRead.get(x);
    if (earlier !== undefined) {
      const seen = source[earlier];
      if (w === FROM_INIT) {
        const steps: Step[] = [
          { from: seen, to: earlier, relation: 'wr' },
          { from: earlier, to: v, relation: 'po' },
        ];
        return { pattern: 'InitReadAfterRead', core: coreOf(steps), steps, cyclic: false, subject: { read: v, write: seen } };
      }
      if (seen !== w) order.add(seen, w, v);
    }
    if (w !== FROM_INIT) lastRead.set(x, v);
  }
  return null;
}
