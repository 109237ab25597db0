/**
 * What clients observed (§3.3): a consistency tester fed by the actor model's history hooks. An
 * invocation is recorded when a client sends `Put`/`Get` (record-out) and a return when a reply
 * is delivered to it (record-in).
 *
 * Unlike Stateright 0.31, a reply is recorded only when its request id is the one the client
 * awaits (§3.5): a stale or duplicate reply, which the client ignores, is not the return of the
 * client's current operation. The hooks cannot see actor states, so the awaited ids are kept here,
 * beside the tester. They mirror the clients' own `awaiting` fields, so they split no state:
 * unordered-network counts are exactly Stateright's.
 *
 * Histories live inside model states, which are hashed at every step, so three things keep them
 * cheap (each tester caches its own verdict):
 * - interning: equal histories reached along different paths are one object, so each verdict is
 *   computed once, and the recorder memoises each history's successor per recorded event. Both
 *   tables are generational (generational-map.ts): they hold the histories a search recently
 *   reached, not every history it ever reached, so memory stays bounded by the states the checker
 *   keeps (a DFS stack, a BFS frontier) and not by the state space. Forgetting is sound because a
 *   history is a value: a forgotten one is computed again from its parent and the event, equal to
 *   the first (same digest, same verdicts), and nothing compares histories by identity;
 * - a digest from a plain operation log that determines the testers exactly (per client: its
 *   operations, outputs, and the real-time snapshot taken at each invocation), instead of walking
 *   the testers' immutable maps;
 * - linearizability is prefix-closed, and neither an invocation nor the return of a register
 *   write can change it (the new operation may take effect after every other one), so only
 *   reads returning into a linearizable history need a search.
 */
import {
  checkCausal,
  LinearizabilityTester,
  SequentialConsistencyTester,
  registerModel,
  writeOnceRegisterModel,
  type ConsistencyTester,
  type RegisterInput,
  type CausalOperation,
  type Value,
} from '../consistency/index.js';
import { fingerprint, workerSharedFacts, type Fingerprintable } from '../src/checker/index.js';
import type { Envelope, Id } from '../src/actor/index.js';
import { GenerationalMap } from './generational-map.js';
import { NO_VALUE, isReply, isRequest, type InternalMsg, type RegisterMsg, type RequestId } from './messages.js';

/** The object the servers are meant to behave like. */
export type RegisterSemantics = 'register' | 'write-once-register';

export type RegisterTester = ConsistencyTester<Value, RegisterInput, Value>;

/**
 * One operation of a client: what it wrote (null for a read), what it returned (absent while in
 * flight), and for every client the position of its last completed operation when this one was
 * invoked (-1: none, or itself).
 */
type LoggedOp = readonly [write: Value, snapshot: readonly number[], output?: Value];

/**
 * How a history was derived, for the linearizability shortcuts: an invocation, a return that
 * cannot change the verdict (a register write's: it can always take effect last), or a return.
 */
type Step = 'invoke' | 'neutral return' | 'return';
type Derivation = { readonly from: RegisterHistory; readonly by: Step } | null;

/**
 * Entries per generation of the recorder's memo tables. A generation is a window of recently
 * reached histories: 4 clients' single-copy register by DFS reaches about 100,000 distinct ones,
 * and this keeps at most 2 · 16,384 of them.
 */
const MEMO_GENERATION = 1 << 14;

/** Shared-fact bits: a verdict is known (this bit) and true (the next bit). */
const LINEARIZABLE = 1;
const SEQUENTIAL = 4;
const CAUSAL = 16;

export class RegisterHistory implements Fingerprintable {
  private digest: string | undefined;
  private linearizable: boolean | undefined;
  private causal: boolean | undefined;

  constructor(
    readonly linearizability: RegisterTester,
    /** Present when sequential consistency is checked too. */
    readonly sequentialConsistency: RegisterTester | null,
    /** Per client (index = actor id − server count): the request id it awaits, or null. */
    readonly awaiting: readonly (RequestId | null)[],
    /** Per client: its operations, the last one possibly in flight. */
    private readonly log: readonly (readonly LoggedOp[])[],
    private derivation: Derivation,
  ) {}

