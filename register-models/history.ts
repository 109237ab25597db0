/**
 * What clients observed (§3.3): a consistency tester fed by the operation events clients record
 * (`out.record`): the register client invokes an operation when it sends `Put`/`Get` and
 * completes it when the reply it awaits is delivered.
 *
 * Unlike Stateright 0.31, a reply is recorded only when its request id is the one the client
 * awaits (§3.5): a stale or duplicate reply, which the client ignores, is not the return of the
 * client's current operation. The client itself decides this, so the history holds nothing the
 * client states do not already determine: unordered-network counts are exactly Stateright's.
 *
 * Histories live inside model states, which are hashed at every step, so three things keep them
 * cheap (each tester caches its own verdict):
 * - interning: equal histories reached along different paths are one object, so each verdict is
 *   computed once, and the recorder memoises each history's successor per recorded event. Both
 *   tables are generational (generational-map.ts): they hold the histories a search recently
 *   reached, not every history it ever reached, so memory stays bounded by the states the checker
 *   keeps (a DFS stack, a BFS frontier) and not by the state space. Forgetting is sound because a
 *   history is a value: a forgotten one is computed again from its parent and the event, equal to
 *   the first (same digest, same verdicts), and nothing compares histories by identity. The
 *   verdicts themselves are kept by digest for the whole run (about 12 bytes each), so a history
 *   built again never repeats a search;
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
import { fingerprint, LocalFacts, workerSharedFacts, type Facts, type Fingerprintable } from '../src/checker/index.js';
import type { Id, OperationEvent } from '../src/actor/index.js';
import { GenerationalMap } from './generational-map.js';
import { NO_VALUE } from './messages.js';

/** The object the servers are meant to behave like. */
export type RegisterSemantics = 'register' | 'write-once-register';

export type RegisterTester = ConsistencyTester<Value, RegisterInput, Value>;

/**
 * One operation of a client: what it wrote (null for a read), what it returned (absent while in
 * flight), and for every client the position of its last completed operation when this one was
 * invoked (-1: none, or itself).
 */
type LoggedOp = readonly [write: Value, snapshot: readonly number[], output?: Value];

/** The output of an operation that ended unknown (`info`): no register value is an object. */
const INFO: Value = { outcome: 'info' };

/**
 * How a history was derived, for the linearizability shortcuts: an invocation, a return that
 * cannot change the verdict (a register write's: it can always take effect last), or a return.
 */
type Step = 'invoke' | 'neutral return' | 'return';
type Derivation = { readonly from: RegisterHistory; readonly by: Step } | null;

/**
 * Entries per generation of the recorder's memo tables. A generation is a window of recently
 * reached histories: 4 clients' single-copy register by DFS reaches about 100,000 distinct ones,
 * and this keeps at most 2 · 256 of them. Verdicts outlive the window (`verdicts` below), so a
 * history built again costs its construction, never a search; and a short window lets forgotten
 * histories die young, before the collector promotes them to the old generation. On that run
 * (docs/performance.md), windows of 2 · 16,384, 2 · 1,024 and 2 · 256 histories peaked at
 * about 210, 160 and 111 MB, the smallest window also taking the least CPU time.
 */
