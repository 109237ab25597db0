/**
 * The set of configurations already explored: (a fixed-length key of 32-bit words, a model
 * state). Open addressing over typed arrays; keys are copied into one growable word pool, so a
 * configuration costs a few words plus a reference to its state rather than a string.
 */
export class MemoTable<State> {
  private slots: Int32Array; // entry index + 1, 0 = empty
  private hashes: Int32Array;
  private pool: Uint32Array;
  private states: State[] = [];
  /** Slots are picked by the top bits of a Fibonacci product (`32 - shift` bits). */
  private shift: number;
  size = 0;

  /**
   * `expected` sizes the first allocation: the testers inside model-checker states run many tiny
   * searches, for which a large table would cost more to allocate than the search itself.
   */
  constructor(
    private readonly wordsPerKey: number,
    private readonly stateEquals: (a: State, b: State) => boolean,
    expected = 1024,
  ) {
    // Small tables stay inside V8's heap (typed arrays up to 64 bytes), which is much cheaper to
    // allocate than a separate buffer; they grow as needed.
    const bits = Math.max(4, Math.min(20, Math.ceil(Math.log2(Math.max(2, expected)))));
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.hashes = new Int32Array(1 << (bits - 1));
    this.pool = new Uint32Array(this.hashes.length * Math.max(1, wordsPerKey));
  }

  /**
   * Adds the configuration unless present. `hash` must combine the key's and the state's hashes.
   * Returns true when it was new.
   */
  add(hash: number, key: Uint32Array | Int32Array, state: State): boolean {
    const w = this.wordsPerKey;
    const mask = this.slots.length - 1;
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (;;) {
      slot &= mask;
      const entry = this.slots[slot] - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === hash) {
        let same = true;
        const base = entry * w;
        for (let i = 0; i < w; i++) {
          if (this.pool[base + i] !== key[i] >>> 0) {
            same = false;
            break;
          }
        }
        if (same && this.stateEquals(this.states[entry], state)) return false;
      }
      slot++;
    }
    const entry = this.size++;
    if (entry >= this.hashes.length) this.growEntries();
    this.hashes[entry] = hash;
    const base = entry * w;
    for (let i = 0; i < w; i++) this.pool[base + i] = key[i];
    this.states.push(state);
    this.slots[slot] = entry + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return true;
  }

  private growEntries(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const pool = new Uint32Array(this.hashes.length * Math.max(1, this.wordsPerKey));
    pool.set(this.pool);
    this.pool = pool;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.shift--;
    const mask = this.slots.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = Math.imul(this.hashes[entry], 0x9e3779b1) >>> this.shift;
      for (;;) {
        slot &= mask;
        if (this.slots[slot] === 0) break;
        slot++;
      }
      this.slots[slot] = entry + 1;
    }
  }
}
