import { describe, expect, it } from 'vitest';
import { always, check, replayPath } from '../../src/checker/index.js';
import { ActorModel, allEnvelopes, type Actor, type ActorModelConfig, type NetworkKind } from '../../src/actor/index.js';

const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];
const trivially = always('true', () => true);

/** A model with a trivially-true property, so runs are complete. */
function model<S, M, H = undefined, T = never, R = never>(config: Omit<ActorModelConfig<S, M, H, T, R>, 'properties'>) {
  return new ActorModel<S, M, H, T, R>({ ...config, properties: [trivially] });
}

describe('no-op deliveries', () => {
  type Msg = { type: 'Ignored' } | { type: 'Interesting' };
  const client: Actor<string, Msg> = {
    onStart(_id, _storage, out) {
      out.send(1, { type: 'Ignored' });
      out.send(1, { type: 'Interesting' });
      return '';
    },
  };
  const server: Actor<string, Msg> = {
    onStart: () => '',
    onMsg: (_id, _state, _src, msg) => (msg.type === 'Interesting' ? 'got it' : undefined),
  };
  it.each([
    ['unordered-duplicating', [3, 2, 2]],
    ['unordered-nonduplicating', [2, 2, 2]],
    ['ordered', [3, 3, 3]],
  ] as const)('are ignored on unordered networks but are transitions on %s', (network, expected) => {
    const m = model<string, Msg>({ actors: [client, server], network, variantOrder: ['Ignored', 'Interesting'] });
    expect(counts(check(m))).toEqual(expected);
  });
});

describe('message order', () => {
  const appender: Actor<readonly number[], number> = {
    onStart(id, _storage, out) {
      if (id === 0) {
        out.send(1, 2);
        out.send(1, 1);
      }
      return [];
    },
    onMsg: (_id, state, _src, msg) => [...state, msg],
  };
  it.each([
    ['ordered', [[], [2], [2, 1]], [3, 3, 3]],
    ['unordered-nonduplicating', [[], [1], [2], [1, 2], [2, 1]], [5, 5, 3]],
  ] as const)('%s networks deliver in the allowed orders', (network, receiverStates, expected) => {
    const seen: string[] = [];
    const m = model<readonly number[], number>({ actors: [appender, appender], network });
    const r = check(m, { visitor: (s) => seen.push(JSON.stringify(s.actorStates[1])) });
    expect(counts(r)).toEqual(expected);
    expect(new Set(seen)).toEqual(new Set(receiverStates.map((s) => JSON.stringify(s))));
  });
});

describe('network edge cases, timers, randomness and crashes', () => {
  const idle: Actor<number, string> = { onStart: () => 0 };

  it('never delivers an envelope addressed to a missing actor', () => {
    const m = model<number, string>({ actors: [idle], initNetwork: [{ src: 0, dst: 99, msg: 'hello' }] });
    expect(counts(check(m))).toEqual([1, 1, 1]);
    expect(m.initStates()[0].network.kind).toBe('unordered-duplicating');
  });

  it('a timeout that does nothing still clears the timer', () => {
    const actor: Actor<number, string, string> = {
      onStart(_id, _storage, out) {
        out.setTimer('tick', [1, 2]);
        return 0;
      },
      onTimeout: () => undefined,
    };
    const m = model<number, string, undefined, string>({ actors: [actor] });
    expect(counts(check(m))).toEqual([2, 2, 2]);
  });

  it('a timeout that only re-arms itself is ignored', () => {
    const actor: Actor<number, string, string> = {
      onStart(_id, _storage, out) {
        out.setTimer('tick');
        return 0;
      },
      onTimeout: (_id, _state, timer, out) => out.setTimer(timer),
    };
    expect(counts(check(model<number, string, undefined, string>({ actors: [actor] })))).toEqual([1, 1, 1]);
  });

  type Choice = { type: 'C1' } | { type: 'C2' } | { type: 'C3' };
  const C1: Choice = { type: 'C1' };
  const C2: Choice = { type: 'C2' };
  const C3: Choice = { type: 'C3' };

  it('explores every random choice', () => {
    const actor: Actor<Choice | null, string, never, Choice> = {
      onStart(_id, _storage, out) {
        out.chooseRandom('key1', [C1, C2, C3]);
        return null;
      },
      onRandom: (_id, _state, choice) => choice,
    };
    const m = model<Choice | null, string, undefined, never, Choice>({ actors: [actor], variantOrder: ['C1', 'C2', 'C3'] });
    expect(counts(check(m))).toEqual([4, 4, 2]);
  });

  it('lets a random handler overwrite the choices of another key', () => {
    const actor: Actor<readonly Choice[], string, never, Choice> = {
      onStart(_id, _storage, out) {
        out.chooseRandom('key1', [C1]);
        out.chooseRandom('key2', [C2, C3]);
        return [];
      },
      onRandom(_id, state, choice, out) {
        if (choice.type === 'C1') out.chooseRandom('key2', [C3]);
        return [...state, choice];
      },
    };
    const m = model<readonly Choice[], string, undefined, never, Choice>({ actors: [actor], variantOrder: ['C1', 'C2', 'C3'] });
    expect(counts(check(m))).toEqual([9, 9, 4]);
  });

  it('crashes at most maxCrashes actors at a time', () => {
    const m = model<number, string>({ actors: [idle, idle, idle], maxCrashes: 1 });
    expect(counts(check(m))).toEqual([7, 4, 2]);
  });
});

