/**
 * Broken protocols the checker must catch, each with the configuration that exposes it, a pinned
 * counterexample (`assertDiscovery`) and a replay of the stored one (`replayPath`).
 */
import { describe, expect, it } from 'vitest';
import { check, replayPath, type ModelCheckResult } from '../../src/checker/index.js';
import {
  abdNoReadWriteBack,
  paxosForgetfulAcceptor,
  paxosNoAdopt,
  registerMessages,
  registerSystem,
  singleCopyRegister,
  writeOnceRegister,
  type AbdMsg,
  type PaxosMsg,
  type RegisterMsg,
} from '../../register-models/index.js';

const { get, getOk, put, putOk } = registerMessages;

const deliver = <M>(src: number, dst: number, msg: M) => ({ kind: 'deliver', src, dst, msg }) as const;
const abd = (src: number, dst: number, msg: AbdMsg | RegisterMsg) => deliver(src, dst, msg);
const paxos = (src: number, dst: number, msg: PaxosMsg | RegisterMsg) => deliver(src, dst, msg);

/** The stored counterexample replays to a state that violates the property. */
function expectReplayableCounterexample<S, A>(r: ModelCheckResult<S, A>, name = 'linearizable'): void {
  const stored = r.discovery(name);
  expect(stored).toBeDefined();
  const replayed = replayPath(r.model, stored!.encode());
  const property = r.model.properties().find((p) => p.name === name)!;
  expect(property.condition(replayed.lastState)).toBe(false);
}

describe('single-copy register on two servers', () => {
  it('is not linearizable: a client reads the initial value from the server it did not write to', () => {
    const r = check(registerSystem(singleCopyRegister, { servers: 2, clients: 2 }), { strategy: 'bfs' });
    expectReplayableCounterexample(r);
    r.assertDiscovery('linearizable', [deliver(3, 1, put(3, 'B')), deliver(1, 3, putOk(3)), deliver(3, 0, get(6)), deliver(0, 3, getOk(6, '\0'))]);
  });
});

describe('write-once register on two servers', () => {
  it('is not linearizable: each server accepts its own first write', () => {
    const r = check(registerSystem(writeOnceRegister, { servers: 2, clients: 2 }), { strategy: 'bfs' });
    expectReplayableCounterexample(r);
    r.assertDiscovery('linearizable', [deliver(2, 0, put(2, 'A')), deliver(0, 2, putOk(2)), deliver(2, 1, get(4)), deliver(1, 2, getOk(4, '\0'))]);
  });
});

describe('ABD whose reads skip the write-back phase', () => {
  // A read that returns a value whose write is still in progress, without storing it on a
  // majority, can be followed by a read that does not see it: client 4 reads A from server 0
  // (which coordinates client 3's write of A and has recorded it on itself only), then client 6
  // reads the older C through servers 1 and 2. Linearizable order is impossible (A must follow
  // C, which completed before client 4 read A), though the history is sequentially consistent.
  //
  // It takes three servers (with two, every majority is both servers, so every read sees every
  // write in progress) and four clients. With three clients the harness's routing (§3.2: client
  // i writes at server i mod 3 and reads at server i + 1 mod 3) sends one of the two readers to
  // the server coordinating the write, which answers no request until that write completes. That
  // configuration is too large to exhaust quickly (millions of states, no counterexample after
  // minutes of DFS or BFS), but random simulation finds it in a few seconds; seed 0 is pinned.
  const counterexample = [
    // Client 4 writes B at server 1 (majority: servers 1 and 0); its PutOk waits.
    abd(4, 1, put(4, 'B')),
    abd(1, 0, { type: 'Query', requestId: 4 }),
    abd(0, 1, { type: 'AckQuery', requestId: 4, seq: [0, 0], value: '\0' }),
    abd(1, 0, { type: 'Record', requestId: 4, seq: [1, 1], value: 'B' }),
    abd(0, 1, { type: 'AckRecord', requestId: 4 }),
    // Client 6 writes D at server 0 (servers 0 and 1); its PutOk waits.
    abd(6, 0, put(6, 'D')),
    abd(0, 1, { type: 'Query', requestId: 6 }),
    abd(1, 0, { type: 'AckQuery', requestId: 6, seq: [1, 1], value: 'B' }),
    abd(0, 1, { type: 'Record', requestId: 6, seq: [2, 0], value: 'D' }),
    abd(1, 0, { type: 'AckRecord', requestId: 6 }),
    // Client 5 writes C at server 2 (servers 2 and 1, after asking server 0) and is told so.
    abd(5, 2, put(5, 'C')),
    abd(2, 0, { type: 'Query', requestId: 5 }),
    abd(0, 2, { type: 'AckQuery', requestId: 5, seq: [2, 0], value: 'D' }),
    abd(2, 1, { type: 'Record', requestId: 5, seq: [3, 2], value: 'C' }),
    abd(1, 2, { type: 'AckRecord', requestId: 5 }),
    abd(2, 5, putOk(5)),
    // Client 3's write of A starts at server 0, which records A on itself only.
    abd(3, 0, put(3, 'A')),
    abd(0, 1, { type: 'Query', requestId: 3 }),
    abd(1, 0, { type: 'AckQuery', requestId: 3, seq: [3, 2], value: 'C' }),
    // Client 4 (after C completed) reads A through servers 2 and 0.
    abd(1, 4, putOk(4)),
    abd(4, 2, get(8)),
    abd(2, 0, { type: 'Query', requestId: 8 }),
    abd(0, 2, { type: 'AckQuery', requestId: 8, seq: [4, 0], value: 'A' }),
    abd(2, 4, getOk(8, 'A')),
    // Then client 6 reads C through servers 1 and 2.
    abd(0, 6, putOk(6)),
    abd(6, 1, get(12)),
    abd(1, 2, { type: 'Query', requestId: 12 }),
    abd(2, 1, { type: 'AckQuery', requestId: 12, seq: [3, 2], value: 'C' }),
    abd(1, 6, getOk(12, 'C')),
  ];

  it('is caught with 3 servers and 4 clients by simulation (seed 0)', () => {
    const model = registerSystem(abdNoReadWriteBack, { servers: 3, clients: 4, sequentialConsistency: true });
    const r = check(model, { strategy: 'simulation', seed: 0, targetStateCount: 2_000_000, finishWhen: { anyOf: ['linearizable'] } });
    expectReplayableCounterexample(r);
    r.assertDiscovery('linearizable', counterexample);
    // The pinned history is sequentially consistent: only real time rules it out.
    const [linearizable, sequentiallyConsistent] = model.properties();
    const end = counterexample.reduce((s, a) => model.nextState(s, a)!, model.initStates()[0]);
    expect([linearizable.condition(end), sequentiallyConsistent.condition(end)]).toEqual([false, true]);
  });

  it('is linearizable with 2 servers, or with 3 clients (exhaustively, 2 servers × 2 and 3 clients)', () => {
    for (const clients of [2, 3]) {
      const r = check(registerSystem(abdNoReadWriteBack, { servers: 2, clients }), { strategy: 'dfs' });
      expect(r.complete).toBe(true);
      r.assertNoDiscovery('linearizable');
    }
  });
});

