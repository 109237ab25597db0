import { describe, expect, it } from 'vitest';
import { always, check, sometimes } from '../../src/checker/index.js';
import { ActorModel, deliverable, type Actor } from '../../src/actor/index.js';

// A register-like system with two kinds of actors, written the way a protocol author would.
type Msg =
  | { readonly type: 'Put'; readonly r: number; readonly v: string }
  | { readonly type: 'Get'; readonly r: number }
  | { readonly type: 'PutOk'; readonly r: number }
  | { readonly type: 'GetOk'; readonly r: number; readonly v: string };
type ServerState = { readonly value: string };
type ClientState = { readonly awaiting: number | null; readonly ops: number };
type History = readonly string[];

const server: Actor<ServerState, Msg> = {
  onStart: () => ({ value: '\0' }),
  onMsg(_id, state, src, msg, out) {
    if (msg.type === 'Put') {
      out.send(src, { type: 'PutOk', r: msg.r });
      return { value: msg.v };
    }
    if (msg.type === 'Get') out.send(src, { type: 'GetOk', r: msg.r, v: state.value });
  },
};

const client: Actor<ClientState, Msg> = {
  onStart(id, _storage, out) {
    out.send(0, { type: 'Put', r: id, v: String.fromCharCode(64 + id) });
    return { awaiting: id, ops: 1 };
  },
  onMsg(id, state, _src, msg, out) {
    if (msg.type === 'PutOk' && msg.r === state.awaiting) {
      out.send(0, { type: 'Get', r: 2 * id });
      return { awaiting: 2 * id, ops: 2 };
    }
    if (msg.type === 'GetOk' && msg.r === state.awaiting) return { awaiting: null, ops: 3 };
  },
};

describe('heterogeneous actors', () => {
  it('mix server and client actors with typed messages and a recorded history', () => {
    const model = new ActorModel<ServerState | ClientState, Msg, History>({
      actors: [server, client, client],
      network: 'unordered-nonduplicating',
      variantOrder: ['Put', 'Get', 'PutOk', 'GetOk'],
      history: [],
      recordOut: (h, e) => (e.msg.type === 'Put' || e.msg.type === 'Get' ? [...h, `invoke ${e.src}`] : undefined),
      recordIn: (h, e) => (e.msg.type === 'PutOk' || e.msg.type === 'GetOk' ? [...h, `return ${e.dst}`] : undefined),
      properties: [
        always('history well-formed', (s) => s.history.length <= 8),
        sometimes('value chosen', (s) => deliverable(s.network).some((e) => e.msg.type === 'GetOk' && e.msg.v !== '\0')),
      ],
    });
    const r = check(model);
    expect(r.complete).toBe(true);
    r.assertProperties();
    expect(model.initStates()[0].history).toEqual(['invoke 1', 'invoke 2']);
  });
});