  isLinearizable(): boolean {
    if (this.linearizable === undefined) {
      const d = this.derivation;
      if (d !== null && (d.by !== 'return' || !d.from.isLinearizable()) && this.linearizability.isWellFormed()) {
        this.linearizable = d.from.isLinearizable();
      } else {
        this.linearizable = this.sharedVerdict(LINEARIZABLE, () => this.linearizability.isConsistent());
      }
      this.derivation = null;
    }
    return this.linearizable;
  }

  /**
   * Causal consistency (CC) of what the clients observed, each client a session: writes in
   * flight may or may not have taken effect, reads in flight constrain nothing. Computed once
   * per history (histories are interned). The clients write distinct values, so the history is
   * differentiated and the check is the polynomial one.
   */
  isCausallyConsistent(): boolean {
    if (this.causal === undefined) {
      const operations: CausalOperation[] = [];
      this.log.forEach((ops, client) => {
        for (const [write, , output] of ops) {
          if (write !== null) operations.push({ id: operations.length, session: client, kind: 'write', key: '', value: write, status: output === undefined ? 'info' : 'ok' });
          else if (output !== undefined) operations.push({ id: operations.length, session: client, kind: 'read', key: '', value: output, status: 'ok' });
        }
      });
      this.causal = this.sharedVerdict(CAUSAL, () => checkCausal(operations, 'causal', () => NO_VALUE).valid !== false);
    }
    return this.causal;
  }

  isSequentiallyConsistent(): boolean {
    const sc = this.sequentialConsistency;
    return sc === null || this.sharedVerdict(SEQUENTIAL, () => sc.isConsistent());
  }

  /**
   * A verdict on this history, from the run's shared facts when the checker runs on worker
   * threads (another worker may have computed it), else computed. Keyed by the digest that
   * interning already identifies histories by, so sharing assumes nothing more than interning.
   */
  private sharedVerdict(which: number, compute: () => boolean): boolean {
    const facts = workerSharedFacts();
    if (facts === undefined) return compute();
    const digest = this.fingerprintValue();
    const hi = parseInt(digest.slice(0, 8), 16);
    const lo = parseInt(digest.slice(8), 16);
    const bits = facts.get(lo, hi);
    if ((bits & which) !== 0) return (bits & (which << 1)) !== 0;
    const verdict = compute();
    facts.add(lo, hi, verdict ? which | (which << 1) : which);
    return verdict;
  }

  /** The plain form that determines this history (see {@link HistoryRecorder.rebuild}). */
  toPlain(): PlainHistory {
    return { awaiting: this.awaiting, log: this.log };
  }

  /** Positions of every client's last completed operation (-1: none). */
  completedPositions(): number[] {
    return this.log.map((ops) => (ops.length > 0 && ops[ops.length - 1].length < 3 ? ops.length - 2 : ops.length - 1));
  }

  /** `client`'s operations (index into the log) after invoking `write` (null: a read). */
  withInvocation(client: number, write: Value): (readonly LoggedOp[])[] {
    const snapshot = this.completedPositions();
    snapshot[client] = -1;
    const log = this.log.slice();
    log[client] = [...log[client], [write, snapshot]];
    return log;
  }

  /** Whether `client`'s operation in flight is a write. */
  writing(client: number): boolean {
    const ops = this.log[client];
    return ops.length > 0 && ops[ops.length - 1].length < 3 && ops[ops.length - 1][0] !== null;
  }

  /** `client`'s in-flight operation returns `output`. */
  withReturn(client: number, output: Value): (readonly LoggedOp[])[] {
    const log = this.log.slice();
    const ops = log[client].slice();
    const [write, snapshot] = ops[ops.length - 1];
    ops[ops.length - 1] = [write, snapshot, output];
    log[client] = ops;
    return log;
  }

