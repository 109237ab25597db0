import { Map as ImmutableMap, is } from 'immutable';
import { mix32, valueEquals, valueHash } from '../value.js';
import type { Value } from '../value.js';

export type ThreadId = number | string;

/**
 * One recorded operation: its input, its output once returned, and (linearizability only) the
 * snapshot taken at invocation: for every other thread with completed operations, the position
 * of its last completed one. Entries are values: equal fields make equal entries, so testers
 * can be compared and hashed as parts of model-checker states.
 */
export class TesterEntry<I, O> {
  private cachedHash: number | undefined;

  constructor(
    readonly input: I,
    readonly output: O | undefined,
    readonly returned: boolean,
    readonly snapshot: ImmutableMap<ThreadId, number> | null,
  ) {}

  withOutput(output: O): TesterEntry<I, O> {
    return new TesterEntry(this.input, output, true, this.snapshot);
  }

  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!(other instanceof TesterEntry)) return false;
    return (
      this.returned === other.returned &&
      valueEquals(this.input as Value, other.input as Value) &&
      valueEquals((this.output ?? null) as Value, (other.output ?? null) as Value) &&
      is(this.snapshot, other.snapshot)
    );
  }

  hashCode(): number {
    if (this.cachedHash === undefined) {
      let h = mix32(valueHash(this.input as Value), valueHash((this.output ?? null) as Value));
      h = mix32(h, this.returned ? 1 : 0);
      if (this.snapshot) h = mix32(h, this.snapshot.hashCode());
      this.cachedHash = h >>> 0;
    }
    return this.cachedHash;
  }

  /** The entry as plain data, for the model checker's structural fingerprint. */
  fingerprintValue(): unknown {
    return [this.input, this.returned ? this.output ?? null : '<in flight>', this.snapshot];
  }

  toString(): string {
    const op = JSON.stringify(this.input);
    const ret = this.returned ? JSON.stringify(this.output ?? null) : '(in flight)';
    return this.snapshot ? `(${this.snapshot.toString()}, ${op}, ${ret})` : `(${op}, ${ret})`;
  }
}
