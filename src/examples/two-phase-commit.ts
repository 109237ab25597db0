/**
 * Two-phase commit (after Gray and Lamport's TLA+ specification): a transaction manager (TM)
 * asks N resource managers (RMs) to prepare, then tells all of them to commit, or to abort.
 * The model checks that no RM commits while another aborts, and with `liveness` that eventually
 * all RMs are committed or all aborted (every action weakly fair, per kind and RM).
 *
 * The state is a compact array of small integers so the checker can hash it quickly (the 9-RM
 * benchmark visits 10 million states): `[tm, tmPrepared, msgs, rm_0, ..., rm_{N-1}]` where
 * `tmPrepared` and `msgs` are bit sets. Use the accessors below rather than raw indices.
 */
import { always, eventually, sometimes, type Model, type Property, type StateCodec } from '../checker/index.js';

/** RM states, in the order the symmetry reduction sorts them. */
export const RmState = { Working: 0, Prepared: 1, Committed: 2, Aborted: 3 } as const;
export const TmState = { Init: 0, Committed: 1, Aborted: 2 } as const;
const RM_NAMES = ['Working', 'Prepared', 'Committed', 'Aborted'];
const TM_NAMES = ['Init', 'Committed', 'Aborted'];

/** `[tm, tmPrepared bits, msgs bits, rm_0 ... rm_{N-1}]`; msgs bit r = Prepared{r}, then Commit, Abort. */
export type TwoPhaseState = readonly number[];

const TM = 0;
const TM_PREPARED = 1;
const MSGS = 2;
const RM0 = 3;

export type TwoPhaseAction =
  | { readonly kind: 'TmCommit' }
  | { readonly kind: 'TmAbort' }
  | { readonly kind: 'TmRcvPrepared' | 'RmPrepare' | 'RmChooseToAbort' | 'RmRcvCommitMsg' | 'RmRcvAbortMsg'; readonly rm: number };

/** Each action kind's number in its fairness class (a lookup, not a search: this runs per generated state). */
const KIND_INDEX: Readonly<Record<TwoPhaseAction['kind'], number>> = {
  TmCommit: 0,
  TmAbort: 1,
  TmRcvPrepared: 2,
  RmPrepare: 3,
  RmChooseToAbort: 4,
  RmRcvCommitMsg: 5,
  RmRcvAbortMsg: 6,
};

export class TwoPhaseCommit implements Model<TwoPhaseState, TwoPhaseAction> {
  private readonly commitBit: number;
  private readonly abortBit: number;
  private readonly allPrepared: number;
  // Actions are preallocated so enumerating them allocates nothing.
  private readonly tmCommit: TwoPhaseAction = { kind: 'TmCommit' };
  private readonly tmAbort: TwoPhaseAction = { kind: 'TmAbort' };
  private readonly perRm: TwoPhaseAction[][];
  /**
   * BFS queues states, and the checker fingerprints them, in 2 + ⌈N/16⌉ words: `tm | tmPrepared << 2`, `msgs`, then the RM states
   * two bits each (every field is a small bit set or a value below 4, and N ≤ 28 keeps each
   * word within 32 bits).
   */
  readonly stateCodec: StateCodec<TwoPhaseState>;

  constructor(
    readonly rmCount: number,
    /** Adds the liveness property `all committed or all aborted` (Stateright's example has none). */
    readonly liveness = false,
  ) {
    if (rmCount < 1 || rmCount > 28) throw new RangeError('rmCount must be between 1 and 28');
    this.commitBit = 1 << rmCount;
    this.abortBit = 1 << (rmCount + 1);
    this.allPrepared = (1 << rmCount) - 1;
    const kinds = ['TmRcvPrepared', 'RmPrepare', 'RmChooseToAbort', 'RmRcvCommitMsg', 'RmRcvAbortMsg'] as const;
    this.perRm = Array.from({ length: rmCount }, (_, rm) => kinds.map((kind) => ({ kind, rm })));
    const n = rmCount;
    this.stateCodec = {
      words: 2 + Math.ceil(n / 16),
      // Every field goes to fixed bits, so equal states have equal words.
      canonical: true,
      // Runs once per generated state (the checker fingerprints the words), so one plain pass.
      encode(s, out, at) {
        out[at] = s[TM] | (s[TM_PREPARED] << 2);
        out[at + 1] = s[MSGS];
        let word = at + 2;
        let packed = 0;
        let shift = 0;
        for (let r = 0; r < n; r++) {
          packed |= s[RM0 + r] << shift;
          shift += 2;
          if (shift === 32) {
            out[word++] = packed;
            packed = 0;
            shift = 0;
          }
        }
        if (shift !== 0) out[word] = packed;
      },
      decode(words, at) {
        const s = new Array<number>(RM0 + n);
        s[TM] = words[at] & 3;
        s[TM_PREPARED] = words[at] >>> 2;
        s[MSGS] = words[at + 1];
        for (let r = 0; r < n; r++) s[RM0 + r] = (words[at + 2 + (r >> 4)] >>> (2 * (r & 15))) & 3;
        return s;
      },
    };
  }

