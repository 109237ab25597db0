/**
 * Stateright's ground truth for the register examples (§4.1–4.3, §5 of the reference): exact
 * generated / unique / depth counts, outcomes, and the pinned example and counterexample paths.
 */
import { describe, expect, it } from 'vitest';
import { always, check, replayPath, type Strategy } from '../../src/checker/index.js';
import { ActorModel, type NetworkKind } from '../../src/actor/index.js';
import {
  abdRegister,
  paxosRegister,
  registerMessages,
  registerSystem,
  singleCopyRegister,
  type InternalMsg,
  type RegisterProtocol,
} from '../../register-models/index.js';

const { getOk, get, put, putOk } = registerMessages;
import type { RegisterSystemAction } from '../../register-models/index.js';

const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];
const deliver = <M>(src: number, dst: number, msg: M) => ({ kind: 'deliver', src, dst, msg }) as const;

function system<S, I extends InternalMsg>(protocol: RegisterProtocol<S, I>, servers: number, network: NetworkKind = 'unordered-nonduplicating') {
  return registerSystem(protocol, { servers, clients: 2, network });
}

describe('single-copy register (§4.1)', () => {
  it.each(['dfs', 'bfs'] as const)('1 server, 2 clients, %s: 93 unique, 121 generated, depth 9; linearizable', (strategy) => {
    const r = check(system(singleCopyRegister, 1), { strategy });
    expect(counts(r)).toEqual([121, 93, 9]);
    expect(r.complete).toBe(true);
    r.assertProperties();
    r.assertDiscovery('value chosen', [deliver(2, 0, put(2, 'B')), deliver(0, 2, putOk(2)), deliver(2, 0, get(4))]);
  });

  it('2 servers, 2 clients, BFS: stops at 54 unique / 69 generated / depth 8 with the pinned counterexample', () => {
    const r = check(system(singleCopyRegister, 2), { strategy: 'bfs' });
    expect(counts(r)).toEqual([69, 54, 8]);
    expect(r.complete).toBe(false);
    r.assertDiscovery('linearizable', [deliver(3, 1, put(3, 'B')), deliver(1, 3, putOk(3)), deliver(3, 0, get(6)), deliver(0, 3, getOk(6, '\0'))]);
    r.assertDiscovery('value chosen', [deliver(3, 1, put(3, 'B')), deliver(1, 3, putOk(3)), deliver(2, 0, put(2, 'A')), deliver(3, 0, get(6))]);
    expect(r.discovery('linearizable')!.encode()).toBe('0/0/0/0/0');
    // Stateright stops at this 7-step state, where nothing is awaited any more (§4.1).
    const stop = replayPath(r.model, '0/0/0/0/0/0/0/0').lastState;
    const [linearizable, valueChosen] = r.model.properties();
    expect([linearizable.condition(stop), valueChosen.condition(stop)]).toEqual([false, true]);
  });

  it('2 servers, 2 clients, DFS: stops at 42 unique / 53 generated / depth 9', () => {
    const r = check(system(singleCopyRegister, 2), { strategy: 'dfs' });
    expect(counts(r)).toEqual([53, 42, 9]);
    r.assertAnyDiscovery('linearizable');
  });

  it.each(['bfs', 'dfs'] as const)('2 servers, 2 clients, full state space (%s): 62 unique / 81 generated / depth 9', (strategy) => {
    const m = system(singleCopyRegister, 2);
    const full = new ActorModel({ ...m.config, properties: [always('true', () => true)] });
    expect(counts(check(full, { strategy }))).toEqual([81, 62, 9]);
  });
});

describe('ABD (§4.2)', () => {
  type A = RegisterSystemAction<(typeof abdRegister extends RegisterProtocol<unknown, infer I> ? I : never)>;
  const example: A[] = [
    deliver(3, 1, put(3, 'B')),
    deliver(1, 0, { type: 'Query', requestId: 3 }),
    deliver(0, 1, { type: 'AckQuery', requestId: 3, seq: [0, 0], value: '\0' }),
    deliver(1, 0, { type: 'Record', requestId: 3, seq: [1, 1], value: 'B' }),
    deliver(0, 1, { type: 'AckRecord', requestId: 3 }),
    deliver(1, 3, putOk(3)),
    deliver(3, 0, get(6)),
    deliver(0, 1, { type: 'Query', requestId: 6 }),
    deliver(1, 0, { type: 'AckQuery', requestId: 6, seq: [1, 1], value: 'B' }),
    deliver(0, 1, { type: 'Record', requestId: 6, seq: [1, 1], value: 'B' }),
    deliver(1, 0, { type: 'AckRecord', requestId: 6 }),
  ];
  it.each(['bfs', 'dfs'] as const)('2 servers, 2 clients, %s: 544 unique, 875 generated, depth 25; linearizable', (strategy: Strategy) => {
    const r = check(system(abdRegister, 2), { strategy });
    expect(counts(r)).toEqual([875, 544, 25]);
    expect(r.complete).toBe(true);
    r.assertProperties();
    r.assertDiscovery('value chosen', example);
  });
  it.each(['bfs', 'dfs'] as const)('ordered network, %s: 620 unique, 883 generated, depth 25', (strategy: Strategy) => {
    const r = check(system(abdRegister, 2, 'ordered'), { strategy });
    expect(counts(r)).toEqual([883, 620, 25]);
    r.assertProperties();
  });
});

describe('Paxos (§4.3)', () => {
  type A = RegisterSystemAction<(typeof paxosRegister extends RegisterProtocol<unknown, infer I> ? I : never)>;
  const example: A[] = [
    deliver(4, 1, put(4, 'B')),
    deliver(1, 0, { type: 'Prepare', ballot: [1, 1] }),
    deliver(0, 1, { type: 'Prepared', ballot: [1, 1], lastAccepted: null }),
    deliver(1, 2, { type: 'Accept', ballot: [1, 1], proposal: [4, 4, 'B'] }),
    deliver(2, 1, { type: 'Accepted', ballot: [1, 1] }),
    deliver(1, 4, putOk(4)),
    deliver(1, 2, { type: 'Decided', ballot: [1, 1], proposal: [4, 4, 'B'] }),
    deliver(4, 2, get(8)),
  ];
  it.each(['bfs', 'dfs'] as const)('3 servers, 2 clients, %s: 16,668 unique, 32,971 generated, depth 21; linearizable', (strategy: Strategy) => {
    const r = check(system(paxosRegister, 3), { strategy });
    expect(counts(r)).toEqual([32_971, 16_668, 21]);
    expect(r.complete).toBe(true);
    r.assertProperties();
    r.assertDiscovery('value chosen', example);
  });
  it.each(['bfs', 'dfs'] as const)(
    'ordered network with request-id-checked returns, %s: 33,328 unique, 110,216 generated, depth 25; linearizable',
    (strategy: Strategy) => {
      const r = check(system(paxosRegister, 3, 'ordered'), { strategy });
      expect(counts(r)).toEqual([110_216, 33_328, 25]);
      expect(r.complete).toBe(true);
      r.assertProperties();
    },
  );
});
