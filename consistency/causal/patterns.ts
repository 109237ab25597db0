/**
 * The bad patterns of Bouajjani, Enea, Guerraoui and Hamza (POPL 2017) for a history whose
 * reads-from is fixed (a differentiated history, or one choice of sources in the exact search).
 * Their theorem: such a history is CC iff it has none of CyclicCO, WriteCOInitRead, ThinAirRead
 * and WriteCORead; CCv iff, besides, CyclicCF is absent; CM iff, besides the CC ones,
 * WriteHBInitRead and CyclicHB are absent. Thin-air reads are found before (a read with no
 * candidate source), so `source` here names a write, FROM_INIT or FREE_READ for every read.
 *
 * Everything is computed with the clocks of order.ts, so each check is O(n·S·log n) except
 * causal memory, which repeats an O(n·S·log n) pass per session until its order stops growing.
 */
import { FREE_READ, FROM_INIT } from './history.js';
import type { CausalHistory } from './history.js';
import { chainBetween, orderClocks, precedes, WriteIndex } from './order.js';
import type { Predecessors } from './order.js';
import { causalLabeller, coreOf, stepsAlong } from './violation.js';
import type { Labeller, Step, Violation } from './violation.js';

export type CausalModelLevel = 'causal' | 'causal-convergence' | 'causal-memory';

/** Reads-from as predecessor edges. */
export function readsFrom(h: CausalHistory, source: Int32Array): Predecessors {
  return (v, visit) => {
    if (!h.isWrite[v] && source[v] >= 0) visit(source[v]);
  };
}

/** Extra edges kept as predecessor lists, with the read that forced each. */
class ForcedEdges {
  readonly preds = new Map<number, number[]>();
  readonly because = new Map<string, number>();

  add(from: number, to: number, read: number): boolean {
    const key = `${from},${to}`;
    if (this.because.has(key)) return false;
    this.because.set(key, read);
    const list = this.preds.get(to);
    if (list === undefined) this.preds.set(to, [from]);
    else list.push(from);
    return true;
  }

  with(base: Predecessors): Predecessors {
    return (v, visit) => {
      base(v, visit);
      for (const u of this.preds.get(v) ?? []) visit(u);
    };
  }

  labeller(relation: 'cf' | 'hb'): Labeller {
    return (a, b) => ({ relation, because: this.because.get(`${a},${b}`) });
  }
}

/** The first bad pattern of `level` in the history with these sources, or null. */
export function findCausalViolation(h: CausalHistory, source: Int32Array, level: CausalModelLevel): Violation | null {
  const wr = readsFrom(h, source);
  const plain = causalLabeller(h, source, () => ({ relation: 'wr' }));
  const ordered = orderClocks(h, wr);
  if ('cycle' in ordered) {
    const steps = stepsAlong(ordered.cycle, true, plain);
    return { pattern: 'CyclicCO', core: coreOf(steps), steps, cyclic: true, subject: {} };
  }
  const { clocks } = ordered;
  const writes = new WriteIndex(h);
  const chain = (from: number, to: number): Step[] => stepsAlong(chainBetween(h, clocks, wr, from, to), false, plain);

  for (let v = 0; v < h.n; v++) {
    if (h.isWrite[v] || source[v] === FREE_READ) continue;
    const x = h.keyOf[v];
    let found: Violation | null = null;
    if (source[v] === FROM_INIT) {
      // WriteCOInitRead: a write of x causally before a read of x's initial value.
      writes.lastInPast(x, clocks, v, (w) => {
        if (found === null && precedes(h, clocks, w, v)) {
          const steps = chain(w, v);
          found = { pattern: 'WriteCOInitRead', core: coreOf(steps), steps, cyclic: false, subject: { read: v, write: w } };
        }
      });
    } else {
      // WriteCORead: the write read from is causally overwritten before the read. Within a
      // session, writes of x after one that follows w1 also follow it, so the last write of x
      // in each session's part of the read's past is the one to test.
      const w1 = source[v];
      writes.lastInPast(x, clocks, v, (w2) => {
        if (found === null && w2 !== w1 && precedes(h, clocks, w1, w2)) {
          const steps = [...chain(w1, w2), ...chain(w2, v)];
          found = { pattern: 'WriteCORead', core: coreOf(steps, [v]), steps: [{ from: w1, to: v, relation: 'wr' }, ...steps], cyclic: false, subject: { read: v, write: w1, overwriter: w2 } };
        }
      });
    }
    if (found !== null) return found;
  }
  if (level === 'causal') return null;
  return level === 'causal-convergence' ? findCyclicCF(h, source, clocks, writes, wr) : findCausalMemoryViolation(h, source, writes, wr);
}

