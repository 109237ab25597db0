/**
 * The Explorer's record of explored states: one row per unique 64-bit fingerprint with its parent
 * row, the index of the action that first reached it and its depth, so any row's path can be
 * rebuilt. Rows live in growable typed arrays; an open-addressing index (row + 1 per slot, 0 =
 * empty) finds a fingerprint's row. Kept here rather than borrowed from the checker because the
 * checker's visited set is internal and changes with it.
 */
export class StateTable {
  private lo = new Uint32Array(1024);
  private hi = new Uint32Array(1024);
  private parent = new Int32Array(1024);
  private action = new Int32Array(1024);
  private depthOf = new Int32Array(1024);
  private slots = new Int32Array(2048);
  /** Rows 0 .. size-1, in insertion order. */
  size = 0;

  /** Adds a fingerprint; returns the new row, or -1 if the fingerprint is already known. */
  add(fpLo: number, fpHi: number, parentRow: number, actionIndex: number, depth: number): number {
    const mask = this.slots.length - 1;
    let slot = this.slotHash(fpLo, fpHi) & mask;
    for (;;) {
      const at = this.slots[slot];
      if (at === 0) break;
      if (this.lo[at - 1] === fpLo >>> 0 && this.hi[at - 1] === fpHi >>> 0) return -1;
      slot = (slot + 1) & mask;
    }
    const row = this.size;
    if (row === this.lo.length) this.growRows();
    this.lo[row] = fpLo;
    this.hi[row] = fpHi;
    this.parent[row] = parentRow;
    this.action[row] = actionIndex;
    this.depthOf[row] = depth;
    this.slots[slot] = row + 1;
    this.size = row + 1;
    // Keep the index at most half full: probes stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return row;
  }

  depth(row: number): number {
    return this.depthOf[row];
  }

  /** `[initIndex, actionIndex, ...]` of a row. */
  path(row: number): number[] {
    const out: number[] = [];
    for (let r = row; r >= 0; r = this.parent[r]) out.push(this.action[r]);
    return out.reverse();
  }

  private slotHash(fpLo: number, fpHi: number): number {
    return (fpLo ^ Math.imul(fpHi, 0x9e3779b1)) >>> 0;
  }

  private growRows(): void {
    const n = this.lo.length * 2;
    const widen = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.lo = widen(this.lo, (k) => new Uint32Array(k));
    this.hi = widen(this.hi, (k) => new Uint32Array(k));
    this.parent = widen(this.parent, (k) => new Int32Array(k));
    this.action = widen(this.action, (k) => new Int32Array(k));
    this.depthOf = widen(this.depthOf, (k) => new Int32Array(k));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let row = 0; row < this.size; row++) {
      let slot = this.slotHash(this.lo[row], this.hi[row]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = row + 1;
    }
    this.slots = slots;
  }
}