  /**
   * A 64-bit digest, computed once. The log and the awaited ids determine the testers while they
   * are well-formed; a malformed tester (which the harness never produces) is hashed as it is.
   */
  fingerprintValue(): string {
    if (this.digest === undefined) {
      const wellFormed = this.linearizability.isWellFormed() && (this.sequentialConsistency?.isWellFormed() ?? true);
      this.digest = wellFormed
        ? fingerprint(['log', this.awaiting, this.log, this.sequentialConsistency !== null])
        : fingerprint(['testers', this.awaiting, this.linearizability, this.sequentialConsistency]);
    }
    return this.digest;
  }
}

/** A history as plain data: the awaited ids and the operation log, which determine it. */
export interface PlainHistory {
  readonly awaiting: readonly (RequestId | null)[];
  readonly log: readonly (readonly LoggedOp[])[];
}

/**
 * Builds the record-out / record-in hooks for `serverCount` servers followed by clients, and
 * interns the histories they produce.
 */
export class HistoryRecorder {
  private readonly interned: GenerationalMap<string, RegisterHistory>;
  /** Per history, its successor by recorded event (the model hands over canonical envelopes). */
  private readonly transitions: GenerationalMap<RegisterHistory, Map<object, RegisterHistory>>;
  readonly initial: RegisterHistory;

  constructor(
    readonly serverCount: number,
    clientCount: number,
    readonly semantics: RegisterSemantics,
    sequentialConsistency: boolean,
    /** Entries per generation of the memo tables (tests use tiny ones to exercise forgetting). */
    memoGeneration = MEMO_GENERATION,
  ) {
    this.interned = new GenerationalMap(memoGeneration);
    this.transitions = new GenerationalMap(memoGeneration);
    const model = semantics === 'register' ? registerModel(NO_VALUE) : writeOnceRegisterModel(null);
    this.initial = this.intern(
      new RegisterHistory(
        new LinearizabilityTester(model),
        sequentialConsistency ? new SequentialConsistencyTester(model) : null,
        new Array<RequestId | null>(clientCount).fill(null),
        Array.from({ length: clientCount }, () => []),
        null,
      ),
    );
  }

  /** Record-out: a client's request is the invocation of its operation. */
  readonly recordOut = (h: RegisterHistory, e: Envelope<InternalMsg | RegisterMsg>): RegisterHistory | undefined => {
    const msg = e.msg;
    if (e.src < this.serverCount || !isRequest(msg)) return undefined;
    const write = msg.type === 'Put' ? msg.value : null;
    return this.after(h, e, () => {
      const input: RegisterInput = write === null ? { f: 'read' } : { f: 'write', value: write };
      const client = e.src - this.serverCount;
      return this.update(h, e.src, msg.requestId, h.withInvocation(client, write), 'invoke', (t) => t.onInvoke(e.src, input));
    });
  };

  /** Record-in: the reply to the awaited request is the return of the client's operation. */
  readonly recordIn = (h: RegisterHistory, e: Envelope<InternalMsg | RegisterMsg>): RegisterHistory | undefined => {
    const msg = e.msg;
    const client = e.dst - this.serverCount;
    if (client < 0 || !isReply(msg) || h.awaiting[client] !== msg.requestId) return undefined;
    const output = this.output(msg);
    return this.after(h, e, () => {
      // A register write accepts any output and may take effect after everything else.
      const step: Step = this.semantics === 'register' && h.writing(client) ? 'neutral return' : 'return';
      return this.update(h, e.dst, null, h.withReturn(client, output), step, (t) => t.onReturn(e.dst, output));
    });
  };

