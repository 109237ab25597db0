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
 * Histories are values inside model states, hashed at every generated state. Each one caches its
 * fingerprint, and {@link HistoryRecorder} interns them, so equal histories reached along different
 * paths are one object and each tester's verdict (cached per tester) is computed once.
 */
import {
  LinearizabilityTester,
  SequentialConsistencyTester,
  registerModel,
  writeOnceRegisterModel,
  type ConsistencyTester,
  type RegisterInput,
  type Value,
} from '../consistency/index.js';
import { fingerprint, type Fingerprintable } from '../src/checker/index.js';
import type { Envelope, Id } from '../src/actor/index.js';
import { NO_VALUE, isReply, isRequest, type InternalMsg, type RegisterMsg, type RequestId } from './messages.js';

/** The object the servers are meant to behave like. */
export type RegisterSemantics = 'register' | 'write-once-register';

export type RegisterTester = ConsistencyTester<Value, RegisterInput, Value>;

export class RegisterHistory implements Fingerprintable {
  private cachedFingerprint: string | undefined;
  /** Successors by recorded event: histories are interned, so each update is computed once. */
  private readonly successors = new Map<string, RegisterHistory>();

  constructor(
    readonly linearizability: RegisterTester,
    /** Present when sequential consistency is checked too. */
    readonly sequentialConsistency: RegisterTester | null,
    /** Per client (index = actor id − server count): the request id it awaits, or null. */
    readonly awaiting: readonly (RequestId | null)[],
  ) {}

  isLinearizable(): boolean {
    return this.linearizability.isConsistent();
  }

  isSequentiallyConsistent(): boolean {
    return this.sequentialConsistency === null || this.sequentialConsistency.isConsistent();
  }

  /** The history after `event` (a key naming what was recorded), computed by `record` the first time. */
  after(event: string, record: () => RegisterHistory): RegisterHistory {
    let next = this.successors.get(event);
    if (next === undefined) {
      next = record();
      this.successors.set(event, next);
    }
    return next;
  }

  /** A 64-bit digest of the testers and awaited ids, computed once per object. */
  fingerprintValue(): string {
    this.cachedFingerprint ??= fingerprint([this.linearizability, this.sequentialConsistency, this.awaiting]);
    return this.cachedFingerprint;
  }
}

/**
 * Builds the record-out / record-in hooks for `serverCount` servers followed by clients, and
 * interns the histories they produce.
 */
export class HistoryRecorder {
  private readonly interned = new Map<string, RegisterHistory>();
  readonly initial: RegisterHistory;

  constructor(
    readonly serverCount: number,
    clientCount: number,
    readonly semantics: RegisterSemantics,
    sequentialConsistency: boolean,
  ) {
    const model = semantics === 'register' ? registerModel(NO_VALUE) : writeOnceRegisterModel(null);
    this.initial = this.intern(
      new RegisterHistory(
        new LinearizabilityTester(model),
        sequentialConsistency ? new SequentialConsistencyTester(model) : null,
        new Array<RequestId | null>(clientCount).fill(null),
      ),
    );
  }

  /** Record-out: a client's request is the invocation of its operation. */
  readonly recordOut = (h: RegisterHistory, e: Envelope<InternalMsg | RegisterMsg>): RegisterHistory | undefined => {
    const msg = e.msg;
    if (e.src < this.serverCount || !isRequest(msg)) return undefined;
    const event = msg.type === 'Put' ? `${e.src} writes ${msg.value} (${msg.requestId})` : `${e.src} reads (${msg.requestId})`;
    return h.after(event, () => {
      const input: RegisterInput = msg.type === 'Put' ? { f: 'write', value: msg.value } : { f: 'read' };
      return this.update(h, e.src, msg.requestId, (t) => t.onInvoke(e.src, input));
    });
  };

  /** Record-in: the reply to the awaited request is the return of the client's operation. */
  readonly recordIn = (h: RegisterHistory, e: Envelope<InternalMsg | RegisterMsg>): RegisterHistory | undefined => {
    const msg = e.msg;
    if (e.dst < this.serverCount || !isReply(msg) || h.awaiting[e.dst - this.serverCount] !== msg.requestId) return undefined;
    const output = this.output(msg);
    return h.after(`${e.dst} returns ${JSON.stringify(output)}`, () => this.update(h, e.dst, null, (t) => t.onReturn(e.dst, output)));
  };

  private output(msg: Extract<RegisterMsg, { type: 'PutOk' | 'PutFail' | 'GetOk' }>): Value {
    if (this.semantics === 'register') return msg.type === 'GetOk' ? msg.value : null;
    if (msg.type === 'GetOk') return msg.value === NO_VALUE ? null : msg.value;
    return msg.type === 'PutOk' ? 'ok' : 'fail';
  }

  private update(h: RegisterHistory, client: Id, awaited: RequestId | null, record: (t: RegisterTester) => RegisterTester): RegisterHistory {
    const awaiting = h.awaiting.slice();
    awaiting[client - this.serverCount] = awaited;
    const sc = h.sequentialConsistency;
    return this.intern(new RegisterHistory(record(h.linearizability), sc === null ? null : record(sc), awaiting));
  }

  private intern(h: RegisterHistory): RegisterHistory {
    const key = h.fingerprintValue();
    const known = this.interned.get(key);
    if (known !== undefined) return known;
    this.interned.set(key, h);
    return h;
  }
}
