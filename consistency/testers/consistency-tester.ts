import { List, Map as ImmutableMap, is } from 'immutable';
import type { Consistency } from '../check-result.js';
import { checkHistory } from '../engine/check.js';
import { ILLEGAL, UNKNOWN } from '../model.js';
import type { Operation, SequentialModel } from '../model.js';
import { mix32 } from '../value.js';
import { MAX_SMALL_OPS, smallHistoryConsistent, type SmallOp } from './small-history.js';
import { TesterEntry } from './tester-entry.js';
import type { ThreadId } from './tester-entry.js';

/** One step of a witness order: the operation and what it returned. */
export interface SerializedStep<I, O> {
  readonly thread: ThreadId;
  readonly input: I;
  readonly output: O;
}

const compareThreads = (a: ThreadId, b: ThreadId): number =>
  typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === 'number' ? -1 : 1;

/**
 * An incremental consistency tester in Stateright's sense: record invocations and returns per
 * thread as they happen, ask at any point whether the history so far is consistent. Testers are
 * persistent values (every call returns a new tester) with structural equality and a stable
 * hash, so they can live inside model-checker states. The verdict is computed by the memoised
 * engine on first request and cached on the tester.
 *
 * Linearizability and sequential consistency share everything except one thing: the
 * linearizability tester snapshots, at each invocation, which operations had already completed
 * (real-time order); the sequential one does not.
 */
export class ConsistencyTester<S, I, O> {
  private verdict: readonly SerializedStep<I, O>[] | null | undefined;
  private consistent: boolean | undefined;
  private cachedHash: number | undefined;

  private readonly completed: ImmutableMap<ThreadId, List<TesterEntry<I, O>>> = ImmutableMap();
  private readonly inFlight: ImmutableMap<ThreadId, TesterEntry<I, O>> = ImmutableMap();
  private readonly valid: boolean = true;
  /** Why the history is malformed, after the call that made it so; null otherwise. */
  readonly error: string | null = null;

  protected constructor(
    readonly model: SequentialModel<S, I, O>,
    readonly consistency: Consistency,
  ) {}

