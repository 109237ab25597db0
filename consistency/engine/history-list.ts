/**
 * The time-ordered list of calls and returns that the linearizability search (linearizability.ts)
 * walks, with the ranks, window slots and crashed-operation families of one partition.
 */
import { UNKNOWN } from '../model.js';
import type { Operation } from '../model.js';

/** The list, ranks, slots and crashed-operation families of one partition. */
export function prepareHistory<I, O>(ops: readonly Operation<I, O>[]) {
  const n = ops.length;
  // 1: the operation has a return entry (ok, or optional with a finite return).
  const finite = new Uint8Array(n);
  let required = 0;
  for (let i = 0; i < n; i++) {
    const op = ops[i];
    if (op.status === 'ok') {
      finite[i] = 1;
      required++;
    } else if (op.status !== 'info' && Number.isFinite(op.return)) finite[i] = 1;
  }
  const entries: number[] = [];
  for (let i = 0; i < n; i++) {
    entries.push(i);
    if (finite[i]) entries.push(n + i);
  }
  const time = (e: number): number => (e < n ? ops[e].call : ops[e - n].return);
  // Ties: calls before returns (equal stamps are concurrent), then by position in `ops`.
  entries.sort((a, b) => time(a) - time(b) || (a < n ? 0 : 1) - (b < n ? 0 : 1) || a - b);
  const head = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(-1);
  const prev = new Int32Array(2 * n + 1).fill(-1);
  const rank = new Int32Array(2 * n);
  const entryAt = new Int32Array(entries.length);
  // Slots: an interval colouring of the operations with a return; simultaneously pending ones differ.
  const slot = new Int32Array(n).fill(-1);
  const free: number[] = [];
  let slots = 0;
  let last = head;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    rank[e] = k;
    entryAt[k] = e;
    if (e < n && !finite[e]) continue;
    next[last] = e;
    prev[e] = last;
    last = e;
    if (e < n) slot[e] = free.pop() ?? slots++;
    else free.push(slot[e - n]);
  }
  // Families of crashed operations, in order of their first member's call.
  const byKey = new Map<string, number[]>();
  const lists: number[][] = [];
  for (const e of entries) {
    if (e >= n || finite[e]) continue;
    const op = ops[e];
    let text: string | undefined;
    try {
      text = JSON.stringify([op.input, op.output === UNKNOWN ? '?' : [op.output]]);
    } catch {
      text = undefined; // not plain data: a family of its own
    }
    let list = text === undefined ? undefined : byKey.get(text);
    if (list === undefined) {
      list = [];
      lists.push(list);
      if (text !== undefined) byKey.set(text, list);
    }
    list.push(e);
  }
  const familyStart = new Int32Array(lists.length);
  const familySize = new Int32Array(lists.length);
  const familyFirstCall = new Int32Array(lists.length);
  const familyOf = new Int32Array(n).fill(-1);
  const familyMembers = new Int32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  lists.forEach((list, f) => {
    familyStart[f] = at;
    familySize[f] = list.length;
    familyFirstCall[f] = rank[list[0]];
    for (const e of list) {
      familyOf[e] = f;
      familyMembers[at++] = e;
    }
  });
  return { finite, required, next, prev, rank, entryAt, endRank: entries.length, slot, slots, families: lists.length, familyStart, familySize, familyFirstCall, familyMembers, familyOf };
}
