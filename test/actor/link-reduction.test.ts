/**
 * The ordered reliable link in a finite model (src/actor/link-reduction.ts) against two oracles:
 * - the service the link offers, written without it: the same actors on a reliable ordered
 *   network (one FIFO channel per pair, every message handed over once);
 * - the link as it is, without the rules, on a lossy network that duplicates: a resend of a
 *   message in flight adds no copy there, but every message sent can be delivered any number of
 *   times until lost, so the space is finite for small systems and every behaviour of the
 *   unbounded link's copies is in it.
 * On random small systems the three agree on the actors' reachable states and on the liveness
 * verdicts. With `ignored: 'kept'` (a message the actor ignores is not taken, and comes again) the
 * oracle is a brute-force model of FIFO channels whose head waits until its receiver takes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActorModel, ReliableLinkModel, isLinkState, orderedReliableLink, type Actor, type ActorModelState, type NetworkKind } from '../../src/actor/index.js';
import { check, eventually, type Model, type Property } from '../../src/checker/index.js';
import { singleCopyRegister } from '../../register-models/single-copy.js';
import { RegisterSystem, registerSystem } from '../../register-models/register-system.js';

type Msg = { readonly type: 'M'; readonly label: number };
/** What an actor received, in order. */
type Received = readonly number[];

/**
 * Message `label` goes from `src` to `dst`; roots are sent at start, the others on receipt of
 * `parent`. Its receiver ignores it until it has received `gate`.
 */
interface Send {
  readonly label: number;
  readonly src: number;
  readonly dst: number;
  readonly parent: number | null;
  readonly gate: number | null;
}

interface System {
  readonly actors: number;
  readonly sends: readonly Send[];
}

/** Random systems: 2 or 3 actors, up to 4 messages forming a forest of causes, some gated. */
const systems: fc.Arbitrary<System> = fc.integer({ min: 2, max: 3 }).chain((actors) =>
  fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }).map((raw) => {
    const sends: Send[] = [];
    raw.forEach(([p, s, d], label) => {
      const parent = label === 0 || p % 2 === 0 ? null : sends[p % label].label;
      const src = parent === null ? s % actors : sends[parent].dst;
      const dst = (src + 1 + (d % (actors - 1))) % actors;
      sends.push({ label, src, dst, parent, gate: null });
    });
    return {
      actors,
      sends: sends.map((m, i) => {
        const others = sends.filter((o) => o.dst === m.dst && o.label !== m.label);
        const g = raw[i][3];
        return g % 3 === 0 || others.length === 0 ? m : { ...m, gate: others[g % others.length].label };
      }),
    };
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
      const gate = system.sends[msg.label].gate;
      if (gate !== null && !state.includes(gate)) return;
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
type Ignored = 'handed over' | 'kept';

function model(system: System, form: Form, ignored: Ignored): Model<State, unknown> {
  const actor = actorOf(system) as Actor<unknown, unknown>;
  const linked = form !== 'ordered network';
  const network: NetworkKind = form === 'ordered network' ? 'ordered' : form === 'rewritten link' ? 'unordered-nonduplicating' : 'unordered-duplicating';
  const config = {
    actors: Array.from({ length: system.actors }, () => (linked ? (orderedReliableLink(actor, { ignored }) as Actor<unknown, unknown, unknown>) : actor)),
    network,
    lossy: linked,
    properties: properties(system),
  };
  return (form === 'rewritten link' ? new ReliableLinkModel(config as never) : new ActorModel(config as never)) as unknown as Model<State, unknown>;
}

/**
 * The oracle for `ignored: 'kept'`: one FIFO queue per pair, whose head is delivered only when its
 * receiver takes it (its gate was received), every queue weakly fair.
 */
function keptOracle(system: System): Model<State, readonly [number, number]> {
  const n = system.actors;
  type Queues = readonly (readonly number[])[];
  const sendAll = (queues: number[][], from: number, parent: number | null) => {
    for (const m of system.sends) if (m.parent === parent && m.src === from) queues[from * n + m.dst].push(m.label);
  };
  const takes = (received: Received, label: number) => system.sends[label].gate === null || received.includes(system.sends[label].gate!);
  return {
    initStates: () => {
      const queues = Array.from({ length: n * n }, () => [] as number[]);
      for (let id = 0; id < n; id++) sendAll(queues, id, null);
      return [{ actorStates: Array.from({ length: n }, () => []), network: queues } as unknown as State];
    },
    actions: (s, out) => {
      const queues = s.network as unknown as Queues;
      queues.forEach((q, i) => {
        if (q.length > 0 && takes(s.actorStates[i % n] as Received, q[0])) out.push([Math.floor(i / n), i % n]);
      });
    },
    nextState: (s, [src, dst]) => {
      const queues = (s.network as unknown as Queues).map((q) => [...q]);
      const label = queues[src * n + dst].shift()!;
      for (const m of system.sends) if (m.parent === label) queues[dst * n + m.dst].push(m.label);
      const actorStates = s.actorStates.map((r, id) => (id === dst ? [...(r as Received), label] : r));
      return { actorStates, network: queues } as unknown as State;
    },
    fairClass: ([src, dst]) => src * n + dst,
    properties: () => properties(system),
  };
}

/** The actors' reachable states (what they received), and the liveness verdicts. */
function outcome(m: Model<State, unknown>) {
  const reached = new Set<string>();
  const r = check(m, { visitor: (s: State) => reached.add(JSON.stringify(s.actorStates.map(wrapped))), timeoutMs: 20_000 });
  return { reached: [...reached].sort(), handedOver: r.verdict('every message handed over'), rest: r.verdict('the link comes to rest'), unique: r.unique };
}

describe('the ordered reliable link in a finite model', () => {
  it('agrees with a reliable ordered network and with the link as it is on random systems', () => {
    fc.assert(
      fc.property(systems, (system) => {
        const spec = outcome(model(system, 'ordered network', 'handed over'));
        const rewritten = outcome(model(system, 'rewritten link', 'handed over'));
        const asItIs = outcome(model(system, 'link as it is', 'handed over'));
        for (const form of [rewritten, asItIs]) {
          expect(form.reached).toEqual(spec.reached);
          expect([form.handedOver, form.rest]).toEqual([spec.handedOver, 'holds']);
        }
        expect(rewritten.unique).toBeLessThanOrEqual(asItIs.unique);
      }),
      { numRuns: 15, seed: 26 },
    );
  });

  it("with ignored: 'kept', agrees with FIFO channels whose head waits for its receiver, and with the link as it is", () => {
    fc.assert(
      fc.property(systems, (system) => {
        const spec = outcome(keptOracle(system) as Model<State, unknown>);
        const rewritten = outcome(model(system, 'rewritten link', 'kept'));
        const asItIs = outcome(model(system, 'link as it is', 'kept'));
        for (const form of [rewritten, asItIs]) {
          expect(form.reached).toEqual(spec.reached);
          // A message that waits forever stays pending: the link comes to rest iff all are taken.
          expect([form.handedOver, form.rest]).toEqual([spec.handedOver, spec.handedOver]);
        }
      }),
      {
        numRuns: 15,
        seed: 27,
        // Actor 2 takes 0 (from actor 0) only after 1 (from actor 1): whatever order they arrive in, both are taken.
        examples: [[{ actors: 3, sends: [{ label: 0, src: 0, dst: 2, parent: null, gate: 1 }, { label: 1, src: 1, dst: 2, parent: null, gate: null }] }]],
      },
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