const MEMO_GENERATION = 1 << 8;

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
    /** The register's initial value. */
    readonly init: Value,
    /** Per client (index = actor id − server count): its operations, the last one possibly in flight. */
    private readonly log: readonly (readonly LoggedOp[])[],
    private derivation: Derivation,
    /** The recorder's verdicts by digest, which outlive the memo tables' histories. */
    private readonly verdicts: Facts,
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
          const unknown = output === undefined || output === INFO;
          if (write !== null) operations.push({ id: operations.length, session: client, kind: 'write', key: '', value: write, status: unknown ? 'info' : 'ok' });
          else if (!unknown) operations.push({ id: operations.length, session: client, kind: 'read', key: '', value: output, status: 'ok' });
        }
      });
      const init = this.init;
      this.causal = this.sharedVerdict(CAUSAL, () => checkCausal(operations, 'causal', () => init).valid !== false);
    }
    return this.causal;
  }

  isSequentiallyConsistent(): boolean {
    const sc = this.sequentialConsistency;
    return sc === null || this.sharedVerdict(SEQUENTIAL, () => sc.isConsistent());
  }

  /**
   * A verdict on this history, from the run's shared facts when the checker runs on worker
   * threads (another worker may have computed it), else from the recorder's own table (an equal
   * history built before, then forgotten by the memo tables, left it there), else computed. Keyed
   * by the digest that interning already identifies histories by, so keeping verdicts by digest
   * assumes nothing more than interning does.
   */
  private sharedVerdict(which: number, compute: () => boolean): boolean {
    const facts = workerSharedFacts() ?? this.verdicts;
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
    return { log: this.log };
  }

  get clientCount(): number {
    return this.log.length;
  }

  /** The tester thread of client `id` (index `client`): a new one after each operation that ended unknown. */
  thread(id: Id, client: number, serverCount: number): number {
    let retired = 0;
    for (const op of this.log[client]) if (op.length === 3 && op[2] === INFO) retired++;
    return retired === 0 ? id : id + retired * (serverCount + this.log.length);
  }

  /** Whether `client` has an operation in flight (invoked, no outcome yet). */
  inFlight(client: number): boolean {
    const ops = this.log[client];
    return ops.length > 0 && ops[ops.length - 1].length < 3;
  }

  /** Positions of every client's last completed operation (-1: none); an operation that ended unknown never completed. */
  completedPositions(): number[] {
    return this.log.map((ops) => {
      for (let i = ops.length - 1; i >= 0; i--) if (ops[i].length === 3 && ops[i][2] !== INFO) return i;
      return -1;
    });
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
        ? fingerprint(['log', this.log, this.sequentialConsistency !== null])
        : fingerprint(['testers', this.linearizability, this.sequentialConsistency]);
    }
    return this.digest;
  }
}

/** A history as plain data: the operation log, which determines it. */
export interface PlainHistory {
  readonly log: readonly (readonly LoggedOp[])[];
}

/**
 * Builds the hook that turns clients' operation events (`out.record`) into histories, for
 * `serverCount` servers followed by clients, and interns the histories it produces.
 *
 * A client whose operation ended `info` (or, on a read/write register, `fail`: a failed write
 * may still have taken effect as far as the register knows) goes on as a new thread of the
 * testers, as Jepsen retires a process: the old operation stays in flight for ever.
 */
export class HistoryRecorder {
  private readonly interned: GenerationalMap<string, RegisterHistory>;
  /** Per history, its successor by recording actor and event (null: the event records nothing). */
  private readonly transitions: GenerationalMap<RegisterHistory, Map<Id, Map<object, RegisterHistory | null>>>;
  /**
   * Every verdict computed, by digest (about 12 bytes each): the memo tables forget histories, and
   * a history built again finds its verdicts here instead of searching again.
   */
  private readonly verdicts = new LocalFacts();
  readonly initial: RegisterHistory;

  constructor(
    readonly serverCount: number,
    clientCount: number,
    readonly semantics: RegisterSemantics,
    sequentialConsistency: boolean,
    /** Entries per generation of the memo tables (tests use tiny ones to exercise forgetting). */
    memoGeneration = MEMO_GENERATION,
    /** The register's value before any write (`'\0'`, Rust's default char, for the bundled protocols). */
    readonly init: Value = NO_VALUE,
  ) {
    this.interned = new GenerationalMap(memoGeneration);
    this.transitions = new GenerationalMap(memoGeneration);
    const model = semantics === 'register' ? registerModel(init) : writeOnceRegisterModel(null);
    this.initial = this.intern(
      new RegisterHistory(
        new LinearizabilityTester(model),
        sequentialConsistency ? new SequentialConsistencyTester(model) : null,
        init,
        Array.from({ length: clientCount }, () => []),
        null,
        this.verdicts,
      ),
    );
  }

