/**
 * The examples of docs/model-checking.md and docs/actors.md, with what the chapters say about their
 * results asserted (examples.test.ts runs them as written).
 */
import { describe, expect, it } from 'vitest';
import { ActorModel, Type, always, check, internal, messages, nat, peers, registerMessages, registerSystem, type Actor, type MessageType, type Model, type RegisterProtocol } from '../../src/index.js';

describe('docs/model-checking.md and docs/actors.md: the model checker', () => {
  it('solves the water-jug puzzle', () => {
    // Die Hard: a 3-gallon and a 5-gallon jug; measure exactly 4 gallons.
    type Jugs = readonly [small: number, big: number];
    type Pour = 'fill small' | 'fill big' | 'empty small' | 'empty big' | 'small to big' | 'big to small';

    const jugs: Model<Jugs, Pour> = {
      initStates: () => [[0, 0]],
      actions: (_s, out) => void out.push('fill small', 'fill big', 'empty small', 'empty big', 'small to big', 'big to small'),
      nextState([s, b], pour) {
        switch (pour) {
          case 'fill small': return [3, b];
          case 'fill big': return [s, 5];
          case 'empty small': return [0, b];
          case 'empty big': return [s, 0];
          case 'small to big': { const x = Math.min(s, 5 - b); return [s - x, b + x]; }
          case 'big to small': { const x = Math.min(b, 3 - s); return [s + x, b - x]; }
        }
      },
      properties: () => [always('never 4 gallons', ([, b]) => b !== 4)],
    };

    const result = check(jugs, { strategy: 'bfs' });
    expect(result.report()).toMatch(/^Done\. states=\d+, unique=15, depth=7, sec=0\nDiscovered "never 4 gallons" counterexample Path\[6\]:\n- fill big\n- big to small\n- empty small\n- big to small\n- fill big\n- big to small\nAction index path: 0\/1\/5\/2\/5\/1\/5$/);
    result.assertDiscovery('never 4 gallons', ['fill big', 'big to small', 'empty small', 'big to small', 'fill big', 'big to small']);
  });

  it('finds the duplicate delivery an idempotence check must survive', () => {
    type Msg = { readonly type: 'Add'; readonly id: number; readonly amount: number };
    const account: Actor<number, Msg> = {
      onStart: () => 0,
      onMsg: (_id, balance, _src, msg) => balance + msg.amount,
    };
    const payer: Actor<number, Msg> = {
      onStart(_id, _storage, out) {
        out.send(0, { type: 'Add', id: 1, amount: 10 });
        return 0;
      },
    };
    const model = new ActorModel<number, Msg>({
      actors: [account, payer],
      network: 'unordered-duplicating', // a network may deliver a message twice
      withinBoundary: (s) => s.actorStates[0] <= 30,
      properties: [always('paid once', (s) => s.actorStates[0] <= 10)],
    });
    const result = check(model);
    expect(result.report()).toContain('Discovered "paid once" counterexample Path[2]:\n- Id(1) → Add(1, 10) → Id(0)\n- Id(1) → Add(1, 10) → Id(0)');
    expect(check(new ActorModel({ ...model.config, network: 'unordered-nonduplicating' })).discovery('paid once')).toBeUndefined();
  });
});

describe('docs/actors.md: your own register protocol', () => {
  // Write-all, read-one: a server applies a write, copies it to every other server, and answers
  // once all have it; a read answers from the local copy.
  const copyMessages = messages({
    Copy: internal({ requestId: nat(), value: Type.String() }),
    Copied: internal({ requestId: nat() }),
  });
  type Copy = MessageType<typeof copyMessages>;
  type Server = { value: string; writing: { requestId: number; client: number; copies: number } | null };

  const writeAllReadOne: RegisterProtocol<Server, Copy> = {
    name: 'write-all-read-one',
    messages: copyMessages,
    server: (n) => ({
      onStart: () => ({ value: '\0', writing: null }),
      onMsg(id, state, src, msg, out) {
        switch (msg.type) {
          case 'Put':
            if (state.writing !== null) return; // busy: the request waits in the network
            out.broadcast(peers(id, n), { type: 'Copy', requestId: msg.requestId, value: msg.value });
            return { value: msg.value, writing: { requestId: msg.requestId, client: src, copies: 1 } };
          case 'Get':
            out.send(src, registerMessages.getOk(msg.requestId, state.value));
            return;
          case 'Copy':
            out.send(src, { type: 'Copied', requestId: msg.requestId });
            return { ...state, value: msg.value };
          case 'Copied': {
            const w = state.writing;
            if (w === null || w.requestId !== msg.requestId) return;
            if (w.copies + 1 < n) return { ...state, writing: { ...w, copies: w.copies + 1 } };
            out.send(w.client, registerMessages.putOk(w.requestId));
            return { ...state, writing: null };
          }
        }
      },
    }),
  };

  it('is linearizable with two clients but not with three', () => {
    const two = check(registerSystem(writeAllReadOne, { servers: 2, clients: 2 }), { strategy: 'bfs' });
    expect([two.unique, two.complete, two.discoveredNames]).toEqual([184, true, ['value chosen']]);
    const system = registerSystem(writeAllReadOne, { servers: 2, clients: 3 });
    const three = check(system, { strategy: 'bfs' });
    expect(three.summary()).toMatch(/^Done\. states=7086, unique=4012, depth=15/);
    expect(three.discovery('linearizable')!.actions.map((a) => system.describeAction(a))).toEqual([
      "server 0 receives Put(2, 'A') from client 2",
      "server 1 receives Copy(2, 'A') from server 0",
      'server 0 receives Copied(2) from server 1',
      "server 1 receives Put(3, 'B') from client 3",
      "server 0 receives Copy(3, 'B') from server 1",
      'server 1 receives Copied(3) from server 0',
      'client 3 receives PutOk(3) from server 1',
      "server 0 receives Put(4, 'C') from client 4",
      'server 0 receives Get(6) from client 3',
      "client 3 receives GetOk(6, 'C') from server 0",
      'client 2 receives PutOk(2) from server 0',
      'server 1 receives Get(4) from client 2',
      "client 2 receives GetOk(4, 'B') from server 1",
    ]);
  });
});