/**
 * CyclicCF: w1 cf w2 when both write x and some read of w2 has w1 in its causal past; co ∪ cf
 * must be acyclic. Only the last write of x per session in the read's past gets an edge: the
 * earlier ones reach it by program order, so the cycles are the same.
 */
function findCyclicCF(h: CausalHistory, source: Int32Array, clocks: Int32Array, writes: WriteIndex, wr: Predecessors): Violation | null {
  const cf = new ForcedEdges();
  for (let v = 0; v < h.n; v++) {
    const w2 = source[v];
    if (h.isWrite[v] || w2 < 0) continue;
    writes.lastInPast(h.keyOf[v], clocks, v, (w1) => {
      if (w1 !== w2) cf.add(w1, w2, v);
    });
  }
  const ordered = orderClocks(h, cf.with(wr));
  if (!('cycle' in ordered)) return null;
  const steps = stepsAlong(ordered.cycle, true, causalLabeller(h, source, cf.labeller('cf')));
  return { pattern: 'CyclicCF', core: coreOf(steps), steps, cyclic: true, subject: {} };
}

/**
 * Causal memory: for each session s, hb_s is the smallest transitive order containing causal
 * order and, for every read r of s that read w2, an edge w1 → w2 from every other write of the
 * key in r's hb_s-past. It grows with the session's reads, so the last operation of s has the
 * largest: checking it there covers every operation of s. WriteHBInitRead: a read of s returns
 * the initial value though a write of the key is in its hb_s-past. CyclicHB: hb_s is cyclic.
 * The edges are added until none is new; each round recomputes the clocks.
 */
function findCausalMemoryViolation(h: CausalHistory, source: Int32Array, writes: WriteIndex, wr: Predecessors): Violation | null {
  for (let s = 0; s < h.sessions; s++) {
    const hb = new ForcedEdges();
    const label = causalLabeller(h, source, hb.labeller('hb'));
    while (true) {
      const preds = hb.with(wr);
      const ordered = orderClocks(h, preds);
      if ('cycle' in ordered) {
        const steps = stepsAlong(ordered.cycle, true, label);
        return { pattern: 'CyclicHB', core: coreOf(steps), steps, cyclic: true, subject: {} };
      }
      const { clocks } = ordered;
      let grew = false;
      for (const v of h.sessionOps[s]) {
        if (h.isWrite[v] || source[v] === FREE_READ) continue;
        const w2 = source[v];
        let initBreach = -1;
        writes.lastInPast(h.keyOf[v], clocks, v, (w1) => {
          if (w2 === FROM_INIT) {
            if (initBreach < 0 && precedes(h, clocks, w1, v)) initBreach = w1;
          } else if (w1 !== w2 && !precedes(h, clocks, w1, w2) && hb.add(w1, w2, v)) grew = true;
        });
        if (initBreach >= 0) {
          const steps = stepsAlong(chainBetween(h, clocks, preds, initBreach, v), false, label);
          return { pattern: 'WriteHBInitRead', core: coreOf(steps), steps, cyclic: false, subject: { read: v, write: initBreach } };
        }
      }
      if (!grew) break;
    }
  }
  return null;
}
