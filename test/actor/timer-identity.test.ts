/**
 * `timerIdentity: 'concatenated'`: the actors' timer sets enter state identity as one list, each
 * set after the other, as Stateright 0.31's fingerprint hashes them. The oracle is a plain BFS
 * that keys states by exactly that (actor states, network, the concatenated timers, crashes) and
 * keeps the first state reached per key, stepping with a model that has seen nothing before.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { always, check, fingerprint } from '../../src/checker/index.js';
import { ActorModel, allEnvelopes, type Actor, type ActorModelState } from '../../src/actor/index.js';
import { bfsOracle } from './bfs-oracle.js';

type Timer = 'a' | 'b' | 'c';
type Msg = { readonly type: 'Poke' };
type Sys = ActorModelState<number, Msg, undefined, Timer>;
const TIMERS: readonly Timer[] = ['a', 'b', 'c'];

/** What a timeout of each timer does: count it or not, arm another timer, poke the next actor. */
interface Rule {
  readonly counts: boolean;
  readonly arms: Timer | null;
  readonly pokes: boolean;
}

function system(
  initial: readonly (readonly Timer[])[],
  rules: Readonly<Record<Timer, Rule>>,
  maxCrashes: number,
  timerIdentity: 'per-actor' | 'concatenated',
): ActorModel<number, Msg, undefined, Timer> {
  const n = initial.length;
  const actor: Actor<number, Msg, Timer> = {
    onStart(id, _storage, out) {
      for (const t of initial[id]) out.setTimer(t);
      return 0;
    },
    // A poke re-arms timer 'a' (so timers come back after they fire or a crash).
    onMsg(_id, state, _src, _msg, out) {
      out.setTimer('a');
      return state;
    },
    onTimeout(id, state, timer, out) {
      const rule = rules[timer];
      if (rule.arms !== null) out.setTimer(rule.arms);
      if (rule.pokes) out.send((id + 1) % n, { type: 'Poke' });
      return rule.counts ? Math.min(state + 1, 2) : state;
    },
  };
  return new ActorModel<number, Msg, undefined, Timer>({
    actors: Array.from({ length: n }, () => actor),
    network: 'unordered-nonduplicating',
    maxCrashes,
    timerIdentity,
    properties: [always('true', () => true)],
  });
}

function oracle(make: () => ActorModel<number, Msg, undefined, Timer>, maxDepth: number, concatenate: boolean): { generated: number; unique: number } {
  return bfsOracle(make, maxDepth, (s: Sys) => JSON.stringify([s.actorStates, allEnvelopes(s.network).map((e) => JSON.stringify(e)).sort(), concatenate ? s.timers.flat() : s.timers, s.crashed]));
}

/** `flat` cut into as many sets as `shape` has, each as long as `shape`'s where `flat` lasts (the last takes the rest). */
function splitLike<T>(flat: readonly T[], shape: readonly (readonly unknown[])[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  shape.forEach((set, i) => {
    const end = i === shape.length - 1 ? flat.length : Math.min(flat.length, at + set.length);
    out.push(flat.slice(at, end));
    at = end;
  });
  return out;
}

const timerSet = fc.subarray([...TIMERS]);
const rule = fc.record({ counts: fc.boolean(), arms: fc.constantFrom<Timer | null>(null, ...TIMERS), pokes: fc.boolean() });
const rules = fc.record({ a: rule, b: rule, c: rule });

describe('timer identity', () => {
  it.each(['concatenated', 'per-actor'] as const)('%s: counts as a brute-force BFS keyed the same way counts', (identity) => {
    fc.assert(
      fc.property(fc.array(timerSet, { minLength: 2, maxLength: 3 }), rules, fc.integer({ min: 0, max: 1 }), fc.integer({ min: 2, max: 6 }), (initial, table, crashes, depth) => {
        const make = () => system(initial, table, crashes, identity);
        const r = check(make(), { strategy: 'bfs', targetMaxDepth: depth });
        expect({ generated: r.generated, unique: r.unique }).toEqual(oracle(make, depth, identity === 'concatenated'));
      }),
      { numRuns: 60 },
    );
  });

  it('concatenated: a timer that passes to the neighbouring actor leaves the fingerprint unchanged', () => {
    fc.assert(
      fc.property(fc.array(timerSet, { minLength: 3, maxLength: 3 }), fc.array(timerSet, { minLength: 3, maxLength: 3 }), (x, y) => {
        const noRule = { counts: false, arms: null, pokes: false };
        const table = { a: noRule, b: noRule, c: noRule };
        const concatenated = system(x, table, 0, 'concatenated');
        const perActor = system(x, table, 0, 'per-actor');
        const state = (timers: readonly (readonly Timer[])[]): Sys => ({ ...concatenated.initStates()[0], timers });
        const resplit = splitLike(x.flat(), y);
        const sameSequence = JSON.stringify(x.flat()) === JSON.stringify(y.flat());
        expect(fingerprint(concatenated.stored(state(x))) === fingerprint(concatenated.stored(state(y)))).toBe(sameSequence);
        expect(fingerprint(concatenated.stored(state(resplit)))).toBe(fingerprint(concatenated.stored(state(x))));
        const sameSets = JSON.stringify(x) === JSON.stringify(resplit);
        expect(fingerprint(perActor.stored(state(x))) === fingerprint(perActor.stored(state(resplit)))).toBe(sameSets);
      }),
      { numRuns: 200 },
    );
  });
});
