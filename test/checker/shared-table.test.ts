/** The workers' shared visited set, on one thread: insertion, claims, growth. */
import { describe, expect, it } from 'vitest';
import { INSERTED, PRESENT, SharedTable, TAKEN_OVER } from '../../src/checker/shared-table.js';

describe('SharedTable', () => {
  it('inserts each fingerprint once, including ones with a zero half', () => {
    const t = SharedTable.create(10, false);
    expect(t.insert(0, 7)).toBe(INSERTED);
    expect(t.insert(7, 0)).toBe(INSERTED);
    expect(t.insert(0, 7)).toBe(PRESENT);
    expect(t.insert(7, 0)).toBe(PRESENT);
    t.flush();
    expect(t.count).toBe(2);
  });

  it('gives a state generated twice in a level to the smaller parent id; earlier levels stay settled', () => {
    const t = SharedTable.create(10, true);
    expect(t.claim(1, 1, -1, 0)).toBe(INSERTED); // an init state
    expect(t.claim(5, 5, 9, 4)).toBe(INSERTED); // level starting at id 4: parent 9 first
    expect(t.claim(5, 5, 6, 4)).toBe(TAKEN_OVER); // then parent 6, earlier in BFS order
    expect(t.claim(5, 5, 7, 4)).toBe(PRESENT);
    expect(t.claim(5, 5, 6, 4)).toBe(PRESENT);
    expect(t.claimOf(5, 5)).toBe(6);
    expect(t.claim(1, 1, 5, 4)).toBe(PRESENT); // claimed in an earlier level
    expect(t.claim(5, 5, 20, 12)).toBe(PRESENT); // next level: 6 < 12 reads as visited
  });

  it('names the slot of the last claim, whose claim and key can be read back after growth', () => {
    let t = SharedTable.create(10, true);
    expect(t.claim(5, 6, 9, 4)).toBe(INSERTED);
    const slot = t.lastSlot;
    expect(t.claim(5, 6, 7, 4)).toBe(TAKEN_OVER);
    expect(t.lastSlot).toBe(slot);
    expect(t.claimAt(slot)).toBe(7);
    const key = new Int32Array(2);
    t.keyAt(slot, key);
    expect([...key]).toEqual([5, 6]);
    t.flush();
    t = t.grown();
    const moved = t.slotHolding(key[0], key[1]);
    expect(t.claimAt(moved)).toBe(7);
    expect(() => t.slotHolding(8, 8)).toThrow(/not found/);
  });

  it('fails instead of probing forever when every slot is taken', () => {
    const t = SharedTable.create(0, false, 16);
    for (let i = 1; i <= 16; i++) expect(t.insert(i, i)).toBe(INSERTED);
    expect(t.insert(3, 3)).toBe(PRESENT);
    expect(() => t.insert(99, 99)).toThrow(/shared table: full/);
  });

  it('grows to exactly twice its capacity, keeping every fingerprint and claim', () => {
    let t = SharedTable.create(10, true);
    const n = Math.ceil(t.capacity * 0.8);
    let inserted = 0;
    for (let i = 1; i <= n; i++) if (t.claim(i, i * 7, i, 0) === INSERTED) inserted++;
    expect(inserted).toBe(n);
    t.flush();
    const capacity = t.capacity;
    t = t.grown();
    expect(t.capacity).toBe(capacity * 2);
    expect(t.count).toBe(n);
    let kept = 0;
    for (let i = 1; i <= n; i++) if (t.claim(i, i * 7, n + 1, 0) === PRESENT && t.claimOf(i, i * 7) === i) kept++;
    expect(kept).toBe(n);
  });

  it('grows by copying disjoint ranges of slots, as the workers do, keeping every fingerprint and claim', () => {
    const t = SharedTable.create(10, true);
    const n = Math.ceil(t.capacity * 0.8);
    for (let i = 1; i <= n; i++) t.claim(i * 3, i, i, 0);
    t.flush();
    const next = t.emptyDouble();
    const cuts = [0, 1000, Math.floor(t.capacity / 2), t.capacity];
    for (let k = cuts.length - 2; k >= 0; k--) t.copySlots(next, cuts[k], cuts[k + 1]);
    next.setCount(t.count);
    expect(next.capacity).toBe(t.capacity * 2);
    expect(next.count).toBe(n);
    let kept = 0;
    for (let i = 1; i <= n; i++) if (next.claim(i * 3, i, n + 1, 0) === PRESENT && next.claimOf(i * 3, i) === i) kept++;
    expect(kept).toBe(n);
  });
});
