/**
 * The visited set the workers share: 64-bit fingerprints in a `SharedArrayBuffer`, open
 * addressing with linear probing, inserted lock-free with `Atomics.compareExchange`.
 *
 * Each slot is two 32-bit words, `lo` then `hi`, both made non-zero (a zero word is replaced by a
 * fixed odd constant; this merges fingerprints only with probability ~2^-32 per state pair that
 * already shares the other half, far below the 64-bit birthday bound). An empty slot has `lo = 0`.
 * Inserting `(lo, hi)`:
 *
 * 1. at an empty slot, `compareExchange(lo word, 0, lo)`; the winner then stores `hi`. A loser
 *    re-reads the word it lost to and carries on as in step 2;
 * 2. at a slot whose `lo` matches, wait for its `hi` to be non-zero (its writer is between two
 *    stores), then compare: equal means present, else probe on.
 *
 * No slot is ever emptied or moved while workers run, so a probe sequence only ever grows and
 * the protocol is linearizable. The table does not grow by itself: workers stop a slice of work
 * once the count passes {@link HARD_LOAD} and, with every worker idle, the workers copy it into a
 * table twice the size, each a share of the old slots ({@link SharedTable.copySlots}).
 *
 * BFS tables add a claim word per slot: the id of the parent (in pop order) that first generated
 * the state in the current level. Lower ids win (`compareExchange` lowering the claim), so the
 * parent of each new state is the one the single-threaded BFS would have seen first, whichever
 * worker got there first (see parallel-bfs.ts). The claim sits in the slot, after `hi` (slots of
 * three words): every generated state reads its claim, and most of them are already visited, so
 * a separate claim array would cost a second cache miss per generated state. A worker remembers a
 * new state's slot ({@link SharedTable.lastSlot}) to read its claim back at the level's end
 * without probing again.
 */
import { slotOf } from './visited-set.js';

/** The coordinator grows the table past this load. */
export const GROW_LOAD = 0.7;
/** Workers end their slice early past this load (the margin absorbs the states being added). */
export const HARD_LOAD = 0.85;
const MIN_CAPACITY = 1 << 16;
/** Stand-ins for a zero half of a fingerprint, since a zero word marks an empty slot. */
const ZERO_LO = 0x5bd1e995 | 0;
const ZERO_HI = 0x27d4eb2f | 0;

/** The `lo` word stored for a fingerprint (as a signed 32-bit word, never 0). */
export function storedLo(lo: number): number {
  return (lo | 0) === 0 ? ZERO_LO : lo | 0;
}

/** The `hi` word stored for a fingerprint (as a signed 32-bit word, never 0). */
export function storedHi(hi: number): number {
  return (hi | 0) === 0 ? ZERO_HI : hi | 0;
}

export const INSERTED = 0;
export const PRESENT = 1;
/** BFS: the state was claimed this level by a later parent; it is now this parent's. */
export const TAKEN_OVER = 2;
/**
 * Claims are stored plus this bias, so that no claim (the smallest is -1, an init state's) is 0:
 * a 0 claim word means "not written yet" to a reader that raced ahead of the writer.
 */
const CLAIM_BIAS = 2;
/** The claim argument of {@link SharedTable.locate} on a table without claims. */
const NO_CLAIM = -1;

/** What crosses to a worker: the buffers (shared, not copied). */
export interface SharedTableBuffers {
  /** `capacity` slots of `lo, hi` (DFS) or `lo, hi, claim` (BFS). */
  readonly keys: SharedArrayBuffer;
  readonly withClaims: boolean;
  readonly count: SharedArrayBuffer;
}

export class SharedTable {
  private readonly keys: Int32Array;
  /** Words per slot: 2, or 3 with the claim. */
  private readonly stride: number;
  private readonly countWord: Int32Array;
  readonly capacity: number;
  private readonly mask: number;
  /**
   * Inserts not yet added to the shared count, added every {@link publishEvery} to spare the
   * shared cache line. Tiny tables (tests) publish every insert: the other workers' unpublished
   * inserts are missing from the count that tells a worker the table is {@link full}.
   */
  private unpublished = 0;
  private readonly publishEvery: number;
  /** The slot of the fingerprint last inserted or found. */
  lastSlot = -1;
  /** A fingerprint passed as two numbers, for {@link locate}. */
  private readonly keyLo = new Uint32Array(1);
  private readonly keyHi = new Uint32Array(1);

  constructor(readonly buffers: SharedTableBuffers) {
    this.keys = new Int32Array(buffers.keys);
    this.stride = buffers.withClaims ? 3 : 2;
    this.countWord = new Int32Array(buffers.count);
    this.capacity = this.keys.length / this.stride;
    this.mask = this.capacity - 1;
    this.publishEvery = Math.max(1, Math.min(64, this.capacity >> 10));
  }