describe('scripted actors', () => {
  const scripted = (script: [number, string][]): Actor<number, string> => ({
    onStart(_id, _storage, out) {
      if (script.length === 0) return 0;
      out.send(script[0][0], script[0][1]);
      return 1;
    },
    onMsg(_id, state, _src, _msg, out) {
      if (state >= script.length) return;
      out.send(script[state][0], script[state][1]);
      return state + 1;
    },
  });

  it('visit networks in the order Stateright pins', () => {
    const nets: string[][] = [];
    const m = model<number, string>({
      actors: [scripted([[1, 'A'], [1, 'B']]), scripted([[0, 'C'], [0, 'D']])],
    });
    const r = check(m, { visitor: (s) => nets.push(allEnvelopes(s.network).map((e) => e.msg).sort()) });
    expect(counts(r)).toEqual([7, 7, 3]);
    const sorted = nets.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
    expect(sorted).toEqual([['A', 'C'], ['A', 'B', 'C'], ['A', 'C', 'D'], ...new Array(4).fill(['A', 'B', 'C', 'D'])]);
  });
});

describe('duplicate messages', () => {
  const sender: Actor<number, string> = {
    onStart(id, _storage, out) {
      if (id === 0) {
        out.send(1, 'dup');
        out.send(1, 'dup');
      }
      return 0;
    },
    onMsg: (_id, n) => n + 1,
  };
  const run = (network: NetworkKind, lossy: boolean) => {
    const m = new ActorModel<number, string>({
      actors: [sender, sender],
      network,
      lossy,
      withinBoundary: (s) => s.actorStates[1] < 4,
      properties: [trivially],
    });
    const sequences = new Set<string>();
    const r = check(m, {
      strategy: 'dfs',
      visitor: (_s, visit) => {
        const path = replayPath(m, visit.pathIndices());
        sequences.add(path.actions.map((a) => a.kind).join(','));
      },
    });
    return { counts: counts(r), sequences };
  };

  it.each([
    ['ordered', false, [3, 3, 3], ['deliver,deliver'], ['deliver,deliver,deliver']],
    ['ordered', true, [7, 6, 3], ['deliver,drop', 'drop,drop'], []],
    ['unordered-duplicating', false, [4, 4, 4], ['deliver,deliver,deliver'], []],
    [
      'unordered-duplicating',
      true,
      [8, 8, 5],
      ['deliver,deliver,deliver', 'deliver,deliver,drop', 'deliver,drop', 'drop'],
      ['drop,deliver'],
    ],
    ['unordered-nonduplicating', false, [3, 3, 3], ['deliver,deliver'], []],
    ['unordered-nonduplicating', true, [7, 6, 3], ['deliver,drop', 'drop,drop'], []],
  ] as const)('%s (lossy: %s) allows exactly the expected action sequences', (network, lossy, expected, included, excluded) => {
    const { counts: c, sequences } = run(network, lossy);
    expect(c).toEqual(expected);
    for (const seq of included) expect(sequences).toContain(seq);
    for (const seq of excluded) expect(sequences).not.toContain(seq);
  });
});
