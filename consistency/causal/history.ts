/**
 * A read/write history as the causal checks see it: sessions (one per process), each a sequence
 * of reads and writes on keys, with the candidate writes each read may have read from.
 */
import { UNKNOWN } from '../model.js';
import type { Unknown } from '../model.js';
import { describeValue } from '../value.js';
import type { Value } from '../value.js';

/** The levels weaker than sequential consistency that `checkCausal` decides. */
export type CausalLevel =
  | 'causal'
  | 'causal-convergence'
  | 'causal-memory'
  | 'read-your-writes'
  | 'monotonic-reads'
  | 'monotonic-writes'
  | 'writes-follow-reads';

export const CAUSAL_LEVELS: readonly CausalLevel[] = [
  'causal',
  'causal-convergence',
  'causal-memory',
  'read-your-writes',
  'monotonic-reads',
  'monotonic-writes',
  'writes-follow-reads',
];

export const isCausalLevel = (name: string): name is CausalLevel => (CAUSAL_LEVELS as readonly string[]).includes(name);

/** One operation handed to `checkCausal`. */
export interface CausalOperation {
  /** Unique in the history (e.g. a Jepsen `:index`). */
  readonly id: number;
  /** The session (client, process) that issued it; each session is sequential. */
  readonly session: number | string;
  readonly kind: 'read' | 'write';
  /** The key ('' for a lone register). */
  readonly key: string;
  /**
   * What a write wrote, or what a read returned. A read returning `UNKNOWN` (crashed, or a
   * Knossos-style `nil`) constrains nothing.
   */
  readonly value: Value | Unknown;
  /** `info`: crashed or timed out; a write may or may not have taken effect. */
  readonly status: 'ok' | 'info';
}

/** The source of a read: a write's index, the initial value, or none at all. */
export const FROM_INIT = -1;
/** A read that constrains nothing (its result is unknown). */
export const FREE_READ = -2;

/**
 * The operations indexed 0..n-1 in history order, with their sessions and positions, the keys
 * interned, and for each read the writes it may have read from. The history is differentiated
 * when every read has at most one candidate: no value is written twice to a key, and no write
 * writes a key's initial value.
 */
export class CausalHistory {
  readonly n: number;
  /** Session count S; sessions are numbered 0..S-1 in order of first appearance. */
  readonly sessions: number;
  readonly sessionNames: readonly (number | string)[];
  readonly sessionOf: Int32Array;
  /** 1-based position of each operation within its session. */
  readonly positionOf: Int32Array;
  /** Per session, its operations' indices in order. */
  readonly sessionOps: readonly (readonly number[])[];
  readonly isWrite: Uint8Array;
  readonly keyOf: Int32Array;
  readonly keyNames: readonly string[];
  /**
   * Per read: the indices of the writes (of its key and value) it may have read from, with
   * FROM_INIT when its value is the key's initial value. Empty for a thin-air read; null for a
   * free read. Writes later in the read's own session are left out: reading one is a causal cycle
   * whatever else happens (see `ownFutureCandidates`).
   */
  readonly candidates: readonly (readonly number[] | null)[];
  /** Per read: candidates dropped because they follow the read in its own session. */
  readonly ownFutureCandidates: readonly (readonly number[] | null)[];
  readonly differentiated: boolean;

  constructor(
    readonly operations: readonly CausalOperation[],
    readonly initialValue: (key: string) => Value,
  ) {
    const n = operations.length;
    this.n = n;
    const sessionIndex = new Map<number | string, number>();
    const keyIndex = new Map<string, number>();
    const keyNames: string[] = [];
    const sessionOps: number[][] = [];
    this.sessionOf = new Int32Array(n);
    this.positionOf = new Int32Array(n);
    this.isWrite = new Uint8Array(n);
    this.keyOf = new Int32Array(n);
    const ids = new Set<number>();
    for (let i = 0; i < n; i++) {
      const op = operations[i];
      if (ids.has(op.id)) throw new RangeError(`operation id ${op.id} appears twice`);
      ids.add(op.id);
      if (op.kind === 'write' && op.value === UNKNOWN) throw new RangeError(`write #${op.id} has no value`);
      let s = sessionIndex.get(op.session);
      if (s === undefined) {
        s = sessionOps.length;
        sessionIndex.set(op.session, s);
        sessionOps.push([]);
      }
      let k = keyIndex.get(op.key);
      if (k === undefined) {
        k = keyNames.length;
        keyIndex.set(op.key, k);
        keyNames.push(op.key);
      }
      this.sessionOf[i] = s;
      sessionOps[s].push(i);
      this.positionOf[i] = sessionOps[s].length;
      this.isWrite[i] = op.kind === 'write' ? 1 : 0;
      this.keyOf[i] = k;
    }
    this.sessions = sessionOps.length;
    this.sessionNames = [...sessionIndex.keys()];
    this.sessionOps = sessionOps;
    this.keyNames = keyNames;

    // Writes by (key, value), and whether any write writes its key's initial value.
    const writers = new Map<string, number[]>();
    const initialKeys = keyNames.map((key) => canonical(initialValue(key)));
    let differentiated = true;
    for (let i = 0; i < n; i++) {
      if (!this.isWrite[i]) continue;
      const slot = `${this.keyOf[i]}\u0000${canonical(operations[i].value as Value)}`;
      const list = writers.get(slot);
      if (list === undefined) writers.set(slot, [i]);
      else {
        list.push(i);
        differentiated = false;
      }
      if (canonical(operations[i].value as Value) === initialKeys[this.keyOf[i]]) differentiated = false;
    }
    const candidates: (number[] | null)[] = [];
    const ownFuture: (number[] | null)[] = [];
    for (let i = 0; i < n; i++) {
      const op = operations[i];
      if (this.isWrite[i] || op.value === UNKNOWN) {
        candidates.push(null);
        ownFuture.push(null);
        continue;
      }
      const value = canonical(op.value);
      const list: number[] = [];
      const future: number[] = [];
      if (value === initialKeys[this.keyOf[i]]) list.push(FROM_INIT);
      for (const w of writers.get(`${this.keyOf[i]}\u0000${value}`) ?? []) {
        if (this.sessionOf[w] === this.sessionOf[i] && this.positionOf[w] > this.positionOf[i]) future.push(w);
        else list.push(w);
      }
      candidates.push(list);
      ownFuture.push(future);
    }
    this.candidates = candidates;
    this.ownFutureCandidates = ownFuture;
    this.differentiated = differentiated;
  }

  sessionName(i: number): number | string {
    return this.sessionNames[this.sessionOf[i]];
  }

  /** `#12 read x=1 by session 3`, `#7 write x=2 by session 1`. */
  describe(i: number): string {
    const op = this.operations[i];
    const key = op.key === '' ? '' : `${op.key}=`;
    const value = op.value === UNKNOWN ? '?' : describeValue(op.value);
    const crashed = op.status === 'info' ? ' (crashed)' : '';
    return `#${op.id} ${op.kind} ${key}${value}${crashed} by session ${this.sessionName(i)}`;
  }

  /** `x` or `the register`. */
  keyWords(i: number): string {
    const key = this.operations[i].key;
    return key === '' ? 'the register' : key;
  }

  initialWords(i: number): string {
    return describeValue(this.initialValue(this.operations[i].key));
  }
}

/** A canonical text for a value: equal values (objects in any key order) give equal texts. */
export function canonical(v: Value): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? `s${v}` : `p${String(v)}`;
  if (Array.isArray(v)) return `[${(v as readonly Value[]).map(canonical).join(',')}]`;
  const o = v as { readonly [key: string]: Value };
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}
