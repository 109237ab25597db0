/**
 * A fixed-size bitset over operation indices with an incrementally maintained 64-bit Zobrist
 * hash (two 32-bit halves), so the memo key never has to rescan the set.
 */
export class Bitset {
  readonly words: Uint32Array;
  hashLow = 0;
  hashHigh = 0;
  private readonly zobristLow: Int32Array;
  private readonly zobristHigh: Int32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(size / 32)));
    this.zobristLow = new Int32Array(size);
    this.zobristHigh = new Int32Array(size);
    // A fixed seed keeps runs reproducible; xorshift is plenty for hash keys.
    let x = 0x2545f491;
    const next = (): number => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x | 0;
    };
    for (let i = 0; i < size; i++) {
      this.zobristLow[i] = next();
      this.zobristHigh[i] = next();
    }
  }

  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  /** Flips bit i (set when clear, clear when set) and updates the hash. */
  flip(i: number): void {
    this.words[i >>> 5] ^= 1 << (i & 31);
    this.hashLow ^= this.zobristLow[i];
    this.hashHigh ^= this.zobristHigh[i];
  }
}
