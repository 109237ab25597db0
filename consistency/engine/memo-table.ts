/**
 * The set of configurations already explored: (a fixed-length key of 32-bit words, a model
 * state), optionally with a usage id (see usage-table.ts) under a dominance order. Open
 * addressing over typed arrays; keys are copied into one growable word pool, so a configuration
 * costs a few words plus a reference to its state rather than a string.
 *
 * With usage ids, one entry holds every usage seen with its (key, state), and a configuration
 * counts as explored when some recorded usage `covers` its own (the linearizability search passes
 * "places no more crashed operations of any family", under which the recorded configuration
 * dominates the new one). Without them every usage is 0 and the table is an exact set.
 */
export class MemoTable<State> {
  private slots: Int32Array; // entry index + 1, 0 = empty
  private hashes: Int32Array;
  private pool: Uint32Array;
  private usages: Int32Array;
  /** Further usage ids of an entry, beyond the one in `usages`. */
  private readonly moreUsages = new Map<number, number[]>();
  private moreUsageCount = 0;
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
    this.usages = new Int32Array(this.hashes.length);
  }

  /** Bytes held by the table itself (states are counted as references only). */
  get bytes(): number {
    return 4 * (this.slots.length + this.hashes.length + this.pool.length + this.usages.length) + 8 * this.states.length + 48 * this.moreUsages.size + 8 * this.moreUsageCount;
  }

  /**
   * Adds the configuration unless present. `hash` must combine the key's and the state's hashes.
   * Returns true when it was new (with usages: when no recorded usage of its (key, state) covers
   * `usage`).
   */
  add(hash: number, key: Uint32Array | Int32Array, state: State, usage = 0, covers?: (recorded: number, usage: number) => boolean): boolean {
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
        if (same && this.stateEquals(this.states[entry], state)) return this.addUsage(entry, usage, covers);
      }
      slot++;
    }
    const entry = this.size++;
    if (entry >= this.hashes.length) this.growEntries();
    this.hashes[entry] = hash;
    const base = entry * w;
    for (let i = 0; i < w; i++) this.pool[base + i] = key[i];
    this.states.push(state);
    this.usages[entry] = usage;
    this.slots[slot] = entry + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return true;
  }

  /** Is the configuration recorded (with usages: does a recorded usage cover `usage`)? Adds nothing. */
  covered(hash: number, key: Uint32Array | Int32Array, state: State, usage = 0, covers: (recorded: number, usage: number) => boolean = (a, b) => a === b): boolean {
    const w = this.wordsPerKey;
    const mask = this.slots.length - 1;
    for (let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift; ; slot++) {
      slot &= mask;
      const entry = this.slots[slot] - 1;
      if (entry < 0) return false;
      if (this.hashes[entry] !== hash || !this.stateEquals(this.states[entry], state)) continue;
      let same = true;
      for (let i = 0; i < w && same; i++) same = this.pool[entry * w + i] === key[i] >>> 0;
      if (!same) continue;
      if (covers(this.usages[entry], usage)) return true;
      return (this.moreUsages.get(entry) ?? []).some((recorded) => covers(recorded, usage));
    }
  }

  private addUsage(entry: number, usage: number, covers: (recorded: number, usage: number) => boolean = (a, b) => a === b): boolean {
    const first = this.usages[entry];
    if (first === usage || covers(first, usage)) return false;
    const more = this.moreUsages.get(entry);
    if (more === undefined) {
      this.moreUsages.set(entry, [usage]);
    } else {
      for (const recorded of more) if (covers(recorded, usage)) return false;
      more.push(usage);
    }
    this.moreUsageCount++;
    return true;
  }

  private growEntries(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const pool = new Uint32Array(this.hashes.length * Math.max(1, this.wordsPerKey));
    pool.set(this.pool);
    this.pool = pool;
    const usages = new Int32Array(this.hashes.length);
    usages.set(this.usages);
    this.usages = usages;
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
