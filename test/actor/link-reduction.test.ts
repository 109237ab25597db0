/**
 * The ordered reliable link in a finite model (src/actor/link-reduction.ts) against two oracles:
 * - the service the link offers, written without it: the same actors on a reliable ordered
 *   network (one FIFO channel per pair, every message handed over once);
 * - the link as it is, without the rules, on a lossy network that duplicates: a resend of a
 *   message in flight adds no copy there, but every message sent can be delivered any number of
 *   times until lost, so the space is finite for small systems and every behaviour of the
 *   unbounded link's copies is in it.
 * On random small systems the three agree on the actors' reachable states and on the liveness
 * verdicts; the rewritten link also comes to rest (nothing pending).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActorModel, ReliableLinkModel, isLinkState, orderedReliableLink, type Actor, type ActorModelState, type NetworkKind } from '../../src/actor/index.js';
import { check, eventually, type Property } from '../../src/checker/index.js';
import { singleCopyRegister } from '../../register-models/single-copy.js';
import { RegisterSystem, registerSystem } from '../../register-models/register-system.js';

type Msg = { readonly type: 'M'; readonly label: number };
/** What an actor received, in order. */
type Received = readonly number[];

/** Message `label` goes from `src` to `dst`; roots are sent at start, the others on receipt of `parent`. */
interface Send {
  readonly label: number;
  readonly src: number;
  readonly dst: number;
  readonly parent: number | null;
}

interface System {
  readonly actors: number;
  readonly sends: readonly Send[];
}

/** Random systems: 2 or 3 actors, up to 4 messages forming a forest of causes. */
const systems: fc.Arbitrary<System> = fc.integer({ min: 2, max: 3 }).chain((actors) =>
  fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }).map((raw) => {
    const sends: Send[] = [];
    raw.forEach(([p, s, d], label) => {
      const parent = label === 0 || p % 2 === 0 ? null : sends[p % label].label;
      const src = parent === null ? s % actors : sends[parent].dst;
      const dst = (src + 1 + (d % (actors - 1))) % actors;
      sends.push({ label, src, dst, parent });
    });
    return { actors, sends };
  }),
);

function actorOf(system: System): Actor<Received, Msg> {
  const sendAll = (from: number, parent: number | null, out: { send(dst: number, msg: Msg): void }) => {
    for (const m of system.sends) if (m.parent === parent && m.src === from) out.send(m.dst, { type: 'M', label: m.label });
  };
  return {
    onStart(id, _storage, out) {
      sendAll(id, null, out);
      return [];
    },
    onMsg(id, state, _src, msg, out) {
      for (const m of system.sends) if (m.parent === msg.label) out.send(m.dst, { type: 'M', label: m.label });
      return [...state, msg.label];
    },
  };
}

const wrapped = (state: unknown): Received => (isLinkState(state) ? (state.wrapped as Received) : (state as Received));
type State = ActorModelState<unknown, unknown>;

function properties(system: System): Property<State>[] {
  const expected = Array.from({ length: system.actors }, (_, id) => system.sends.filter((m) => m.dst === id).length);
  return [
    eventually('every message handed over', (s: State) => s.actorStates.every((state, id) => wrapped(state).length === expected[id])),
    eventually('the link comes to rest', (s: State) => s.actorStates.every((state) => !isLinkState(state) || state.pending.length === 0)),
  ];
}

type Form = 'ordered network' | 'rewritten link' | 'link as it is';

function model(system: System, form: Form): ActorModel<unknown, unknown> {
  const actor = actorOf(system) as Actor<unknown, unknown>;
  const linked = form !== 'ordered network';
  const network: NetworkKind = form === 'ordered network' ? 'ordered' : form === 'rewritten link' ? 'unordered-nonduplicating' : 'unordered-duplicating';
  const config = {
    actors: Array.from({ length: system.actors }, () => (linked ? (orderedReliableLink(actor) as Actor<unknown, unknown, unknown>) : actor)),
    network,
    lossy: linked,
    properties: properties(system),
  };
  return form === 'rewritten link' ? new ReliableLinkModel(config as never) : new ActorModel(config as never);
}

/** The actors' reachable states (what they received), and the liveness verdicts. */
function outcome(system: System, form: Form) {
  const reached = new Set<string>();
  const r = check(model(system, form) as never, { visitor: (s: State) => reached.add(JSON.stringify(s.actorStates.map(wrapped))), timeoutMs: 20_000 });
  return { reached: [...reached].sort(), handedOver: r.verdict('every message handed over'), rest: r.verdict('the link comes to rest'), unique: r.unique };
}

describe('the ordered reliable link in a finite model', () => {
  it('agrees with a reliable ordered network and with the link as it is on random systems', () => {
    fc.assert(
      fc.property(systems, (system) => {
        const spec = outcome(system, 'ordered network');
        const rewritten = outcome(system, 'rewritten link');
        const asItIs = outcome(system, 'link as it is');
        expect(spec.handedOver).toBe('holds');
        expect(rewritten.reached).toEqual(spec.reached);
        expect(asItIs.reached).toEqual(spec.reached);
        expect([rewritten.handedOver, rewritten.rest]).toEqual(['holds', 'holds']);
        expect([asItIs.handedOver, asItIs.rest]).toEqual(['holds', 'holds']);
        expect(rewritten.unique).toBeLessThanOrEqual(asItIs.unique);
      }),
      { numRuns: 20, seed: 26 },
    );
  });

  it('single-copy register, 1 server, 1 client: the rewritten link, the link as it is and the bare register on an ordered network agree', () => {
    const REPLY = 'every client operation gets a reply';
    const options = { servers: 1, clients: 1, liveness: true } as const;
    /** The link without the rules (ActorModel's own step), on a lossy network that duplicates. */
    class LinkAsItIs extends RegisterSystem<unknown, never> {
      override step(...args: Parameters<RegisterSystem<unknown, never>['step']>): ReturnType<RegisterSystem<unknown, never>['step']> {
        return ActorModel.prototype.step.apply(this, args as never) as never;
      }
    }
    const asItIs = check(new LinkAsItIs(singleCopyRegister as never, { ...options, reliableLink: true, lossy: true, network: 'unordered-duplicating' }));
    const rewritten = check(registerSystem(singleCopyRegister, { ...options, reliableLink: true, lossy: true }));
    const spec = check(registerSystem(singleCopyRegister, { ...options, network: 'ordered' }));
    for (const r of [asItIs, rewritten, spec]) {
      expect(r.verdict(REPLY)).toBe('holds');
      expect(r.verdict('linearizable')).toBe('holds');
      expect(r.discovery('value chosen')).toBeDefined();
    }
    expect(asItIs.unique).toBeGreaterThan(20 * rewritten.unique);
  });
});