  /**
   * The interned history whose log and awaited ids are `plain`, for states that arrive as bytes
   * (cluster runs). The events are replayed through the hooks in an order the log allows, found
   * as a topological order (Kahn's): an invocation comes after its client's previous return and
   * after the return of every operation its snapshot lists as completed; a return comes after
   * its invocation and after every other invocation whose snapshot lists it as not completed.
   * The original run is such an order, so one exists, and any such order gives the same log and
   * ids, hence the same digest and the same (interned) history.
   */
  rebuild(plain: PlainHistory): RegisterHistory {
    const { awaiting, log } = plain;
    const n = log.length;
    const invoked = new Array<number>(n).fill(0);
    const returned = new Array<number>(n).fill(0);
    let h = this.initial;
    for (let progress = true; progress; ) {
      progress = false;
      for (let c = 0; c < n; c++) {
        const ops = log[c];
        const id = this.serverCount + c;
        if (invoked[c] === returned[c]) {
          const i = invoked[c];
          if (i >= ops.length) continue;
          const [write, snapshot] = ops[i];
          if (!snapshot.every((last, other) => other === c || returned[other] - 1 >= last)) continue;
          const last = i === ops.length - 1 && ops[i].length < 3;
          const requestId = last ? awaiting[c] ?? i + 1 : i + 1;
          const msg: RegisterMsg = write === null ? { type: 'Get', requestId } : { type: 'Put', requestId, value: write as never };
          h = this.recordOut(h, { src: id, dst: 0, msg }) ?? h;
          invoked[c]++;
          progress = true;
        } else {
          const i = returned[c];
          const op = ops[i];
          if (op.length < 3) continue;
          if (log.some((other, o) => o !== c && invoked[o] < other.length && other[invoked[o]][1][c] < i)) continue;
          const requestId = h.awaiting[c] ?? i + 1;
          h = this.recordIn(h, { src: 0, dst: id, msg: this.reply(requestId, op[0], op[2] as Value) }) ?? h;
          returned[c]++;
          progress = true;
        }
      }
    }
    if (h.fingerprintValue() !== new RegisterHistory(h.linearizability, h.sequentialConsistency, awaiting, log, null).fingerprintValue()) {
      throw new Error('a register history that no order of its events produces');
    }
    return h;
  }

  /** A reply whose recorded output is `output`, the inverse of {@link output}. */
  private reply(requestId: RequestId, write: Value, output: Value): RegisterMsg {
    if (this.semantics === 'register') return write === null ? { type: 'GetOk', requestId, value: output as never } : { type: 'PutOk', requestId };
    if (write === null) return { type: 'GetOk', requestId, value: (output === null ? NO_VALUE : output) as never };
    return output === 'ok' ? { type: 'PutOk', requestId } : { type: 'PutFail', requestId };
  }

  private output(msg: Extract<RegisterMsg, { type: 'PutOk' | 'PutFail' | 'GetOk' }>): Value {
    if (this.semantics === 'register') return msg.type === 'GetOk' ? msg.value : null;
    if (msg.type === 'GetOk') return msg.value === NO_VALUE ? null : msg.value;
    return msg.type === 'PutOk' ? 'ok' : 'fail';
  }

  private update(
    h: RegisterHistory,
    client: Id,
    awaited: RequestId | null,
    log: readonly (readonly LoggedOp[])[],
    by: Step,
    record: (t: RegisterTester) => RegisterTester,
  ): RegisterHistory {
    const awaiting = h.awaiting.slice();
    awaiting[client - this.serverCount] = awaited;
    const sc = h.sequentialConsistency;
    return this.intern(new RegisterHistory(record(h.linearizability), sc === null ? null : record(sc), awaiting, log, { from: h, by }));
  }

  /** The history after `event`, computed by `record` unless remembered. */
  private after(h: RegisterHistory, event: object, record: () => RegisterHistory): RegisterHistory {
    let known = this.transitions.get(h);
    if (known === undefined) {
      known = new Map();
      this.transitions.set(h, known);
    }
    let next = known.get(event);
    if (next === undefined) {
      next = record();
      known.set(event, next);
    }
    return next;
  }

  private intern(h: RegisterHistory): RegisterHistory {
    const key = h.fingerprintValue();
    const known = this.interned.get(key);
    if (known !== undefined) return known;
    this.interned.set(key, h);
    return h;
  }
}
