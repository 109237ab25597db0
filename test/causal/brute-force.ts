/**
 * Brute-force deciders written from the definitions, for the differential tests. Histories are
 * tiny (≤ 8 operations): relations are boolean matrices, serializations are enumerated.
 *
 * Two reductions keep the enumeration finite; both are proved here, not taken from the code under test.
 * - Causal order. The definitions ask for some partial order co ⊇ po. Given one that works,
 *   keep only po and, for every operation o whose serialization is required, edges w → o from
 *   the writes o's serialization makes its visible reads read (the last write of their key before
 *   them). Every such edge was in co, so the serializations restricted to the new, smaller pasts
 *   still respect it, and each visible read still has its write as the last one of its key before
 *   it (only other writes went away). Hence: CC and CCv need only co = (po ∪ wr)+ for some choice
 *   of sources wr; CM needs co = (po ∪ E)+ for a set E of edges from a write to a read o, where
 *   the write has the key and value of some read r ≤po o.
 * - Session databases. Adding writes to a database only adds constraints, so each read's
 *   database is its source plus what the guarantee forces.
 */
import type { CausalLevel } from '../../consistency/causal/index.js';

export interface TinyOp {
  readonly session: number;
  readonly kind: 'read' | 'write';
  readonly key: string;
  /** 0 is every key's initial value. */
  readonly value: number;
}

const INIT = -1;

type Matrix = boolean[][];

function closure(n: number, edges: readonly (readonly [number, number])[]): Matrix {
  const m: Matrix = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const [a, b] of edges) m[a][b] = true;
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (m[i][k]) for (let j = 0; j < n; j++) if (m[k][j]) m[i][j] = true;
  return m;
}

const acyclic = (m: Matrix): boolean => m.every((row, i) => !row[i]);

function programOrder(ops: readonly TinyOp[]): [number, number][] {
  const edges: [number, number][] = [];
  for (let a = 0; a < ops.length; a++) for (let b = a + 1; b < ops.length; b++) if (ops[a].session === ops[b].session) edges.push([a, b]);
  return edges;
}

/** Every read's possible sources: writes of its key and value, and INIT when it read 0. */
function sourceChoices(ops: readonly TinyOp[]): { reads: number[]; choices: number[][] } {
  const reads: number[] = [];
  const choices: number[][] = [];
  ops.forEach((op, r) => {
    if (op.kind !== 'read') return;
    const list = ops.flatMap((w, i) => (w.kind === 'write' && w.key === op.key && w.value === op.value ? [i] : []));
    if (op.value === 0) list.push(INIT);
    reads.push(r);
    choices.push(list);
  });
  return { reads, choices };
}

function* product(choices: readonly (readonly number[])[]): Generator<number[]> {
  if (choices.some((c) => c.length === 0)) return;
  const digit = choices.map(() => 0);
  while (true) {
    yield digit.map((d, i) => choices[i][d]);
    let i = 0;
    for (; i < choices.length; i++) {
      digit[i] = (digit[i] + 1) % choices[i].length;
      if (digit[i] !== 0) break;
    }
    if (i === choices.length) return;
  }
}

/**
 * Is there an order of `members` respecting `co` in which every read in `visible` returns the
 * value of the last write of its key before it (0 when none)? Depth-first over the orders.
 */
function serializable(ops: readonly TinyOp[], co: Matrix, members: readonly number[], visible: ReadonlySet<number>): boolean {
  const placed = new Set<number>();
  const current = new Map<string, number>();
  const step = (): boolean => {
    if (placed.size === members.length) return true;
    for (const v of members) {
      if (placed.has(v) || members.some((u) => !placed.has(u) && u !== v && co[u][v])) continue;
      const op = ops[v];
      if (op.kind === 'read' && visible.has(v) && (current.get(op.key) ?? 0) !== op.value) continue;
      const before = current.get(op.key);
      placed.add(v);
      if (op.kind === 'write') current.set(op.key, op.value);
      if (step()) return true;
      placed.delete(v);
      if (op.kind === 'write') {
        if (before === undefined) current.delete(op.key);
        else current.set(op.key, before);
      }
    }
    return false;
  };
  return step();
}

function causalConsistent(ops: readonly TinyOp[]): boolean {
  const po = programOrder(ops);
  const { reads, choices } = sourceChoices(ops);
  for (const sources of product(choices)) {
    const co = closure(ops.length, [...po, ...reads.flatMap((r, i) => (sources[i] === INIT ? [] : [[sources[i], r] as [number, number]]))]);
    if (!acyclic(co)) continue;
    const ok = reads.every((r) => {
      const members = ops.flatMap((op, w) => (op.kind === 'write' && co[w][r] ? [w] : []));
      return serializable(ops, co, [...members, r], new Set([r]));
    });
    if (ok) return true;
  }
  return false;
}

function causalConvergent(ops: readonly TinyOp[]): boolean {
  const po = programOrder(ops);
  const { reads, choices } = sourceChoices(ops);
  const writes = ops.flatMap((op, i) => (op.kind === 'write' ? [i] : []));
  for (const sources of product(choices)) {
    const co = closure(ops.length, [...po, ...reads.flatMap((r, i) => (sources[i] === INIT ? [] : [[sources[i], r] as [number, number]]))]);
    if (!acyclic(co)) continue;
    // One arbitration order of the writes, extending co; each read returns the last write of its
    // key in its causal past.
    const readsOk = (order: readonly number[]): boolean =>
      reads.every((r) => {
        let value = 0;
        for (const w of order) if (co[w][r] && ops[w].key === ops[r].key) value = ops[w].value;
        return value === ops[r].value;
      });
    if (someOrder(writes, co, readsOk)) return true;
  }
  return false;
}

