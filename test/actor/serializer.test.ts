/**
 * Actor-system states cross machines through structured serialization, which rebuilds a class
 * instance as a plain object. Such a model must be refused where the run starts, with the class
 * named, rather than found later by a worker's first call to a method that is gone.
 */
import { describe, expect, it } from 'vitest';
import { ActorModel } from '../../src/actor/index.js';
import { raftElectionModel } from '../../src/examples/raft-election.js';
import { fingerprint } from '../../src/checker/index.js';
import { paxosRegister } from '../../register-models/index.js';
import { registerSystem } from '../../register-models/register-system.js';

describe('actor state serializer', () => {
  it('refuses states holding class instances, naming the class', () => {
    const model = raftElectionModel({ servers: 3, timeouts: 'lockstep' });
    const [init] = model.initStates();
    expect(() => model.stateSerializer!.serialize(init)).toThrow(/hold a RaftNode.*plain data/);
  });

  it('round-trips the plain states of a register system, history included', () => {
    const model = registerSystem(paxosRegister, { servers: 3, clients: 2 });
    const actions: Parameters<typeof model.actions>[1] = [];
    for (const init of model.initStates()) {
      model.actions(init, actions);
      for (const state of [init, ...actions.map((a) => model.nextState(init, a)!)]) {
        expect(fingerprint(model.stateSerializer!.deserialize(model.stateSerializer!.serialize(state)))).toEqual(fingerprint(state));
      }
    }
  });

  it('round-trips Maps, Sets and arrays in actor states', () => {
    const actor = {
      onStart: () => ({ seen: new Map([[1, new Set(['a'])]]), log: [1, 2] }),
      onMsg: () => undefined,
    };
    const model = new ActorModel({ actors: [actor], properties: [] });
    const [init] = model.initStates();
    expect(model.stateSerializer!.deserialize(model.stateSerializer!.serialize(init)).actorStates).toEqual(init.actorStates);
  });
});
