/**
 * (e) The ordered reliable link: model-checked over a lossy, duplicating (hence reordering)
 * network, where it must deliver in order and exactly once; and used at runtime, over UDP with
 * seeded loss, duplication and delays.
 */
import { describe, expect, it } from 'vitest';
import { always, check, sometimes } from '../../src/checker/index.js';
import { ActorModel, orderedReliableLink, type Actor, type Id, type LinkStorage } from '../../src/actor/index.js';
import { spawn } from '../../src/runtime/index.js';

type Msg = { readonly type: 'Data'; readonly n: number };
/** The sender's state is unused; the receiver's is what it received, in order. */
type State = readonly (readonly [src: Id, n: number])[];

/** Sends `values` to actor 1 when it starts. */
const sender = (values: readonly number[]): Actor<State, Msg> => ({
  onStart(_id, _storage, out) {
    for (const n of values) out.send(1, { type: 'Data', n });
    return [];
  },
});

const receiver: Actor<State, Msg> = {
  onStart: () => [],
  onMsg: (_id, state, src, msg) => [...state, [src, msg.n] as const],
};

const VALUES = [42, 43, 44];
type Observed = { readonly actorStates: readonly unknown[] };
const received = (s: Observed): number[] => {
  const state = s.actorStates[1] as State | { wrapped: State };
  return ('wrapped' in state ? state.wrapped : state).map(([, n]) => n);
};
const isPrefix = (xs: readonly number[]): boolean => xs.every((x, i) => x === VALUES[i]);

function linkModel(linked: boolean) {
  const actors = linked ? [orderedReliableLink(sender(VALUES)), orderedReliableLink(receiver)] : [sender(VALUES), receiver];
  return new ActorModel({
    actors: actors as Actor<unknown, unknown, unknown, never, unknown>[],
    network: 'unordered-duplicating',
    lossy: true,
    properties: [
      always('in order, each once (a prefix of what was sent)', (s: Observed) => isPrefix(received(s))),
      sometimes('all delivered', (s: Observed) => received(s).length === VALUES.length),
    ],
  });
}

/** The same pair with stable storage: the sender remembers it sent, the receiver what it received. */
const durableSender: Actor<State, Msg, never, never, boolean> = {
  onStart(_id, sent, out) {
    if (sent !== true) {
      for (const n of VALUES) out.send(1, { type: 'Data', n });
      out.save(true);
    }
    return [];
  },
};
const durableReceiver: Actor<State, Msg, never, never, State> = {
  onStart: (_id, storage) => storage ?? [],
  onMsg(_id, state, src, msg, out) {
    const next = [...state, [src, msg.n] as const];
    out.save(next);
    return next;
  },
};

describe('ordered reliable link', () => {
  it('model-checked: over a lossy duplicating network every delivery is in order and exactly once, and all can arrive', () => {
    const r = check(linkModel(true), { strategy: 'bfs' });
    expect(r.complete).toBe(true);
    r.assertProperties();
    expect([r.generated, r.unique, r.maxDepth]).toEqual([16_129, 2_744, 14]); // losses, copies and resends interleaved
  });

  /** With `forgetful`, a restarted link keeps its actor's storage but loses its own bookkeeping. */
  function crashModel(forgetful: boolean) {
    const forget = <S, M, T, St>(link: Actor<S, M, T, never, LinkStorage<M, St>>): Actor<S, M, T, never, LinkStorage<M, St>> => ({
      ...link,
      onStart: (id, storage, out) =>
        link.onStart(id, storage === undefined ? undefined : { sent: [], pending: [], delivered: [], wrappedStorage: storage.wrappedStorage }, out),
    });
    const actors = [orderedReliableLink(durableSender), orderedReliableLink(durableReceiver)];
    return new ActorModel({
      actors: (forgetful ? actors.map((a) => forget(a as Actor<unknown, unknown, unknown, never, LinkStorage<unknown, unknown>>)) : actors) as Actor<unknown, unknown, unknown, never, unknown>[],
      network: 'unordered-duplicating',
      lossy: true,
      maxCrashes: 1,
      properties: [
        always('in order, each once (a prefix of what was sent)', (s: Observed) => isPrefix(received(s))),
        sometimes('all delivered', (s: Observed) => received(s).length === VALUES.length),
      ],
    });
  }

  it('model-checked with a crash: the link saves its bookkeeping, so a restarted actor neither resends as new nor redelivers', () => {
    const r = check(crashModel(false), { strategy: 'bfs' });
    expect(r.complete).toBe(true);
    r.assertProperties();
    // Without its bookkeeping a restarted receiver takes an old copy again.
    const forgetful = check(crashModel(true), { strategy: 'bfs' });
    const path = forgetful.discovery('in order, each once (a prefix of what was sent)');
    expect(path?.actions.some((a) => a.kind === 'crash')).toBe(true);
  });

  it('the property can fail: without the link the same network duplicates and reorders', () => {
    const r = check(linkModel(false), { strategy: 'bfs' });
    const path = r.discovery('in order, each once (a prefix of what was sent)');
    expect(path).toBeDefined();
    expect(isPrefix(received(path!.lastState))).toBe(false);
  });

  it('at runtime: 200 messages over UDP with 30% loss, 20% duplication and 0–5 ms delays arrive in order, once each', async () => {
    const values = Array.from({ length: 200 }, (_, i) => i);
    const actors = [orderedReliableLink(sender(values), { resendMs: [5, 10] }), orderedReliableLink(receiver, { resendMs: [5, 10] })];
    const runtime = await spawn(
      actors.map((actor, id) => ({ id, actor: actor as Actor<unknown, unknown, unknown, never, unknown> })),
      { addressBook: [{ host: '127.0.0.1', port: 0 }, { host: '127.0.0.1', port: 0 }], faults: { drop: 0.3, duplicate: 0.2, delayMs: [0, 5], seed: 7 } },
    );
    try {
      const deadline = Date.now() + 10_000;
      let got: number[] = [];
      while (Date.now() < deadline) {
        got = received({ actorStates: [undefined, runtime.state(1)] });
        if (got.length >= values.length) break;
        expect(isPrefixOf(got, values)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(got).toEqual(values);
    } finally {
      await runtime.stop();
    }
  });
});

const isPrefixOf = (xs: readonly number[], of: readonly number[]): boolean => xs.every((x, i) => x === of[i]);