/** Whether some total order of `items` extending `before` satisfies `accept`. */
function someOrder(items: readonly number[], before: Matrix, accept: (order: readonly number[]) => boolean): boolean {
  const order: number[] = [];
  const used = new Set<number>();
  const step = (): boolean => {
    if (order.length === items.length) return accept(order);
    for (const v of items) {
      if (used.has(v) || items.some((u) => !used.has(u) && u !== v && before[u][v])) continue;
      used.add(v);
      order.push(v);
      if (step()) return true;
      order.pop();
      used.delete(v);
    }
    return false;
  };
  return step();
}

function causalMemory(ops: readonly TinyOp[]): boolean {
  const po = programOrder(ops);
  const candidates: [number, number][] = [];
  ops.forEach((o, oi) => {
    if (o.kind !== 'read') return;
    ops.forEach((w, wi) => {
      if (w.kind !== 'write' || w.session === o.session) return;
      const feeds = ops.some((r, ri) => r.kind === 'read' && r.session === o.session && ri <= oi && r.key === w.key && r.value === w.value);
      if (feeds) candidates.push([wi, oi]);
    });
  });
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const co = closure(ops.length, [...po, ...candidates.filter((_, i) => mask & (1 << i))]);
    if (!acyclic(co)) continue;
    const ok = ops.every((o, oi) => {
      const members = ops.flatMap((op, i) => ((op.kind === 'write' && co[i][oi]) || i === oi || (op.session === o.session && i < oi) ? [i] : []));
      const visible = new Set(members.filter((i) => ops[i].kind === 'read' && ops[i].session === o.session));
      return serializable(ops, co, members, visible);
    });
    if (ok) return true;
  }
  return false;
}

/** Terry's guarantees: some sources, one write order, and each read's smallest forced database. */
function sessionGuarantee(ops: readonly TinyOp[], level: CausalLevel): boolean {
  const { reads, choices } = sourceChoices(ops);
  const writes = ops.flatMap((op, i) => (op.kind === 'write' ? [i] : []));
  const n = ops.length;
  for (const sources of product(choices)) {
    const src = new Map(reads.map((r, i) => [r, sources[i]]));
    // Forced databases.
    const dbs = new Map<number, Set<number>>();
    for (const r of reads) {
      const db = new Set<number>();
      const add = (w: number): void => {
        if (w === INIT || db.has(w)) return;
        db.add(w);
        if (level === 'monotonic-writes') for (let u = 0; u < w; u++) if (ops[u].kind === 'write' && ops[u].session === ops[w].session) add(u);
        if (level === 'writes-follow-reads') for (let u = 0; u < w; u++) if (ops[u].kind === 'read' && ops[u].session === ops[w].session) add(src.get(u)!);
      };
      add(src.get(r)!);
      for (let u = 0; u < r; u++) {
        if (ops[u].session !== ops[r].session) continue;
        if (level === 'read-your-writes' && ops[u].kind === 'write') add(u);
        if (level === 'monotonic-reads' && ops[u].kind === 'read') add(src.get(u)!);
      }
      dbs.set(r, db);
    }
    // Nothing a read sees comes after it.
    const time = closure(n, [...programOrder(ops), ...reads.flatMap((r) => [...dbs.get(r)!].map((w) => [w, r] as [number, number]))]);
    if (!acyclic(time)) continue;
    // Pinned pairs of the write order.
    const pins: [number, number][] = [];
    for (const a of writes) {
      for (let b = a + 1; b < n; b++) {
        if (ops[b].kind !== 'write' || ops[b].session !== ops[a].session) continue;
        if (level === 'monotonic-writes') pins.push([a, b]);
      }
    }
    if (level === 'writes-follow-reads') {
      for (const r of reads) for (let w = r + 1; w < n; w++) if (ops[w].kind === 'write' && ops[w].session === ops[r].session && src.get(r) !== INIT) pins.push([src.get(r)!, w]);
    }
    const pinned = closure(n, pins);
    if (!acyclic(pinned)) continue;
    const readsOk = (order: readonly number[]): boolean =>
      reads.every((r) => {
        let value = 0;
        for (const w of order) if (dbs.get(r)!.has(w) && ops[w].key === ops[r].key) value = ops[w].value;
        return value === ops[r].value;
      });
    if (someOrder(writes, pinned, readsOk)) return true;
  }
  return false;
}

export function bruteForce(ops: readonly TinyOp[], level: CausalLevel): boolean {
  switch (level) {
    case 'causal':
      return causalConsistent(ops);
    case 'causal-convergence':
      return causalConvergent(ops);
    case 'causal-memory':
      return causalMemory(ops);
    default:
      return sessionGuarantee(ops, level);
  }
}

/** Sequential consistency, for the litmus tests: one order of all operations respecting po. */
export function sequentiallyConsistent(ops: readonly TinyOp[]): boolean {
  const po = closure(ops.length, programOrder(ops));
  const all = ops.map((_, i) => i);
  return serializable(ops, po, all, new Set(all.filter((i) => ops[i].kind === 'read')));
}