  rm(state: TwoPhaseState, r: number): number {
    return state[RM0 + r];
  }

  initStates(): TwoPhaseState[] {
    return [[TmState.Init, 0, 0, ...new Array<number>(this.rmCount).fill(RmState.Working)]];
  }

  actions(s: TwoPhaseState, out: TwoPhaseAction[]): void {
    const tmInit = s[TM] === TmState.Init;
    const msgs = s[MSGS];
    if (tmInit && s[TM_PREPARED] === this.allPrepared) out.push(this.tmCommit);
    if (tmInit) out.push(this.tmAbort);
    const commit = (msgs & this.commitBit) !== 0;
    const abort = (msgs & this.abortBit) !== 0;
    for (let r = 0; r < this.rmCount; r++) {
      const acts = this.perRm[r];
      if (tmInit && (msgs & (1 << r)) !== 0) out.push(acts[0]);
      if (s[RM0 + r] === RmState.Working) out.push(acts[1], acts[2]);
      if (commit) out.push(acts[3]);
      if (abort) out.push(acts[4]);
    }
  }

  nextState(s: TwoPhaseState, a: TwoPhaseAction): TwoPhaseState {
    const t = s.slice();
    switch (a.kind) {
      case 'TmCommit':
        t[TM] = TmState.Committed;
        t[MSGS] |= this.commitBit;
        break;
      case 'TmAbort':
        t[TM] = TmState.Aborted;
        t[MSGS] |= this.abortBit;
        break;
      case 'TmRcvPrepared':
        t[TM_PREPARED] |= 1 << a.rm;
        break;
      case 'RmPrepare':
        t[RM0 + a.rm] = RmState.Prepared;
        t[MSGS] |= 1 << a.rm;
        break;
      case 'RmChooseToAbort':
      case 'RmRcvAbortMsg':
        t[RM0 + a.rm] = RmState.Aborted;
        break;
      case 'RmRcvCommitMsg':
        t[RM0 + a.rm] = RmState.Committed;
        break;
    }
    return t;
  }

  properties(): Property<TwoPhaseState>[] {
    const n = this.rmCount;
    // Plain loops: these run at every one of millions of states, so they should not allocate.
    const count = (s: TwoPhaseState, v: number) => {
      let c = 0;
      for (let r = RM0; r < RM0 + n; r++) if (s[r] === v) c++;
      return c;
    };
    const all = (s: TwoPhaseState, v: number) => count(s, v) === n;
    const any = (s: TwoPhaseState, v: number) => count(s, v) > 0;
    return [
      sometimes('abort agreement', (s) => all(s, RmState.Aborted)),
      sometimes('commit agreement', (s) => all(s, RmState.Committed)),
      always('consistent', (s) => !(any(s, RmState.Aborted) && any(s, RmState.Committed))),
      ...(this.liveness ? [eventually<TwoPhaseState>('all committed or all aborted', (s) => all(s, RmState.Committed) || all(s, RmState.Aborted))] : []),
    ];
  }

  /** Weak fairness: each action kind, per RM, is its own class (a step that stays enabled is taken). */
  fairClass(a: TwoPhaseAction): number {
    return 'rm' in a ? KIND_INDEX[a.kind] * 64 + a.rm : KIND_INDEX[a.kind] * 64;
  }

  /**
   * Symmetry representative: RMs stably sorted by state, with `tmPrepared` and the `Prepared{r}`
   * messages renamed to match. Not a full canonical form (ties ignore `tmPrepared`), exactly as in
   * Stateright, so reduced counts depend on the DFS order.
   */
  representative(s: TwoPhaseState): TwoPhaseState {
    const n = this.rmCount;
    const order = Array.from({ length: n }, (_, r) => r).sort((p, q) => s[RM0 + p] - s[RM0 + q] || p - q);
    const t = s.slice();
    let prepared = 0;
    let msgs = s[MSGS] & (this.commitBit | this.abortBit);
    order.forEach((old, pos) => {
      t[RM0 + pos] = s[RM0 + old];
      if ((s[TM_PREPARED] >> old) & 1) prepared |= 1 << pos;
      if ((s[MSGS] >> old) & 1) msgs |= 1 << pos;
    });
    t[TM_PREPARED] = prepared;
    t[MSGS] = msgs;
    return t;
  }

  formatAction(a: TwoPhaseAction): string {
    return 'rm' in a ? `${a.kind}(${a.rm})` : a.kind;
  }

  formatState(s: TwoPhaseState): string {
    const rms = s.slice(RM0).map((x) => RM_NAMES[x]).join(', ');
    const prepared = Array.from({ length: this.rmCount }, (_, r) => (s[TM_PREPARED] >> r) & 1).join('');
    const msgs: string[] = [];
    for (let r = 0; r < this.rmCount; r++) if ((s[MSGS] >> r) & 1) msgs.push(`Prepared{${r}}`);
    if (s[MSGS] & this.commitBit) msgs.push('Commit');
    if (s[MSGS] & this.abortBit) msgs.push('Abort');
    return `tm=${TM_NAMES[s[TM]]} rm=[${rms}] tmPrepared=${prepared} msgs={${msgs.join(', ')}}`;
  }
}
