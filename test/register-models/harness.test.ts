/** The register harness: clients (§3.2), recording (§3.3, §3.5), options and message order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, fingerprint } from '../../src/checker/index.js';
import { Out, makeComparator, type Envelope, type OperationEvent } from '../../src/actor/index.js';
import {
  abdRegister,
  formatRegisterMessage,
  HistoryRecorder,
  paxosRegister,
  REGISTER_VARIANTS,
  registerClient,
  registerMessages,
  registerSystem,
  singleCopyRegister,
  staterightWorkload,
  type PaxosMsg,
  type RegisterHistory,
  type RegisterMsg,
} from '../../register-models/index.js';

const { get, getOk, put, putOk } = registerMessages;

const env = (src: number, dst: number, msg: RegisterMsg): Envelope<RegisterMsg> => ({ src, dst, msg });

describe('clients', () => {
  it('send Put(i, A + k) to server i mod S, then Get(2i) to server i + 1 mod S (§3.2)', () => {
    const model = registerSystem(singleCopyRegister, { servers: 3, clients: 2 });
    const [init] = model.initStates();
    expect(init.network.kind === 'unordered-nonduplicating' && init.network.envelopes).toEqual([env(3, 0, put(3, 'A')), env(4, 1, put(4, 'B'))]);
    expect(init.actorStates.slice(3)).toEqual([
      [3, 1],
      [4, 1],
    ]);
    const afterPut = model.nextState(init, { kind: 'deliver', src: 3, dst: 0, msg: put(3, 'A') })!;
    const afterOk = model.nextState(afterPut, { kind: 'deliver', src: 0, dst: 3, msg: putOk(3) })!;
    expect(afterOk.actorStates[3]).toEqual([6, 2]);
    expect(afterOk.network.kind === 'unordered-nonduplicating' && afterOk.network.envelopes).toContainEqual(env(3, 1, get(6)));
  });

  it('ignore replies with another request id (no-op, so unordered networks ignore the delivery)', () => {
    const model = registerSystem(singleCopyRegister, { servers: 1, clients: 1 });
    const [init] = model.initStates();
    expect(model.nextState(init, { kind: 'deliver', src: 0, dst: 1, msg: putOk(99) })).toBeUndefined();
  });

  it('write Z − k after the first write when putCount > 1', () => {
    const model = registerSystem(singleCopyRegister, { servers: 1, clients: 2, putCount: 2 });
    const r = check(model, { strategy: 'bfs' });
    expect(r.complete).toBe(true);
    r.assertProperties();
    r.assertDiscovery('value chosen', [
      { kind: 'deliver', src: 1, dst: 0, msg: put(1, 'A') },
      { kind: 'deliver', src: 0, dst: 1, msg: putOk(1) },
      { kind: 'deliver', src: 1, dst: 0, msg: put(2, 'Z') },
      { kind: 'deliver', src: 0, dst: 1, msg: putOk(2) },
      { kind: 'deliver', src: 1, dst: 0, msg: get(3) },
    ]);
  });

  it('need a server, and ids at or above the server count', () => {
    expect(() => registerSystem(singleCopyRegister, { servers: 0, clients: 1 })).toThrow(/servers must be a positive integer/);
    const client = registerClient({ servers: 2, workload: staterightWorkload({ putCount: 1 }), timeoutMs: undefined });
    expect(() => client.onStart(1, undefined, new Out())).toThrow(/must not be below the server count/);
  });
});

describe('message order', () => {
  it('puts internal messages first, then Put < Get < PutOk < GetOk (Stateright declaration order)', () => {
    const compare = makeComparator(['Query', 'AckQuery', 'Record', 'AckRecord', ...REGISTER_VARIANTS]);
    const msgs = [getOk(1, 'A'), putOk(1), get(1), put(1, 'A'), { type: 'AckRecord', requestId: 9 }, { type: 'Query', requestId: 9 }];
    expect(msgs.sort(compare).map((m) => m.type)).toEqual(['Query', 'AckRecord', 'Put', 'Get', 'PutOk', 'GetOk']);
  });

  it('formats messages like Rust Debug output', () => {
    expect(formatRegisterMessage(put(3, 'A'))).toBe("Put(3, 'A')");
    expect(formatRegisterMessage(getOk(6, '\0'))).toBe("GetOk(6, '\\0')");
    const prepared: PaxosMsg = { type: 'Prepared', ballot: [1, 1], lastAccepted: null };
    expect(formatRegisterMessage(prepared)).toBe('Prepared((1, 1), None)');
  });
});

describe('recording', () => {
  const recorder = () => new HistoryRecorder(1, 2, 'register', false);
  const invoke = (f: 'read' | 'write', value: string | null): OperationEvent => ({ type: 'invoke', f, value });
  const ok = (value: string | null): OperationEvent => ({ type: 'ok', value });

  it('records what clients record: an invocation, then its outcome; nothing else', () => {
    const r = recorder();
    const invoked = r.recordOperation(r.initial, 1, invoke('write', 'A'))!;
    expect(invoked.inFlight(0)).toBe(true);
    expect(r.recordOperation(invoked, 1, invoke('read', null))).toBeUndefined(); // a second operation in flight
    expect(r.recordOperation(invoked, 2, ok(null))).toBeUndefined(); // client 2 has nothing in flight
    expect(r.recordOperation(invoked, 0, invoke('read', null))).toBeUndefined(); // servers invoke nothing
    const returned = r.recordOperation(invoked, 1, ok(null))!;
    expect(returned.inFlight(0)).toBe(false);
    expect(returned.isLinearizable()).toBe(true);
  });

  it('interns histories: the same events in either order give one history', () => {
    const r = recorder();
    const a = r.recordOperation(r.recordOperation(r.initial, 1, invoke('write', 'A'))!, 2, invoke('write', 'B'))!;
    const b = r.recordOperation(r.recordOperation(r.initial, 2, invoke('write', 'B'))!, 1, invoke('write', 'A'))!;
    expect(a).toBe(b);
    const event = invoke('write', 'A');
    expect(r.recordOperation(r.initial, 1, event)).toBe(r.recordOperation(r.initial, 1, event));
  });

  it('tells apart histories whose testers differ only in real-time snapshots', () => {
    const r = recorder();
    const step = (h: RegisterHistory, id: number, e: OperationEvent) => r.recordOperation(h, id, e)!;
    // Client 1 completes its write before client 2 invokes, or after.
    let before = step(r.initial, 1, invoke('write', 'A'));
    before = step(before, 1, ok(null));
    before = step(before, 2, invoke('read', null));
    let after = step(r.initial, 1, invoke('write', 'A'));
    after = step(after, 2, invoke('read', null));
    after = step(after, 1, ok(null));
    expect(before).not.toBe(after);
    expect(before.fingerprintValue()).not.toBe(after.fingerprintValue());
    expect(fingerprint(before.linearizability)).not.toBe(fingerprint(after.linearizability));
    // A read of the initial value is linearizable only when it may precede the write.
    expect(step(before, 2, ok('\0')).isLinearizable()).toBe(false);
    expect(step(after, 2, ok('\0')).isLinearizable()).toBe(true);
  });

  it('an operation that ended unknown stays in flight, and its client goes on as a new thread', () => {
    const r = recorder();
    const step = (h: RegisterHistory, id: number, e: OperationEvent) => r.recordOperation(h, id, e)!;
    let h = step(r.initial, 1, invoke('write', 'A'));
    h = step(h, 1, { type: 'info' });
    h = step(h, 1, invoke('read', null));
    // The write may have taken effect: reading A or the initial value are both linearizable.
    expect(step(h, 1, ok('A')).isLinearizable()).toBe(true);
    expect(step(h, 1, ok('\0')).isLinearizable()).toBe(true);
    expect(step(h, 1, ok('B')).isLinearizable()).toBe(false);
    // Once a later read saw A, the unknown write took effect: a read of the initial value after it is not linearizable.
    const sawA = step(step(step(h, 1, ok('A')), 2, invoke('read', null)), 2, ok('\0'));
    expect(sawA.isLinearizable()).toBe(false);
  });
});

describe('options', () => {
  it('adds "sequentially consistent" and keeps the counts', () => {
    const m = registerSystem(abdRegister, { servers: 2, clients: 2, sequentialConsistency: true });
    expect(m.properties().map((p) => p.name)).toEqual(['linearizable', 'sequentially consistent', 'value chosen']);
    const r = check(m, { strategy: 'bfs' });
    expect([r.generated, r.unique, r.maxDepth]).toEqual([875, 544, 25]);
    r.assertProperties();
  });

  it('crashes servers only; a server with stable storage recovers its value', () => {
    const m = registerSystem(singleCopyRegister, { servers: 1, clients: 2, maxCrashes: 1 });
    const r = check(m, { strategy: 'bfs' });
    expect(r.complete).toBe(true);
    r.assertProperties();
    const seen = new Set<number>();
    check(m, { visitor: (s) => s.crashed.forEach((c, id) => c && seen.add(id)) });
    expect([...seen]).toEqual([0]);
  });

  it('finds the lost write when a server without stable storage crashes and recovers', () => {
    const m = registerSystem(singleCopyRegister, { servers: 1, clients: 1, maxCrashes: 1, persistentServers: false });
    const r = check(m, { strategy: 'bfs' });
    r.assertDiscovery('linearizable', [
      { kind: 'deliver', src: 1, dst: 0, msg: put(1, 'A') },
      { kind: 'deliver', src: 0, dst: 1, msg: putOk(1) },
      { kind: 'crash', id: 0 },
      { kind: 'recover', id: 0 },
      { kind: 'deliver', src: 1, dst: 0, msg: get(2) },
      { kind: 'deliver', src: 0, dst: 1, msg: getOk(2, '\0') },
    ]);
  });

  it('Paxos tolerates one crashed server and a lossy network', () => {
    const r = check(registerSystem(paxosRegister, { servers: 3, clients: 1, maxCrashes: 1, lossy: true }), { strategy: 'dfs' });
    expect(r.complete).toBe(true);
    r.assertProperties();
  });
});

describe('verdict shortcuts', () => {
  // Histories reuse their parent's linearizability verdict after invocations and register-write
  // returns, and stay violated once violated; on random histories that must agree with a search.
  it('agree with a fresh search on random register histories', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.constantFrom('\0', 'A', 'B', 'C')), { maxLength: 14 }), (events) => {
        const r = new HistoryRecorder(1, 3, 'register', true);
        let h = r.initial;
        const writing = [false, false, false];
        for (const [client, write, value] of events) {
          const id = client + 1;
          if (!h.inFlight(client)) {
            writing[client] = write;
            h = r.recordOperation(h, id, { type: 'invoke', f: write ? 'write' : 'read', value: write ? value : null })!;
          } else {
            h = r.recordOperation(h, id, { type: 'ok', value: writing[client] ? null : value })!;
          }
          const fresh = h.linearizability.isConsistent();
          expect(h.isLinearizable()).toBe(fresh);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('forgetting memo tables', () => {
  // The recorder's intern and transition tables are generational: a recorder that forgets after
  // every entry must still produce histories with the same digests and verdicts, and recorders
  // shared by several paths must agree with a recorder that sees one path alone.
  it('a recorder that forgets at once agrees with one that remembers, on random interleaved paths', () => {
    const event = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.constantFrom('\0', 'A', 'B'), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (steps) => {
        const remembering = new HistoryRecorder(1, 3, 'register', true);
        const forgetting = new HistoryRecorder(1, 3, 'register', true, 1);
        // Equal events are one object, as the model's memoised handler outcomes are, so memos are hit.
        const events = new Map<string, OperationEvent>();
        const canonical = (e: OperationEvent) => {
          const key = JSON.stringify(e);
          if (!events.has(key)) events.set(key, e);
          return events.get(key)!;
        };
        // Up to four paths advance in turns, so that both recorders revisit and extend old histories.
        const paths = [0, 1, 2, 3].map(() => {
          const alone = new HistoryRecorder(1, 3, 'register', true);
          return { a: remembering.initial, b: forgetting.initial, alone, c: alone.initial, writing: [false, false, false] };
        });
        for (const [client, write, value, which] of steps) {
          const p = paths[which];
          const id = client + 1;
          let e: OperationEvent;
          if (!p.a.inFlight(client)) {
            p.writing[client] = write;
            e = canonical({ type: 'invoke', f: write ? 'write' : 'read', value: write ? value : null });
          } else e = canonical({ type: 'ok', value: p.writing[client] ? null : value });
          p.a = remembering.recordOperation(p.a, id, e)!;
          p.b = forgetting.recordOperation(p.b, id, e)!;
          p.c = p.alone.recordOperation(p.c, id, e)!;
          expect(p.a.fingerprintValue()).toBe(p.c.fingerprintValue());
          expect(p.b.fingerprintValue()).toBe(p.a.fingerprintValue());
          expect(p.b.isLinearizable()).toBe(p.a.isLinearizable());
          // Verdicts found again by digest, after the history was forgotten, are a search's.
          expect(p.b.isLinearizable()).toBe(p.b.linearizability.isConsistent());
          expect(p.b.isSequentiallyConsistent()).toBe(p.a.isSequentiallyConsistent());
          expect(p.b.isSequentiallyConsistent()).toBe(p.b.sequentialConsistency!.isConsistent());
          expect(p.b.inFlight(client)).toBe(p.a.inFlight(client));
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
