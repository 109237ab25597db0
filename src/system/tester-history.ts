/**
 * The history of any object the history checker has a model for (a key-value store, a queue, a
 * CAS register, ...), kept as consistency testers fed by the clients' operation events. Register
 * systems use register-models/history.ts instead, which is faster on the same events.
 *
 * Events are mapped onto the model's inputs and outputs by the rules `stateright check` applies
 * to a JSON Lines history (histories/jepsen-to-model.ts), so a model check and a real run's check
 * read an operation alike. A client whose operation ended unknown (`info`, or `fail` where the
 * model cannot tell a failure from "did not happen") goes on as a new tester thread.
 */
import { LinearizabilityTester, SequentialConsistencyTester, UNKNOWN, type ConsistencyTester } from '../../consistency/index.js';
import { modelByName, type ModelName } from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';
import { toModelStep } from '../../histories/jepsen-to-model.js';
import type { JepsenOp } from '../../histories/jepsen-op.js';
import type { PairedOperation, Reading } from '../../histories/jepsen-history.js';
import { fingerprint, type Fingerprintable } from '../checker/index.js';
import type { Id, OperationEvent } from '../actor/index.js';
import type { ClientHistory } from './system.js';

type Tester = ConsistencyTester<unknown, unknown, unknown>;
type Invocation = Extract<OperationEvent, { type: 'invoke' }>;

export class TesterHistory implements ClientHistory, Fingerprintable {
  private digest: string | undefined;

  constructor(
    readonly linearizability: Tester,
    readonly sequentialConsistency: Tester | null,
    /** Per client: the invocation in flight (null: none) and its tester thread. */
    readonly inFlight: readonly (Invocation | null)[],
    readonly threads: readonly number[],
  ) {}

  isLinearizable(): boolean {
    return this.linearizability.isConsistent();
  }

  isSequentiallyConsistent(): boolean {
    return this.sequentialConsistency === null || this.sequentialConsistency.isConsistent();
  }

  isCausallyConsistent(): boolean {
    throw new RangeError('causal consistency is checked for read/write registers only');
  }

  fingerprintValue(): string {
    this.digest ??= fingerprint(['testers', this.linearizability, this.sequentialConsistency, this.inFlight, this.threads]);
    return this.digest;
  }
}

const op = (index: number, type: JepsenOp['type'], f: string, value: Value, key: string | number | undefined): JepsenOp => ({
  index,
  type,
  f,
  value,
  process: 0,
  line: 0,
  fields: key === undefined ? { f, value } : { f, value, key },
});

export class TesterRecorder {
  readonly initial: TesterHistory;
  private readonly interned = new Map<string, TesterHistory>();
  private readonly reading: Reading;

  constructor(
    readonly modelName: ModelName,
    init: Value | undefined,
    readonly serverCount: number,
    readonly clientCount: number,
    sequential: boolean,
  ) {
    const model = modelByName(modelName, init);
    // A key-value store's read of an absent key is a real observation (null), as in Porcupine's reading.
    this.reading = modelName === 'kv' ? 'porcupine-kv' : 'knossos';
    this.initial = this.intern(
      new TesterHistory(
        new LinearizabilityTester(model) as Tester,
        sequential ? (new SequentialConsistencyTester(model) as Tester) : null,
        new Array<Invocation | null>(clientCount).fill(null),
        Array.from({ length: clientCount }, (_, i) => serverCount + i),
      ),
    );
  }

  /** The model's input and output for `invocation` ending as `outcome`. */
  private step(invocation: Invocation, outcome: 'ok' | 'fail' | 'info', value: Value) {
    const paired: PairedOperation = {
      invocation: op(0, 'invoke', invocation.f, invocation.value, invocation.key),
      completion: op(1, outcome, invocation.f, value, invocation.key),
      outcome,
      value: outcome === 'ok' ? value : invocation.value,
      call: 0,
      return: 1,
      synthetic: false,
    };
    return toModelStep(this.modelName, paired, this.reading);
  }

  readonly recordOperation = (h: TesterHistory, id: Id, event: OperationEvent): TesterHistory | undefined => {
    const client = id - this.serverCount;
    if (client < 0 || client >= this.clientCount) return undefined;
    const pending = h.inFlight[client];
    const thread = h.threads[client];
    const apply = (record: (t: Tester) => Tester, inFlight: Invocation | null, nextThread: number): TesterHistory => {
      const flights = h.inFlight.slice();
      flights[client] = inFlight;
      const threads = h.threads.slice();
      threads[client] = nextThread;
      const sc = h.sequentialConsistency;
      return this.intern(new TesterHistory(record(h.linearizability), sc === null ? null : record(sc), flights, threads));
    };
    if (event.type === 'invoke') {
      if (pending !== null) return undefined;
      const { input } = this.step(event, 'info', null);
      return apply((t) => t.onInvoke(thread, input), event, thread);
    }
    if (pending === null) return undefined;
    const retire = thread + this.serverCount + this.clientCount;
    if (event.type === 'info') return apply((t) => t, null, retire);
    // An ok without a value (a put's acknowledgement) completes with what was invoked, as Jepsen records it.
    const s = this.step(pending, event.type, event.type === 'ok' ? (event.value ?? pending.value) : null);
    if (s.status === 'info' || s.output === UNKNOWN) return apply((t) => t, null, retire);
    return apply((t) => t.onReturn(thread, s.output), null, thread);
  };

  private intern(h: TesterHistory): TesterHistory {
    const key = h.fingerprintValue();
    const known = this.interned.get(key);
    if (known !== undefined) return known;
    this.interned.set(key, h);
    return h;
  }
}