describe('Paxos whose leader does not adopt the highest accepted proposal', () => {
  // Server 0 gets A accepted by server 1 and decides it. Server 1 then leads a higher ballot for
  // client 4's B; its own promise reports the accepted A, but it proposes B anyway, and server 2
  // accepts: two values are decided. Client 3 reads B from server 1, then client 4 reads A from
  // server 2 (which learned A's decision): both writes had completed, so no order explains
  // both reads. Two clients suffice.
  it('is caught with 3 servers and 2 clients (BFS)', () => {
    const r = check(registerSystem(paxosNoAdopt, { servers: 3, clients: 2 }), { strategy: 'bfs' });
    expect([r.generated, r.unique, r.maxDepth]).toEqual([31_143, 16_808, 19]);
    expectReplayableCounterexample(r);
    r.assertDiscovery('linearizable', [
      paxos(3, 0, put(3, 'A')),
      paxos(0, 1, { type: 'Prepare', ballot: [1, 0] }),
      paxos(1, 0, { type: 'Prepared', ballot: [1, 0], lastAccepted: null }),
      paxos(0, 1, { type: 'Accept', ballot: [1, 0], proposal: [3, 3, 'A'] }),
      paxos(1, 0, { type: 'Accepted', ballot: [1, 0] }),
      paxos(0, 3, putOk(3)),
      paxos(4, 1, put(4, 'B')),
      paxos(1, 2, { type: 'Prepare', ballot: [2, 1] }),
      paxos(2, 1, { type: 'Prepared', ballot: [2, 1], lastAccepted: null }),
      paxos(1, 2, { type: 'Accept', ballot: [2, 1], proposal: [4, 4, 'B'] }),
      paxos(0, 2, { type: 'Decided', ballot: [1, 0], proposal: [3, 3, 'A'] }),
      paxos(2, 1, { type: 'Accepted', ballot: [2, 1] }),
      paxos(1, 4, putOk(4)),
      paxos(3, 1, get(6)),
      paxos(1, 3, getOk(6, 'B')),
      paxos(4, 2, get(8)),
      paxos(2, 4, getOk(8, 'A')),
    ]);
  });
});

describe('Paxos whose acceptors forget their promises (our own bug)', () => {
  // Server 1 promises ballot (1, 0), then starts its own ballot (2, 1) for client 4, and still
  // accepts server 0's proposal A at the lower ballot (1, 0): server 0 decides A with it. Server
  // 1's promise from its own start reported nothing accepted, so it proposes B and decides it
  // with server 2; the clients then read B and A as above. A correct acceptor refuses an Accept
  // below the ballot it promised.
  it('is caught with 3 servers and 2 clients (DFS and BFS)', () => {
    for (const strategy of ['dfs', 'bfs'] as const) {
      const r = check(registerSystem(paxosForgetfulAcceptor, { servers: 3, clients: 2 }), { strategy });
      expectReplayableCounterexample(r);
      r.assertDiscovery('linearizable', [
        paxos(3, 0, put(3, 'A')),
        paxos(0, 1, { type: 'Prepare', ballot: [1, 0] }),
        paxos(1, 0, { type: 'Prepared', ballot: [1, 0], lastAccepted: null }),
        paxos(4, 1, put(4, 'B')),
        paxos(0, 1, { type: 'Accept', ballot: [1, 0], proposal: [3, 3, 'A'] }),
        paxos(1, 0, { type: 'Accepted', ballot: [1, 0] }),
        paxos(0, 3, putOk(3)),
        paxos(1, 2, { type: 'Prepare', ballot: [2, 1] }),
        paxos(2, 1, { type: 'Prepared', ballot: [2, 1], lastAccepted: null }),
        paxos(1, 2, { type: 'Accept', ballot: [2, 1], proposal: [4, 4, 'B'] }),
        paxos(2, 1, { type: 'Accepted', ballot: [2, 1] }),
        paxos(1, 4, putOk(4)),
        paxos(3, 1, get(6)),
        paxos(1, 3, getOk(6, 'B')),
        paxos(0, 2, { type: 'Decided', ballot: [1, 0], proposal: [3, 3, 'A'] }),
        paxos(4, 2, get(8)),
        paxos(2, 4, getOk(8, 'A')),
      ]);
    }
  });
});
