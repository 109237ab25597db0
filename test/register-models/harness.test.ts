/** The register harness: clients (§3.2), recording (§3.3, §3.5), options and message order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, fingerprint } from '../../src/checker/index.js';
import { Out, makeComparator, type Envelope } from '../../src/actor/index.js';
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
    expect(() => registerClient({ putCount: 1, serverCount: 2 }).onStart(1, undefined, new Out())).toThrow(/must not be below the server count/);
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

  it('records an invocation on send and a return only for the awaited request id (§3.5)', () => {
    const r = recorder();
    const invoked = r.recordOut(r.initial, env(1, 0, put(1, 'A')))!;
    expect(invoked.awaiting).toEqual([1, null]);
    expect(r.recordIn(invoked, env(0, 1, putOk(7)))).toBeUndefined(); // stale or duplicate reply
    expect(r.recordIn(invoked, env(0, 2, putOk(1)))).toBeUndefined(); // client 2 awaits nothing
    const returned = r.recordIn(invoked, env(0, 1, putOk(1)))!;
    expect(returned.awaiting).toEqual([null, null]);
    expect(returned.linearizability.size).toBe(1);
    expect(r.recordOut(returned, env(0, 1, getOk(1, 'A')))).toBeUndefined(); // servers invoke nothing
  });

  it('interns histories: equal histories reached in different orders are one object with one digest', () => {
    const r = recorder();
    const a = r.recordOut(r.recordOut(r.initial, env(1, 0, put(1, 'A')))!, env(2, 0, put(2, 'B')))!;
    const b = r.recordOut(r.recordOut(r.initial, env(2, 0, put(2, 'B')))!, env(1, 0, put(1, 'A')))!;
    expect(a).toBe(b);
    expect(r.recordOut(r.initial, env(1, 0, put(1, 'A')))).toBe(r.recordOut(r.initial, env(1, 0, put(1, 'A'))));
  });

  it('tells apart histories whose testers differ only in real-time snapshots', () => {
    const r = recorder();
    const step = (h: RegisterHistory, e: Envelope<RegisterMsg>, inbound: boolean) => (inbound ? r.recordIn(h, e) : r.recordOut(h, e))!;
    // Client 1 completes its write before client 2 invokes, or after.
    let before = step(r.initial, env(1, 0, put(1, 'A')), false);
    before = step(before, env(0, 1, putOk(1)), true);
    before = step(before, env(2, 0, get(4)), false);
    let after = step(r.initial, env(1, 0, put(1, 'A')), false);
    after = step(after, env(2, 0, get(4)), false);
    after = step(after, env(0, 1, putOk(1)), true);
    expect(before).not.toBe(after);
    expect(before.fingerprintValue()).not.toBe(after.fingerprintValue());
    expect(fingerprint(before.linearizability)).not.toBe(fingerprint(after.linearizability));
    // A read of the initial value is linearizable only when it may precede the write.
    expect(step(before, env(0, 2, getOk(4, '\0')), true).isLinearizable()).toBe(false);
    expect(step(after, env(0, 2, getOk(4, '\0')), true).isLinearizable()).toBe(true);
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
        const next = [1, 1, 1];
        for (const [client, write, value] of events) {
          const id = client + 1;
          const awaited = h.awaiting[client];
          if (awaited === null) {
            const request = next[client]++ * id;
            h = r.recordOut(h, env(id, 0, write ? put(request, value) : get(request)))!;
          } else {
            h = r.recordIn(h, env(0, id, write ? putOk(awaited) : getOk(awaited, value)))!;
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
        // Equal events are one object, as the model's canonical envelopes are, so memos are hit.
        const events = new Map<string, Envelope<RegisterMsg>>();
        const canonical = (e: Envelope<RegisterMsg>) => {
          const key = JSON.stringify(e);
          if (!events.has(key)) events.set(key, e);
          return events.get(key)!;
        };
        // Up to four paths advance in turns, so that both recorders revisit and extend old histories.
        const paths = [0, 1, 2, 3].map(() => {
          const alone = new HistoryRecorder(1, 3, 'register', true);
          return { a: remembering.initial, b: forgetting.initial, alone, c: alone.initial, next: [1, 1, 1] };
        });
        for (const [client, write, value, which] of steps) {
          const p = paths[which];
          const id = client + 1;
          const awaited = p.a.awaiting[client];
          if (awaited === null) {
            const request = p.next[client]++ * id;
            const e = canonical(env(id, 0, write ? put(request, value) : get(request)));
            p.a = remembering.recordOut(p.a, e)!;
            p.b = forgetting.recordOut(p.b, e)!;
            p.c = p.alone.recordOut(p.c, e)!;
          } else {
            const e = canonical(env(0, id, write ? putOk(awaited) : getOk(awaited, value)));
            p.a = remembering.recordIn(p.a, e)!;
            p.b = forgetting.recordIn(p.b, e)!;
            p.c = p.alone.recordIn(p.c, e)!;
          }
          expect(p.a.fingerprintValue()).toBe(p.c.fingerprintValue());
          expect(p.b.fingerprintValue()).toBe(p.a.fingerprintValue());
          expect(p.b.isLinearizable()).toBe(p.a.isLinearizable());
          expect(p.b.isSequentiallyConsistent()).toBe(p.a.isSequentiallyConsistent());
          expect(p.b.awaiting).toEqual(p.a.awaiting);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