  /**
   * A new empty table able to hold `expected` states below {@link GROW_LOAD}, of at least
   * `minCapacity` slots (tests pass a tiny one to make the table grow in the middle of a search).
   */
  static create(expected: number, withClaims: boolean, minCapacity = MIN_CAPACITY): SharedTable {
    let cap = 16;
    while (cap < minCapacity) cap *= 2;
    while (cap * GROW_LOAD < expected) cap *= 2;
    return new SharedTable({ keys: new SharedArrayBuffer(cap * (withClaims ? 12 : 8)), withClaims, count: new SharedArrayBuffer(4) });
  }

  /** States inserted (exact once every worker has flushed). */
  get count(): number {
    return Atomics.load(this.countWord, 0) + this.unpublished;
  }

  get byteLength(): number {
    return this.keys.byteLength;
  }

  /** Past {@link HARD_LOAD}: the worker must stop adding and let the coordinator grow the table. */
  get full(): boolean {
    return this.count > this.capacity * HARD_LOAD;
  }

  /** Adds this worker's unpublished inserts to the shared count. */
  flush(): void {
    if (this.unpublished !== 0) Atomics.add(this.countWord, 0, this.unpublished);
    this.unpublished = 0;
  }

  /**
   * Reads the home slot of each of the first `count` fingerprints, so that their cache misses
   * overlap: the probes that follow (one per fingerprint, in order) then mostly hit the cache.
   * Probing one fingerprint at a time, between a model's state computations, waits for each
   * miss in turn. Returns a value only so that the reads cannot be optimised away.
   */
  touch(los: Uint32Array, his: Uint32Array, count: number): number {
    const keys = this.keys;
    const mask = this.mask;
    const stride = this.stride;
    let sink = 0;
    for (let j = 0; j < count; j++) {
      sink |= keys[(slotOf(storedLo(los[j]), storedHi(his[j])) & mask) * stride];
    }
    return sink;
  }

  /** DFS: adds the fingerprint; {@link INSERTED} or {@link PRESENT}. */
  insert(lo: number, hi: number): number {
    this.setKey(lo, hi);
    return this.insertEntry(this.keyLo, this.keyHi, 0);
  }

  /** Puts a fingerprint given as two numbers where {@link locate} reads entry 0. */
  private setKey(lo: number, hi: number): void {
    this.keyLo[0] = lo;
    this.keyHi[0] = hi;
  }

  /**
   * {@link insert} of the fingerprint `(los[k], his[k])`. The hot loops pass fingerprints this way:
   * a fingerprint word is rarely a small integer, and passed as a number to a call that is not
   * inlined (the probe is too large to be) it would be boxed, two allocations per lookup.
   */
  insertEntry(los: Uint32Array, his: Uint32Array, k: number): number {
    return this.locate(los, his, k, NO_CLAIM) >= 0 ? INSERTED : PRESENT;
  }

  /**
   * BFS: adds the fingerprint claimed by `parent` (a pop-order id of the current level, whose
   * first id is `levelStart`). {@link INSERTED}: new; {@link TAKEN_OVER}: generated earlier this
   * level by a parent with a larger id, now this parent's; {@link PRESENT}: seen in an earlier
   * level, or claimed by this or an earlier parent. Afterwards {@link lastSlot} is the state's slot.
   *
   * The claim is read with a plain load. Within a level a claim only goes down (from the first
   * claimer's id, by compare-and-swap), so a stale read is never below the true claim: "at most
   * `parent`" read stale is true, and anything else is settled by the compare-and-swap, which
   * reads the truth. A claim from an earlier level is below `levelStart` and never changes again,
   * and one of this level is never below it, so that test is exact even on a stale read.
   */
  claim(lo: number, hi: number, parent: number, levelStart: number): number {
    this.setKey(lo, hi);
    return this.claimEntry(this.keyLo, this.keyHi, 0, parent, levelStart);
  }

  /** {@link claim} of the fingerprint `(los[k], his[k])` (why: {@link insertEntry}). */
  claimEntry(los: Uint32Array, his: Uint32Array, k: number, parent: number, levelStart: number): number {
    const keys = this.keys;
    const slot = this.locate(los, his, k, parent);
    if (slot >= 0) return INSERTED;
    const at = (-slot - 1) * 3 + 2;
    const want = parent + CLAIM_BIAS;
    const settled = levelStart + CLAIM_BIAS;
    let c = keys[at];
    while (c === 0) c = Atomics.load(keys, at);
    for (;;) {
      if (c < settled || c <= want) return PRESENT;
      const seen = Atomics.compareExchange(keys, at, c, want);
      if (seen === c) return TAKEN_OVER;
      c = seen;
    }
  }

  /**
   * The claim on the fingerprint in `slot` (BFS, between slices, when every worker has flushed:
   * the coordinator's messages order their writes before this read).
   */
  claimAt(slot: number): number {
    return this.keys[slot * 3 + 2] - CLAIM_BIAS;
  }

