/**
 * What the clients of a store observed, recorded by the actor model's history hooks and checked
 * at every state: a client's `Request` is the invocation of its operation (record-out), and the
 * `Reply` carrying the awaited sequence number is its return (record-in). A resent request (the
 * same sequence number, after a timeout or a redirect) is the same operation, not a new one; a
 * `NotLeader` answer returns nothing.
 *
 * Histories live inside model states, which are hashed at every step, so they are interned:
 * equal histories reached along different paths are one object, whose verdict is computed once,
 * and each history memoises its successor per recorded envelope (the model hands the hooks
 * canonical envelopes, so identity finds them again). The digest is a plain operation log that
 * determines the tester exactly: per client its operations, results, and the real-time snapshot
 * taken at each invocation (how many operations every other client had completed).
 */
import { LinearizabilityTester, type ConsistencyTester } from '../consistency/index.js';
import { fingerprint, type Fingerprintable } from '../src/checker/index.js';
import type { Envelope } from '../src/actor/index.js';
import { INITIAL_VALUE, describeKvOp, kvCasModel, type KvOp, type KvResult } from './kv-ops.js';

export type StoreTester = ConsistencyTester<ReturnType<typeof kvCasModel>["init"], KvOp, KvResult>;

/** One operation: what was asked, the completed counts of the clients at the call, and the result once returned. */
type LoggedOp = readonly [op: KvOp, snapshot: readonly number[], result?: KvResult];

/** The messages the recorder reads: a client's request and the store's answer to it. */
export type RecordedMsg =
  | { readonly type: 'Request'; readonly seq: number; readonly op: KvOp }
  | { readonly type: 'Reply'; readonly seq: number; readonly result: KvResult }
  | { readonly type: string };

export class StoreHistory implements Fingerprintable {
  private digest: string | undefined;
  private linearizable: boolean | undefined;
  private readonly successors = new Map<object, StoreHistory>();

  constructor(
    readonly tester: StoreTester,
    /** Per client (index = actor id − server count): the sequence number it awaits, or null. */
    readonly awaiting: readonly (number | null)[],
    private readonly log: readonly (readonly LoggedOp[])[],
  ) {}

  /** Whether what the clients observed could come from one copy of the store (key by key). */
  isLinearizable(): boolean {
    this.linearizable ??= this.tester.isConsistent();
    return this.linearizable;
  }

  /** Some get returned a written value: a value was chosen and read back. */
  someValueRead(): boolean {
    return this.log.some((ops) => ops.some(([op, , result]) => op.f === 'get' && typeof result === 'string' && result !== INITIAL_VALUE));
  }

  /** How many operations each client has completed. */
  completedCounts(): number[] {
    return this.log.map((ops) => (ops.length > 0 && ops[ops.length - 1].length < 3 ? ops.length - 1 : ops.length));
  }

  withInvocation(client: number, op: KvOp): (readonly LoggedOp[])[] {
    const log = this.log.slice();
    log[client] = [...log[client], [op, this.completedCounts()]];
    return log;
  }

  withReturn(client: number, result: KvResult): (readonly LoggedOp[])[] {
    const log = this.log.slice();
    const ops = log[client].slice();
    const [op, snapshot] = ops[ops.length - 1];
    ops[ops.length - 1] = [op, snapshot, result];
    log[client] = ops;
    return log;
  }

  /** The history after `event`, computed by `record` the first time. */
  after(event: object, record: () => StoreHistory): StoreHistory {
    let next = this.successors.get(event);
    if (next === undefined) {
      next = record();
      this.successors.set(event, next);
    }
    return next;
  }

  /** The operations in words, one client per line. */
  describe(clientName: (client: number) => string): string[] {
    return this.log.map(
      (ops, client) =>
        `${clientName(client)}: ${ops.length === 0 ? 'nothing yet' : ops.map(([op, , result]) => (result === undefined ? `${describeKvOp(op)} …` : describeKvOp(op, result))).join(', ')}`,
    );
  }

  fingerprintValue(): string {
    this.digest ??= this.tester.isWellFormed() ? fingerprint(['log', this.awaiting, this.log]) : fingerprint(['tester', this.awaiting, this.tester]);
    return this.digest;
  }
}

/** The record-out / record-in hooks for `serverCount` servers followed by `clientCount` clients. */
export class StoreHistoryRecorder {
  private readonly interned = new Map<string, StoreHistory>();
  readonly initial: StoreHistory;

  constructor(
    readonly serverCount: number,
    clientCount: number,
  ) {
    this.initial = this.intern(
      new StoreHistory(
        new LinearizabilityTester(kvCasModel()),
        new Array<number | null>(clientCount).fill(null),
        Array.from({ length: clientCount }, () => []),
      ),
    );
  }

  readonly recordOut = (h: StoreHistory, e: Envelope<RecordedMsg>): StoreHistory | undefined => {
    const msg = e.msg;
    const client = e.src - this.serverCount;
    if (client < 0 || !isRequest(msg) || h.awaiting[client] === msg.seq) return undefined;
    return h.after(e, () => this.update(h, client, msg.seq, h.withInvocation(client, msg.op), (t) => t.onInvoke(e.src, msg.op)));
  };

  readonly recordIn = (h: StoreHistory, e: Envelope<RecordedMsg>): StoreHistory | undefined => {
    const msg = e.msg;
    const client = e.dst - this.serverCount;
    if (client < 0 || !isReply(msg) || h.awaiting[client] !== msg.seq) return undefined;
    return h.after(e, () => this.update(h, client, null, h.withReturn(client, msg.result), (t) => t.onReturn(e.dst, msg.result)));
  };

  private update(h: StoreHistory, client: number, awaited: number | null, log: (readonly LoggedOp[])[], record: (t: StoreTester) => StoreTester): StoreHistory {
    const awaiting = h.awaiting.slice();
    awaiting[client] = awaited;
    return this.intern(new StoreHistory(record(h.tester), awaiting, log));
  }

  private intern(h: StoreHistory): StoreHistory {
    const key = h.fingerprintValue();
    const known = this.interned.get(key);
    if (known !== undefined) return known;
    this.interned.set(key, h);
    return h;
  }
}

function isRequest(msg: RecordedMsg): msg is Extract<RecordedMsg, { type: 'Request'; op: KvOp }> {
  return msg.type === 'Request';
}

function isReply(msg: RecordedMsg): msg is Extract<RecordedMsg, { type: 'Reply'; result: KvResult }> {
  return msg.type === 'Reply';
}
