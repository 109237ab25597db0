/**
 * Evaluating properties at a popped state, as Stateright's loop does (§1.4 of the reference):
 * shared by the single-threaded search and the worker loops so that both apply the same rules.
 * Internal.
 */
import { onGraph, type LivenessMode } from './liveness-check.js';
import type { Property } from './property.js';

const ALWAYS = 0;
const SOMETIMES = 1;
/** Stateright's eventually: one bit per pending property travels with each job. */
const EVENTUALLY = 2;
/** Decided after the search on the explored graph (liveness-check.ts): every state awaits it. */
const ON_GRAPH = 3;

/** Returned by {@link PropertyChecks.evaluate} when nothing awaits at the state (it is not expanded). */
export const NOT_AWAITING = -1;

export class PropertyChecks<State> {
  private readonly kinds: Uint8Array;
  private readonly conds: ((state: State) => boolean)[];
  /** Eventually property i owns bit `bitOf[i]` of a job's bits. */
  private readonly bitOf: Uint32Array;
  /** The bits every init job starts with: one per eventually property. */
  readonly allBits: number;
  /** Per property: has some discovery (this run; for workers, as last seen). */
  readonly discovered: boolean[];

  constructor(properties: readonly Property<State>[], liveness: LivenessMode) {
    const n = properties.length;
    this.kinds = Uint8Array.from(properties, (p) =>
      p.expectation === 'always' ? ALWAYS : p.expectation === 'sometimes' ? SOMETIMES : onGraph(p.expectation, liveness) ? ON_GRAPH : EVENTUALLY,
    );
    this.conds = properties.map((p) => p.condition);
    this.bitOf = new Uint32Array(n);
    let allBits = 0;
    let nextBit = 0;
    for (let i = 0; i < n; i++) {
      if (this.kinds[i] === EVENTUALLY) {
        this.bitOf[i] = (1 << nextBit++) >>> 0;
        allBits |= this.bitOf[i];
      }
    }
    this.allBits = allBits >>> 0;
    this.discovered = new Array<boolean>(n).fill(false);
  }

  /**
   * Checks every property at `state` reached with eventually `bits`. Calls `found(i)` for each
   * property discovered here. Returns the bits to hand to the successors, or {@link NOT_AWAITING}.
   */
  evaluate(state: State, bits: number, found: (i: number) => void): number {
    const kinds = this.kinds;
    const conds = this.conds;
    const discovered = this.discovered;
    let awaiting = false;
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[i];
      if (kind === ALWAYS) {
        if (!conds[i](state)) {
          discovered[i] = true;
          found(i);
        } else awaiting = true;
      } else if (kind === SOMETIMES) {
        if (conds[i](state)) {
          discovered[i] = true;
          found(i);
        } else awaiting = true;
      } else if (kind === ON_GRAPH) {
        awaiting = true;
      } else {
        if (discovered[i] && (bits & this.bitOf[i]) === 0) continue;
        awaiting = true;
        if (conds[i](state)) bits &= ~this.bitOf[i];
      }
    }
    return awaiting ? bits >>> 0 : NOT_AWAITING;
  }

  /** A terminal state reached with `bits`: each eventually property still pending is discovered. */
  terminal(bits: number, found: (i: number) => void): void {
    if (bits === 0) return;
    for (let i = 0; i < this.kinds.length; i++) {
      if (this.kinds[i] === EVENTUALLY && (bits & this.bitOf[i]) !== 0) {
        this.discovered[i] = true;
        found(i);
      }
    }
  }
}