  /** A copy of this tester (same class) with other contents; the cached verdict is not copied. */
  private derive(
    completed: ImmutableMap<ThreadId, List<TesterEntry<I, O>>>,
    inFlight: ImmutableMap<ThreadId, TesterEntry<I, O>>,
    valid: boolean,
    error: string | null,
  ): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, { model: this.model, consistency: this.consistency, completed, inFlight, valid, error });
    return copy;
  }

  /** Records that `thread` invoked `input`. A thread with an operation in flight makes the history malformed. */
  onInvoke(thread: ThreadId, input: I): this {
    if (!this.valid) return this.derive(this.completed, this.inFlight, false, 'Earlier history was invalid.');
    const existing = this.inFlight.get(thread);
    if (existing) {
      return this.derive(
        this.completed,
        this.inFlight,
        false,
        `Thread already has an operation in flight. thread_id=${String(thread)}, op=${JSON.stringify(existing.input)}, history_by_thread=${this.describeByThread()}`,
      );
    }
    let snapshot: ImmutableMap<ThreadId, number> | null = null;
    if (this.consistency === 'linearizable') {
      snapshot = ImmutableMap<ThreadId, number>().withMutations((m) => {
        this.completed.forEach((list, other) => {
          if (other !== thread && list.size > 0) m.set(other, list.size - 1);
        });
      });
    }
    const completed = this.completed.has(thread) ? this.completed : this.completed.set(thread, List());
    return this.derive(completed, this.inFlight.set(thread, new TesterEntry<I, O>(input, undefined, false, snapshot)), true, null);
  }

  /** Records that `thread`'s operation in flight returned `output`. With none in flight the history is malformed. */
  onReturn(thread: ThreadId, output: O): this {
    if (!this.valid) return this.derive(this.completed, this.inFlight, false, 'Earlier history was invalid.');
    const entry = this.inFlight.get(thread);
    if (!entry) {
      const completed = this.completed.has(thread) ? this.completed : this.completed.set(thread, List());
      return this.derive(
        completed,
        this.inFlight,
        false,
        `There is no in-flight invocation for this thread ID. thread_id=${String(thread)}, unexpected_return=${JSON.stringify(output)}, history=[${(this.completed.get(thread) ?? List()).join(', ')}]`,
      );
    }
    const list = (this.completed.get(thread) ?? List<TesterEntry<I, O>>()).push(entry.withOutput(output));
    return this.derive(this.completed.set(thread, list), this.inFlight.remove(thread), true, null);
  }

  onInvokeAndReturn(thread: ThreadId, input: I, output: O): this {
    return this.onInvoke(thread, input).onReturn(thread, output);
  }

  /** False once the history was malformed (see `error`). */
  isWellFormed(): boolean {
    return this.valid;
  }

  /** The number of operations recorded (in flight and completed). */
  get size(): number {
    let n = this.inFlight.size;
    this.completed.forEach((list) => (n += list.size));
    return n;
  }

  isConsistent(): boolean {
    if (this.verdict !== undefined) return this.verdict !== null;
    if (this.consistent === undefined) {
      // A small history is searched directly (small-history.ts); the engine, which also gives
      // the witness order, serves the rest.
      const { rows, precedes } = this.rowsInOrder();
      this.consistent = !this.valid
        ? false
        : rows.length <= MAX_SMALL_OPS
          ? smallHistoryConsistent(
              this.model,
              rows.map(({ entry }, b): SmallOp<I, O> => {
                let after = 0;
                for (let a = 0; a < rows.length; a++) if (precedes[a * rows.length + b] === 1) after |= 1 << a;
                return { input: entry.input, output: entry.returned ? (entry.output as O) : UNKNOWN, completed: entry.returned, after };
              }),
            )
          : this.serializedHistory() !== null;
    }
    return this.consistent;
  }

  /**
   * A witness order (every completed operation, and the in-flight ones that were placed), or
   * null when the history is malformed or inconsistent.
   */
  serializedHistory(): readonly SerializedStep<I, O>[] | null {
    if (this.verdict === undefined) this.verdict = this.valid ? this.search() : null;
    return this.verdict;
  }

  /**
   * The recorded operations (thread by thread, in program order) and which must come before
   * which: `precedes[a * n + b]` when row a returned before row b was invoked. Under sequential
   * consistency only each thread's program order counts.
   */
  private rowsInOrder(): { rows: { thread: ThreadId; position: number; entry: TesterEntry<I, O> }[]; precedes: Uint8Array; predecessors: number[] } {
    const threads = [...this.completed.keys(), ...this.inFlight.keys()].filter((t, i, all) => all.indexOf(t) === i).sort(compareThreads);
    const rows: { thread: ThreadId; position: number; entry: TesterEntry<I, O> }[] = [];
    for (const thread of threads) {
      const list = this.completed.get(thread) ?? List<TesterEntry<I, O>>();
      list.forEach((entry, position) => void rows.push({ thread, position, entry }));
      const open = this.inFlight.get(thread);
      if (open) rows.push({ thread, position: list.size, entry: open });
    }
    const n = rows.length;
    // Computed once per history (testers inside model-checker states convert thousands of tiny
    // histories).
    const precedes = new Uint8Array(n * n);
    const predecessors = new Array<number>(n).fill(0);
    const sequential = this.consistency === 'sequential';
    for (let b = 0; b < n; b++) {
      const rb = rows[b];
      for (let a = 0; a < n; a++) {
        const ra = rows[a];
        if (!ra.entry.returned) continue;
        const before =
          ra.thread === rb.thread ? ra.position < rb.position : !sequential && (rb.entry.snapshot?.get(ra.thread) ?? -1) >= ra.position;
        if (!before) continue;
        precedes[a * n + b] = 1;
        predecessors[b]++;
      }
    }
    return { rows, precedes, predecessors };
  }

  /** The recorded history as engine operations, with call/return stamps that encode the snapshots. */
  toOperations(): Operation<I, O>[] {
    // The ops that had completed when a row was invoked: earlier ones of its thread, and the
    // snapshot's prefix of every other thread. Those sets form a chain, so counting them gives
    // call and return stamps that reproduce exactly the real-time order the snapshots record.
    const { rows, precedes, predecessors } = this.rowsInOrder();
    const n = rows.length;
    return rows.map((row, id) => {
      let firstFollower = Infinity;
      for (let j = 0; j < n; j++) if (precedes[id * n + j] === 1 && predecessors[j] < firstFollower) firstFollower = predecessors[j];
      const sequential = this.consistency === 'sequential';
      return {
        id,
        process: row.thread,
        input: row.entry.input,
        output: row.entry.returned ? (row.entry.output as O) : UNKNOWN,
        status: row.entry.returned ? 'ok' : 'info',
        call: sequential ? row.position : 2 * predecessors[id] + 1,
        return: sequential ? row.position + 0.5 : firstFollower === Infinity ? 2 * rows.length + 2 : 2 * firstFollower,
      };
    });
  }

  private search(): readonly SerializedStep<I, O>[] | null {
    const result = checkHistory(this.toOperations(), this.model, this.consistency);
    if (result.valid !== true) return null;
    let state = this.model.init;
    return result.witness.map((op) => {
      const output = op.output !== UNKNOWN ? op.output : ((this.model.respond?.(state, op.input) ?? null) as O);
      const next = this.model.step(state, op.input, op.output);
      if (next !== ILLEGAL) state = next;
      return { thread: op.process, input: op.input, output };
    });
  }

  private describeByThread(): string {
    return `{${[...this.completed.entries()].map(([t, list]) => `${String(t)}: [${list.join(', ')}]`).join(', ')}}`;
  }

  equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      other instanceof ConsistencyTester &&
      other.consistency === this.consistency &&
      other.model === this.model &&
      this.valid === other.valid &&
      is(this.completed, other.completed) &&
      is(this.inFlight, other.inFlight)
    );
  }

  hashCode(): number {
    if (this.cachedHash === undefined) {
      this.cachedHash = mix32(mix32(this.completed.hashCode(), this.inFlight.hashCode()), this.valid ? 1 : 0) >>> 0;
    }
    return this.cachedHash;
  }

  /** What identifies the tester inside a model-checker state. */
  fingerprintValue(): unknown {
    return [this.valid, this.completed, this.inFlight];
  }
}

/** Checks that the recorded history is linearizable (real-time order respected). */
export class LinearizabilityTester<S, I, O> extends ConsistencyTester<S, I, O> {
  constructor(model: SequentialModel<S, I, O>) {
    super(model, 'linearizable');
  }
}

/** Checks that the recorded history is sequentially consistent (only per-thread order respected). */
export class SequentialConsistencyTester<S, I, O> extends ConsistencyTester<S, I, O> {
  constructor(model: SequentialModel<S, I, O>) {
    super(model, 'sequential');
  }
}
