/**
 * Recorded vector clocks (a `vc` field on each operation, as systems log them) checked against
 * the history: a clock never goes back along program order or reads-from, and a write, being a
 * new event, has a clock strictly above the operation before it in its session. A read may carry
 * the clock of the value it returned, so reads-from asks only that the read's clock is at least
 * the write's. When a read may have read from several writes (repeated values), one of them must
 * fit. Reads of the initial value and reads with unknown results have no source to compare.
 */
import type { CausalHistory } from './history.js';
import { FROM_INIT } from './history.js';
import { previousInSession } from './order.js';
import { VectorClock } from '../vector-clock.js';

export type RecordedClock = ReadonlyMap<string, number>;

export type ClockCheck =
  | { readonly consistent: true; readonly checked: number }
  | {
      readonly consistent: false;
      /** The first operation (history order) whose clock contradicts the history. */
      readonly op: number;
      /** The operation it is compared with (null when its own clock is missing). */
      readonly other: number | null;
      readonly relation: 'po' | 'wr' | 'missing';
      readonly message: string;
    };

/** Checks `clockOf(i)` for every operation index i of `h`, in history order. */
export function checkRecordedClocks(h: CausalHistory, clockOf: (i: number) => RecordedClock | null): ClockCheck {
  const names = new Map<string, number>();
  const clocks: (VectorClock | null)[] = [];
  for (let i = 0; i < h.n; i++) {
    const recorded = clockOf(i);
    if (recorded === null) {
      clocks.push(null);
      continue;
    }
    const entries: number[] = [];
    for (const [name, count] of recorded) {
      let index = names.get(name);
      if (index === undefined) names.set(name, (index = names.size));
      entries[index] = count;
    }
    clocks.push(new VectorClock(Array.from(entries, (e) => e ?? 0)));
  }
  const show = (i: number): string => {
    const recorded = clockOf(i)!;
    return `{${[...recorded].map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  };
  const atMost = (a: VectorClock, b: VectorClock): boolean => {
    const order = a.compare(b);
    return order === 'less' || order === 'equal';
  };
  for (let v = 0; v < h.n; v++) {
    const mine = clocks[v];
    if (mine === null) return { consistent: false, op: v, other: null, relation: 'missing', message: `${h.describe(v)} has no vc (every operation needs one to check the clocks)` };
    const before = previousInSession(h, v);
    if (before >= 0 && clocks[before] !== null) {
      const earlier = clocks[before]!;
      const ok = h.isWrite[v] ? earlier.compare(mine) === 'less' : atMost(earlier, mine);
      if (!ok) {
        const want = h.isWrite[v] ? 'strictly above (a write is a new event)' : 'at least';
        return { consistent: false, op: v, other: before, relation: 'po', message: `${h.describe(v)} has clock ${show(v)}, which is not ${want} the clock ${show(before)} of ${h.describe(before)}, before it in its session` };
      }
    }
    const candidates = h.candidates[v];
    if (candidates === null || candidates.length === 0 || candidates.includes(FROM_INIT)) continue;
    if (candidates.some((w) => clocks[w] === null || atMost(clocks[w]!, mine))) continue;
    const w = candidates[0];
    const which = candidates.length === 1 ? `${h.describe(w)}, which it read from` : `any of the ${candidates.length} writes it may have read from (e.g. ${h.describe(w)})`;
    return { consistent: false, op: v, other: w, relation: 'wr', message: `${h.describe(v)} has clock ${show(v)}, which is not at least the clock ${show(w)} of ${which}` };
  }
  return { consistent: true, checked: h.n };
}
