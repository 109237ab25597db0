/**
 * Actor states with fields outside their identity ({@link PartlyIdentified}): the system's
 * fingerprint ignores those fields, but handlers must see the exact state their path built. The
 * model interns actor states by their whole value and hashes them by identity; the oracle here is
 * a plain BFS that steps each state with a fresh model (so no interned state can stand in for
 * another), carries the exact states, and keeps the first state reached per identity.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { always, check } from '../../src/checker/index.js';
import { ActorModel, allEnvelopes, type Actor, type ActorModelState, type PartlyIdentified } from '../../src/actor/index.js';
import { bfsOracle } from './bfs-oracle.js';

/** `level` is the identity; `notes` is hidden, yet decides what a tick sends. */
class Noted implements PartlyIdentified {
  constructor(
    readonly level: number,
    readonly notes: readonly number[],
  ) {}
  identityValue(): unknown {
    return this.level;
  }
}

type Msg = { readonly type: 'Note'; readonly v: number };
type Sys = ActorModelState<Noted, Msg, undefined, string>;

function system(actors: number, maxLevel: number, modulus: number): ActorModel<Noted, Msg, undefined, string> {
  const actor: Actor<Noted, Msg, string> = {
    onStart(id, _storage, out) {
      out.setTimer('tick');
      if (id === 0) out.send((id + 1) % actors, { type: 'Note', v: 1 });
      return new Noted(0, []);
    },
    onMsg(_id, state, _src, msg, out) {
      if (state.level >= maxLevel) return;
      out.setTimer('tick');
      return new Noted(state.level + 1, [...state.notes, msg.v].slice(-2));
    },
    onTimeout(id, state, _timer, out) {
      // What is sent depends on the hidden notes only.
      out.send((id + 1) % actors, { type: 'Note', v: state.notes.reduce((a, b) => a + b, 1) % modulus });
      return new Noted(state.level, state.notes.slice(1));
    },
  };
  return new ActorModel<Noted, Msg, undefined, string>({
    actors: Array.from({ length: actors }, () => actor),
    network: 'unordered-nonduplicating',
    properties: [always('true', () => true)],
  });
}

/** BFS by identity over exact states, each step taken by a model that has seen nothing before. */
function oracle(make: () => ActorModel<Noted, Msg, undefined, string>, maxDepth: number): { generated: number; unique: number } {
  return bfsOracle(make, maxDepth, (s: Sys) => JSON.stringify([s.actorStates.map((a) => a.identityValue()), allEnvelopes(s.network).map((e) => JSON.stringify(e)).sort(), s.timers, s.crashed]));
}

describe('partly identified actor states', () => {
  it('count as the brute-force BFS over exact states counts them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 6 }), (actors, maxLevel, modulus, depth) => {
        const r = check(system(actors, maxLevel, modulus), { strategy: 'bfs', targetMaxDepth: depth });
        expect({ generated: r.generated, unique: r.unique }).toEqual(oracle(() => system(actors, maxLevel, modulus), depth));
      }),
      { numRuns: 40 },
    );
  });
});
