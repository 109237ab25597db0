/**
 * A shard's tables: 64-bit fingerprints mapped to a few 32-bit words (the parent's fingerprint,
 * the action index, …), open addressing with linear probing, ×2 growth at 3/4 load. The
 * one-machine FingerprintSet keeps keys only; a shard must also answer "what is the parent of
 * this state" for counterexamples, so the values sit beside the keys. The fingerprint (0, 0)
 * marks an empty slot; the checker's fingerprints are never (0, 0). Internal.
 */
import { slotOf } from '../checker/visited-set.js';

export class FpTable {
  private keys: Uint32Array;
  private vals: Uint32Array;
  private mask: number;
  size = 0;

  constructor(
    /** Value words per entry. */
    readonly width: number,
    initialCapacity = 1 << 10,
  ) {
    let cap = 16;
    while (cap < initialCapacity) cap <<= 1;
    this.keys = new Uint32Array(cap * 2);
    this.vals = new Uint32Array(cap * width);
    this.mask = cap - 1;
  }

  /** The slot holding the fingerprint, or -1. */
  find(fp0: number, fp1: number): number {
    const slot = this.probe(fp0, fp1);
    return this.keys[slot << 1] === 0 && this.keys[(slot << 1) + 1] === 0 ? -1 : slot;
  }

  /** The slot holding the fingerprint, or the empty slot where it would go. */
  private probe(fp0: number, fp1: number): number {
    const keys = this.keys;
    const mask = this.mask;
    fp0 >>>= 0;
    fp1 >>>= 0;
    let slot = slotOf(fp0, fp1) & mask;
    for (;;) {
      const k0 = keys[slot << 1];
      const k1 = keys[(slot << 1) + 1];
      if ((k0 === fp0 && k1 === fp1) || (k0 === 0 && k1 === 0)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The slot of the fingerprint, inserting it (with zero values) when absent; `added` tells which.
   * A slot stays valid until the next insertion.
   */
  slotFor(fp0: number, fp1: number): number {
    if ((this.size + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const slot = this.probe(fp0, fp1);
    const keys = this.keys;
    this.added = keys[slot << 1] === 0 && keys[(slot << 1) + 1] === 0;
    if (!this.added) return slot;
    keys[slot << 1] = fp0 >>> 0;
    keys[(slot << 1) + 1] = fp1 >>> 0;
    this.vals.fill(0, slot * this.width, (slot + 1) * this.width);
    this.size++;
    return slot;
  }
  added = false;

  get(slot: number, i: number): number {
    return this.vals[slot * this.width + i];
  }

  set(slot: number, i: number, v: number): void {
    this.vals[slot * this.width + i] = v;
  }

  /** Calls `f` with every occupied slot and its fingerprint. */
  forEach(f: (slot: number, fp0: number, fp1: number) => void): void {
    const keys = this.keys;
    for (let s = 0; s <= this.mask; s++) {
      const k0 = keys[s << 1];
      const k1 = keys[(s << 1) + 1];
      if (k0 !== 0 || k1 !== 0) f(s, k0, k1);
    }
  }

  clear(): void {
    this.keys.fill(0);
    this.size = 0;
  }

  get byteLength(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const w = this.width;
    const cap = (this.mask + 1) * 2;
    const keys = new Uint32Array(cap * 2);
    const vals = new Uint32Array(cap * w);
    const mask = cap - 1;
    for (let s = 0; s < oldKeys.length >> 1; s++) {
      const k0 = oldKeys[s << 1];
      const k1 = oldKeys[(s << 1) + 1];
      if (k0 === 0 && k1 === 0) continue;
      let slot = slotOf(k0, k1) & mask;
      while (keys[slot << 1] !== 0 || keys[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
      keys[slot << 1] = k0;
      keys[(slot << 1) + 1] = k1;
      vals.set(oldVals.subarray(s * w, (s + 1) * w), slot * w);
    }
    this.keys = keys;
    this.vals = vals;
    this.mask = mask;
  }
}
