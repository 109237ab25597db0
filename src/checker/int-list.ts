/** A growable list of 32-bit integers in a typed array (no boxed numbers). Internal. */
export class IntList {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** Drops the entries from `length` on. */
  truncate(length: number): void {
    this.length = length;
  }

  /** A right-sized copy of the contents. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
