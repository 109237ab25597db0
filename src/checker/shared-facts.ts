/**
 * Facts that the worker threads of one checker run share: 64-bit keys to a 32-bit word of bits,
 * in a `SharedArrayBuffer`.
 *
 * What it is for. Some models keep an expensive derived fact inside their states, computed once
 * per distinct value and cached on an interned object: the register harness's consistency
 * verdicts of the history the clients observed. Interning works within a thread; on workers each
 * thread would compute every verdict again for the histories the others already checked (a third
 * to a half more checks on the register models). A model looks its facts up here first.
 *
 * The table has a fixed number of slots and stops taking new keys past 3/4 load (it is a cache:
 * a missing fact is computed, never assumed). Insertion is lock-free as in shared-table.ts: a
 * `compareExchange` on the slot's `lo` word, then `hi`; bits are added with `Atomics.or`, so a
 * reader sees a fact's bits only once their writer has set them. Keys must identify the value
 * the fact is about at least as exactly as the model's own interning does (the same digest), so
 * sharing adds no assumption the single thread does not already make.
 */
import { storedHi, storedLo } from './shared-table.js';

const MAX_PROBES = 64;

export class SharedFacts {
  private readonly words: Int32Array;
  private readonly mask: number;
  private readonly countWord: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    const all = new Int32Array(buffer);
    this.countWord = all.subarray(0, 1);
    this.words = all.subarray(1);
    this.mask = this.words.length / 3 - 1;
  }

  /** A table of `slots` entries (a power of two), 12 bytes each. */
  static create(slots = 1 << 18): SharedFacts {
    if (slots < 2 || (slots & (slots - 1)) !== 0) throw new RangeError(`slots must be a power of two (got ${slots})`);
    return new SharedFacts(new SharedArrayBuffer(4 + slots * 12));
  }

  /** The bits recorded for the key (0: none). */
  get(lo: number, hi: number): number {
    const at = this.find(lo, hi, false);
    return at < 0 ? 0 : Atomics.load(this.words, at + 2);
  }

  /** Adds `bits` to the key's (dropped when the table is too full to take a new key). */
  add(lo: number, hi: number, bits: number): void {
    const at = this.find(lo, hi, Atomics.load(this.countWord, 0) * 4 < (this.mask + 1) * 3);
    if (at >= 0) Atomics.or(this.words, at + 2, bits);
  }

  /** The word index of the key's slot, inserting it when `insert`; -1 when absent. */
  private find(lo: number, hi: number, insert: boolean): number {
    lo = storedLo(lo);
    hi = storedHi(hi);
    const words = this.words;
    let slot = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0;
    for (let probe = 0; probe < MAX_PROBES; probe++, slot++) {
      const at = (slot & this.mask) * 3;
      let k0 = Atomics.load(words, at);
      if (k0 === 0) {
        if (!insert) return -1;
        k0 = Atomics.compareExchange(words, at, 0, lo);
        if (k0 === 0) {
          Atomics.store(words, at + 1, hi);
          Atomics.add(this.countWord, 0, 1);
          return at;
        }
      }
      if (k0 === lo) {
        let k1 = Atomics.load(words, at + 1);
        while (k1 === 0) k1 = Atomics.load(words, at + 1);
        if (k1 === hi) return at;
      }
    }
    return -1;
  }
}

let installed: SharedFacts | undefined;

/** The facts of the checker run this thread works for (undefined outside checker workers). */
export function workerSharedFacts(): SharedFacts | undefined {
  return installed;
}

/** Called by the worker session at the start and end of each run. Internal. */
export function installSharedFacts(facts: SharedFacts | undefined): void {
  installed = facts;
}

/** What a model reads and writes facts through: {@link SharedFacts} on workers, {@link LocalFacts} on one thread. */
export interface Facts {
  get(lo: number, hi: number): number;
  add(lo: number, hi: number, bits: number): void;
}

/**
 * The same table for one thread, growing instead of filling up: a model keeps its facts here when
 * the objects that cache them may be forgotten (a memo table that forgets), so that a forgotten
 * value's fact is found again instead of computed again. 12 bytes a slot, at most 3/4 full.
 */
export class LocalFacts implements Facts {
  private words = new Int32Array(3 << 10);
  private mask = (1 << 10) - 1;
  private count = 0;

  get(lo: number, hi: number): number {
    const at = this.find(storedLo(lo), storedHi(hi));
    return this.words[at] === 0 ? 0 : this.words[at + 2];
  }

  add(lo: number, hi: number, bits: number): void {
    lo = storedLo(lo);
    hi = storedHi(hi);
    const at = this.find(lo, hi);
    if (this.words[at] === 0) {
      this.words[at] = lo;
      this.words[at + 1] = hi;
      if (++this.count * 4 > (this.mask + 1) * 3) {
        this.grow();
        this.words[this.find(lo, hi) + 2] |= bits;
        return;
      }
    }
    this.words[at + 2] |= bits;
  }

  /** Bytes held by the table. */
  get byteLength(): number {
    return this.words.byteLength;
  }

  /** The word index of the key's slot, or of the empty slot where it would go. */
  private find(lo: number, hi: number): number {
    const words = this.words;
    for (let slot = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0; ; slot++) {
      const at = (slot & this.mask) * 3;
      if (words[at] === 0 || (words[at] === lo && words[at + 1] === hi)) return at;
    }
  }

  private grow(): void {
    const old = this.words;
    this.words = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] === 0) continue;
      const to = this.find(old[at], old[at + 1]);
      this.words[to] = old[at];
      this.words[to + 1] = old[at + 1];
      this.words[to + 2] = old[at + 2];
    }
  }
}