  /** Records one event of client `id`; undefined for an event that cannot be recorded (e.g. a return with nothing in flight). */
  readonly recordOperation = (h: RegisterHistory, id: Id, event: OperationEvent): RegisterHistory | undefined => {
    const client = id - this.serverCount;
    if (client < 0 || client >= h.clientCount) return undefined;
    return this.after(h, id, event, () => {
      const thread = h.thread(id, client, this.serverCount);
      if (event.type === 'invoke') {
        if (h.inFlight(client)) return undefined;
        const write = event.f === 'write' ? event.value : null;
        if (event.f !== 'write' && event.f !== 'read') return undefined;
        const input: RegisterInput = write === null ? { f: 'read' } : { f: 'write', value: write };
        return this.update(h, h.withInvocation(client, write), 'invoke', (t) => t.onInvoke(thread, input));
      }
      if (!h.inFlight(client)) return undefined;
      const writing = h.writing(client);
      if (event.type === 'info' || (event.type === 'fail' && (this.semantics === 'register' || !writing))) {
        // The operation stays in flight; the client goes on as a new thread.
        return this.update(h, h.withReturn(client, INFO), 'invoke', (t) => t);
      }
      const output = this.output(writing, event);
      // A register write accepts any output and may take effect after everything else.
      const step: Step = this.semantics === 'register' && writing ? 'neutral return' : 'return';
      return this.update(h, h.withReturn(client, output), step, (t) => t.onReturn(thread, output));
    });
  };

  /**
   * The interned history whose log is `plain`, for states that arrive as bytes (cluster runs).
   * The events are replayed through the hook in an order the log allows, found as a topological
   * order (Kahn's): an invocation comes after its client's previous outcome and after the return
   * of every operation its snapshot lists as completed; an outcome comes after its invocation and
   * after every other invocation whose snapshot lists it as not completed. The original run is
   * such an order, so one exists, and any such order gives the same log, hence the same digest
   * and the same (interned) history.
   */
  rebuild(plain: PlainHistory): RegisterHistory {
    const { log } = plain;
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
          h = this.recordOperation(h, id, { type: 'invoke', f: write === null ? 'read' : 'write', value: write }) ?? h;
          invoked[c]++;
          progress = true;
        } else {
          const i = returned[c];
          const op = ops[i];
          if (op.length < 3) continue;
          if (log.some((other, o) => o !== c && invoked[o] < other.length && other[invoked[o]][1][c] < i)) continue;
          h = this.recordOperation(h, id, this.outcome(op[0], op[2] as Value)) ?? h;
          returned[c]++;
          progress = true;
        }
      }
    }
    if (h.fingerprintValue() !== new RegisterHistory(h.linearizability, h.sequentialConsistency, h.init, log, null, this.verdicts).fingerprintValue()) {
      throw new Error('a register history that no order of its events produces');
    }
    return h;
  }

  /** The event whose recorded output is `output`, the inverse of {@link output}. */
  private outcome(write: Value, output: Value): OperationEvent {
    if (output === INFO) return { type: 'info' };
    if (this.semantics === 'register') return { type: 'ok', value: write === null ? output : null };
    if (write === null) return { type: 'ok', value: output === null ? NO_VALUE : output };
    return output === 'ok' ? { type: 'ok', value: null } : { type: 'fail' };
  }

  private output(writing: boolean, event: Extract<OperationEvent, { type: 'ok' | 'fail' }>): Value {
    if (this.semantics === 'register') return writing ? null : event.type === 'ok' ? event.value : null;
    if (!writing) return event.type === 'ok' && event.value !== NO_VALUE ? event.value : null;
    return event.type === 'ok' ? 'ok' : 'fail';
  }

  private update(h: RegisterHistory, log: readonly (readonly LoggedOp[])[], by: Step, record: (t: RegisterTester) => RegisterTester): RegisterHistory {
    const sc = h.sequentialConsistency;
    return this.intern(new RegisterHistory(record(h.linearizability), sc === null ? null : record(sc), h.init, log, { from: h, by }, this.verdicts));
  }

  /**
   * The history after actor `id`'s `event`, computed by `record` unless remembered (null: the
   * event records nothing). The model memoises handler outcomes per actor state and envelope, so
   * an event recorded again along another path is usually the same object.
   */
  private after(h: RegisterHistory, id: Id, event: object, record: () => RegisterHistory | undefined): RegisterHistory | undefined {
    let known = this.transitions.get(h);
    if (known === undefined) {
      known = new Map();
      this.transitions.set(h, known);
    }
    let byEvent = known.get(id);
    if (byEvent === undefined) {
      byEvent = new Map();
      known.set(id, byEvent);
    }
    let next = byEvent.get(event);
    if (next === undefined) {
      next = record() ?? null;
      byEvent.set(event, next);
    }
    return next ?? undefined;
  }

  private intern(h: RegisterHistory): RegisterHistory {
    const key = h.fingerprintValue();
    const known = this.interned.get(key);
    if (known !== undefined) return known;
    this.interned.set(key, h);
    return h;
  }
}