  /** The claim on a fingerprint known to be present (BFS, between slices). */
  claimOf(lo: number, hi: number): number {
    return this.claimAt(this.slotHolding(lo, hi));
  }

  /** The slot holding a fingerprint known to be present (throws when it is absent). */
  slotHolding(lo: number, hi: number): number {
    this.setKey(lo, hi);
    const slot = this.locate(this.keyLo, this.keyHi, 0, NO_CLAIM, true);
    return -slot - 1;
  }

  /** The fingerprint stored in `slot` (with zero halves replaced, as stored), into `out`. */
  keyAt(slot: number, out: Uint32Array | Int32Array): void {
    out[0] = this.keys[slot * this.stride];
    out[1] = this.keys[slot * this.stride + 1];
  }

  /**
   * Finds or inserts `(los[k], his[k])`. Returns the slot when this call inserted it, else `-slot - 1`;
   * either way {@link lastSlot} is set. A new slot's claim is stored before its `hi`.
   *
   * Plain reads are enough on the way: each key word changes once, from 0 to its final value
   * (aligned 32-bit accesses do not tear), so a plain read sees either 0 or the final value. A 0
   * in `lo` is settled by the compare-and-swap, which reads the truth; a 0 in `hi` behind a
   * matching `lo` means its writer is between its two stores, and the atomic re-read waits for
   * it. (`Atomics.load` on every probe cost about twice the whole probe on this machine.)
   */
  private locate(los: Uint32Array, his: Uint32Array, k: number, claim: number, lookupOnly = false): number {
    const lo = storedLo(los[k]);
    const hi = storedHi(his[k]);
    const keys = this.keys;
    const mask = this.mask;
    const stride = this.stride;
    let slot = slotOf(lo, hi) & mask;
    for (let probes = 0; ; probes++) {
      const at = slot * stride;
      let k0 = keys[at];
      if (k0 !== 0 && k0 !== lo) {
        // Only a table filled to the last slot gets here (a state with more successors than the
        // margin between HARD_LOAD and full): fail rather than probe forever.
        if (probes > mask) throw new Error('shared table: full (a state has more successors than the table has room for)');
        slot = (slot + 1) & mask;
        continue;
      }
      if (k0 === 0) {
        if (lookupOnly) throw new Error('shared table: fingerprint not found');
        k0 = Atomics.compareExchange(keys, at, 0, lo);
        if (k0 === 0) {
          if (stride === 3) Atomics.store(keys, at + 2, claim + CLAIM_BIAS);
          Atomics.store(keys, at + 1, hi);
          if (++this.unpublished >= this.publishEvery) this.flush();
          this.lastSlot = slot;
          return slot;
        }
      }
      if (k0 === lo) {
        let k1 = keys[at + 1];
        while (k1 === 0) k1 = Atomics.load(keys, at + 1);
        if (k1 === hi) {
          this.lastSlot = slot;
          return -slot - 1;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /** A copy of this table with twice the capacity (call only while no worker runs). */
  grown(): SharedTable {
    const next = this.emptyDouble();
    this.copySlots(next, 0, this.capacity);
    next.setCount(Atomics.load(this.countWord, 0));
    return next;
  }

  /**
   * An empty table with twice this one's capacity, to be filled by {@link copySlots} (the workers
   * split the old slots between them) and then given the count ({@link setCount}).
   */
  emptyDouble(): SharedTable {
    // Exactly twice the capacity (asking for room for 2·count states would quadruple it when
    // the table is past GROW_LOAD, as it is when it grows).
    return SharedTable.create(0, this.stride === 3, this.capacity * 2);
  }

  /**
   * Copies the entries of old slots `from` to `to` into `next`, claim words included. Several
   * threads may copy disjoint ranges at once: every key is distinct, so an insert only has to win
   * an empty slot (`compareExchange` on its `lo` word) and never compares keys. Call only while
   * no worker searches.
   */
  copySlots(next: SharedTable, from: number, to: number): void {
    const stride = this.stride;
    const keys = next.keys;
    const mask = next.mask;
    for (let s = from; s < to; s++) {
      const at = s * stride;
      const lo = this.keys[at];
      if (lo === 0) continue;
      let slot = slotOf(lo, this.keys[at + 1]) & mask;
      while (keys[slot * stride] !== 0 || Atomics.compareExchange(keys, slot * stride, 0, lo) !== 0) slot = (slot + 1) & mask;
      // Plain stores: nobody reads the new table before every copier has reported back to the
      // coordinator, whose messages order these writes before any later read.
      if (stride === 3) keys[slot * stride + 2] = this.keys[at + 2];
      keys[slot * stride + 1] = this.keys[at + 1];
    }
  }

  /** Sets the count of a table filled by {@link copySlots}. */
  setCount(count: number): void {
    Atomics.store(this.countWord, 0, count);
  }
}
