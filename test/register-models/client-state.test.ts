/**
 * The client's state in words, as the Explorer and `formatState` show it, along a run of one
 * client that writes once and then reads.
 */
import { describe, expect, it } from 'vitest';
import { registerSystem, singleCopyRegister } from '../../register-models/index.js';
import type { RegisterSystemAction, RegisterSystemState } from '../../register-models/index.js';

describe('client state text', () => {
  it('counts the requests a client sent: one Put and one Get are 2 requests, not 3', () => {
    const model = registerSystem(singleCopyRegister, { servers: 1, clients: 1 });
    type S = RegisterSystemState<string, never>;
    let state = model.initStates()[0] as S;
    const clientLine = (s: S): string => model.formatState(s).split('\n').find((line) => line.startsWith('client 1'))!;
    const seen = [clientLine(state)];
    // One client and one server: each state has one delivery to make; take it until nothing is left.
    for (let step = 0; step < 10; step++) {
      const actions: RegisterSystemAction<never>[] = [];
      model.actions(state, actions);
      const next = actions.map((a) => model.nextState(state, a)).find((s) => s !== undefined) as S | undefined;
      if (next === undefined) break;
      state = next;
      const line = clientLine(state);
      if (line !== seen[seen.length - 1]) seen.push(line);
    }
    expect(seen).toEqual([
      'client 1: awaits the reply to request 1 (1 request sent)',
      'client 1: awaits the reply to request 2 (2 requests sent)',
      'client 1: done, 2 requests sent and answered',
    ]);
  });

  it('a client with nothing to do says so', () => {
    const model = registerSystem(singleCopyRegister, { servers: 1, clients: 1, putCount: 0 });
    expect(model.formatState(model.initStates()[0])).toContain('client 1: idle, no request sent');
  });
});
