import { mix32 } from './value.js';

export type ClockOrder = 'equal' | 'less' | 'greater' | 'incomparable';

/**
 * A vector clock: one counter per process index, missing entries counting as 0. Clocks are
 * immutable values; equality and hashing ignore trailing zeros, so `[]`, `[0]` and `[0, 0]` are
 * the same clock. The display shows the stored entries, so equal clocks can display differently.
 */
export class VectorClock {
  private readonly entries: readonly number[];

  constructor(entries: readonly number[] = []) {
    for (const e of entries) {
      if (!Number.isInteger(e) || e < 0) throw new RangeError(`vector clock entries must be non-negative integers, got ${e}`);
    }
    this.entries = [...entries];
  }

  get(index: number): number {
    return this.entries[index] ?? 0;
  }

  /** The stored entries (trailing zeros included as given). */
  toArray(): number[] {
    return [...this.entries];
  }

  /** A copy with entry `index` increased by one (extended with zeros as needed). */
  incremented(index: number): VectorClock {
    const next = [...this.entries];
    while (next.length <= index) next.push(0);
    next[index] += 1;
    return new VectorClock(next);
  }

  /** The element-wise maximum of two clocks. */
  merge(other: VectorClock): VectorClock {
    const length = Math.max(this.entries.length, other.entries.length);
    return new VectorClock(Array.from({ length }, (_, i) => Math.max(this.get(i), other.get(i))));
  }

  /** The partial order of clocks: happened-before is `less`. */
  compare(other: VectorClock): ClockOrder {
    let less = false;
    let greater = false;
    const length = Math.max(this.entries.length, other.entries.length);
    for (let i = 0; i < length; i++) {
      if (this.get(i) < other.get(i)) less = true;
      else if (this.get(i) > other.get(i)) greater = true;
    }
    if (less && greater) return 'incomparable';
    return less ? 'less' : greater ? 'greater' : 'equal';
  }

  equals(other: unknown): boolean {
    return other instanceof VectorClock && this.compare(other) === 'equal';
  }

  hashCode(): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < this.significantLength(); i++) h = mix32(h, this.entries[i]);
    return h >>> 0;
  }

  fingerprintValue(): unknown {
    return this.entries.slice(0, this.significantLength());
  }

  toString(): string {
    return `<${this.entries.map((e) => `${e}, `).join('')}...>`;
  }

  private significantLength(): number {
    let n = this.entries.length;
    while (n > 0 && this.entries[n - 1] === 0) n--;
    return n;
  }
}
