/**
 * The actor model fingerprints its states incrementally (component sums kept step by step, with
 * canonical actor states and envelopes and memoised deliveries). The oracle here is the same
 * state rebuilt by hand as plain, deep-copied data and hashed from scratch by a fresh model: the
 * two must agree on every state, on every network, with timers, random choices, crashes,
 * storage and histories.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { always, check, fingerprint } from '../../src/checker/index.js';
import { ActorModel, networkSize, type Actor, type ActorAction, type ActorModelState, type NetworkKind } from '../../src/actor/index.js';
import { paxosRegister, registerSystem, singleCopyRegister } from '../../register-models/index.js';

const NETWORKS: readonly NetworkKind[] = ['unordered-duplicating', 'unordered-nonduplicating', 'ordered'];

type GossipMsg = { readonly type: 'Bump'; readonly by: number } | { readonly type: 'Echo'; readonly seen: readonly number[] };
type GossipState = { readonly count: number; readonly seen: readonly number[]; readonly coin: number | null };

/** Two actors that message each other, arm timers, flip coins and save what they saw. */
const gossip: Actor<GossipState, GossipMsg, string, number, readonly number[]> = {
  onStart(id, storage, out) {
    if (id === 0) {
      out.setTimer('tick');
      out.send(1, { type: 'Bump', by: 1 });
    } else out.chooseRandom('coin', [0, 1]);
    return { count: 0, seen: storage ?? [], coin: null };
  },
  onMsg(id, state, src, msg, out) {
    if (state.count >= 2) return;
    if (msg.type === 'Echo') return msg.seen.length > state.seen.length ? { ...state, seen: msg.seen } : undefined;
    const seen = [...state.seen, msg.by].slice(-2);
    out.send(1 - id, { type: 'Bump', by: msg.by + 1 });
    out.send(src, { type: 'Echo', seen });
    out.save(seen);
    return { ...state, count: state.count + 1, seen };
  },
  onTimeout(id, state, _timer, out) {
    if (state.count === 0) out.send(1 - id, { type: 'Bump', by: 0 });
    return { ...state, count: state.count + 1 };
  },
  onRandom: (_id, state, coin) => ({ ...state, coin }),
};

function gossipModel(network: NetworkKind, lossy: boolean, memoLimit?: number) {
  return new ActorModel<GossipState, GossipMsg, number, string, number, readonly number[]>({
    actors: [gossip, gossip],
    network,
    lossy,
    maxCrashes: 1,
    history: 0,
    recordIn: (h) => h + 1,
    // Restarts resend, so the network is bounded too.
    withinBoundary: (s) => s.history <= 3 && networkSize(s.network) <= 3,
    variantOrder: ['Bump', 'Echo'],
    properties: [always('true', () => true)],
    memoLimit,
  });
}

/** The state as plain data: fresh objects everywhere (the history is kept, it is not plain data). */
function plainCopy<S, M, H, T, R, St>(s: ActorModelState<S, M, H, T, R, St>): ActorModelState<S, M, H, T, R, St> {
  const { history, ...rest } = s;
  return { ...structuredClone(rest), history };
}

interface Walkable<S> {
  initStates(): S[];
  actions(s: S, out: unknown[]): void;
  nextState(s: S, a: never): S | undefined;
}

/** Follows `choices` (indices into the enabled actions) from the init state; returns every state met. */
function walk<S>(model: Walkable<S>, choices: readonly number[]): S[] {
  let state = model.initStates()[0];
  const seen = [state];
  for (const choice of choices) {
    const actions: unknown[] = [];
    model.actions(state, actions);
    if (actions.length === 0) break;
    const next = model.nextState(state, actions[choice % actions.length] as never);
    if (next === undefined) continue;
    state = next;
    seen.push(state);
  }
  return seen;
}

describe('incremental fingerprints of actor-model states', () => {
  it.each(NETWORKS.flatMap((n) => [[n, false] as const, [n, true] as const]))(
    'equal the from-scratch fingerprint on every state of random walks (%s, lossy %s)',
    (network, lossy) => {
      fc.assert(
        fc.property(fc.array(fc.nat(1000), { maxLength: 40 }), (choices) => {
          const model = gossipModel(network, lossy);
          const fresh = gossipModel(network, lossy);
          for (const s of walk(model, choices)) expect(fingerprint(s)).toBe(fingerprint(fresh.stored(plainCopy(s))));
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each(NETWORKS)('equal the from-scratch fingerprint on register systems with a crashing server (%s)', (network) => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 30 }), (choices) => {
        const model = registerSystem(paxosRegister, { servers: 3, clients: 2, network, maxCrashes: 1, lossy: true });
        const fresh = registerSystem(paxosRegister, { servers: 3, clients: 2, network, maxCrashes: 1, lossy: true });
        for (const s of walk(model, choices)) expect(fingerprint(s)).toBe(fingerprint(fresh.stored(plainCopy(s))));
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['unordered-nonduplicating', 16_668],
    ['ordered', 33_328],
  ] as const)('tell states apart exactly as structural equality does (all Paxos states, %s: %i)', (network, unique) => {
    const model = registerSystem(paxosRegister, { servers: 3, clients: 2, network });
    const byIncremental = new Map<string, string>();
    const byStructural = new Map<string, string>();
    check(model, {
      visitor: (s) => {
        const { history, ...rest } = s;
        const incremental = fingerprint(s);
        const structural = fingerprint([{ ...rest }, history]);
        expect(byIncremental.get(incremental) ?? structural).toBe(structural);
        expect(byStructural.get(structural) ?? incremental).toBe(incremental);
        byIncremental.set(incremental, structural);
        byStructural.set(structural, incremental);
      },
    });
    expect(byIncremental.size).toBe(unique);
  });

  it('do not depend on how many canonical values and memoised deliveries the model keeps', () => {
    const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];
    for (const network of NETWORKS) {
      const unlimited = counts(check(gossipModel(network, true)));
      expect(counts(check(gossipModel(network, true, 7)))).toEqual(unlimited);
      expect(counts(check(gossipModel(network, true, 1)))).toEqual(unlimited);
    }
    expect(() => gossipModel('ordered', false, 0)).toThrow(/memoLimit must be at least 1/);
  });

  it('adopt states written by hand, and a hand-written equal state steps to the same successors', () => {
    const model = registerSystem(singleCopyRegister, { servers: 1, clients: 2 });
    const init = model.initStates()[0];
    const byHand = plainCopy(init);
    const actions: ActorAction<unknown, never, never>[] = [];
    model.actions(init, actions as never);
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) {
      const fromModel = model.nextState(init, a as never);
      const fromHand = model.nextState(byHand, a as never);
      expect(fromHand === undefined ? undefined : fingerprint(fromHand)).toBe(fromModel === undefined ? undefined : fingerprint(fromModel));
    }
  });
});
