import { describe, expect, it } from 'vitest';
import { check, replayPath } from '../../src/checker/index.js';
import { deliverable, formatValue, sequenceChart, type Envelope } from '../../src/actor/index.js';
import { pingPongModel, type PingPongMsg, type PingPongState } from '../../src/examples/ping-pong.js';

const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];
const env = (src: number, dst: number, msg: PingPongMsg): Envelope<PingPongMsg> => ({ src, dst, msg });
const ping = (n: number): PingPongMsg => ({ type: 'Ping', n });
const pong = (n: number): PingPongMsg => ({ type: 'Pong', n });

describe('ping-pong', () => {
  it('maxNat 1, lossy duplicating: the 14 states Stateright lists', () => {
    const states: PingPongState[] = [];
    const r = check(pingPongModel({ maxNat: 1, lossy: true }), { visitor: (s) => states.push(s) });
    expect(counts(r)).toEqual([21, 14, 6]);
    const show = (s: PingPongState) => {
      if (s.network.kind !== 'unordered-duplicating') throw new Error('unexpected network');
      const envs = s.network.envelopes.map((e) => `${e.src}→${e.dst} ${formatValue(e.msg)}`).join(', ');
      const last = s.network.lastDelivered;
      return `[${s.actorStates.join(',')}] {${envs}} ${last ? `${last.src}→${last.dst} ${formatValue(last.msg)}` : 'none'}`;
    };
    expect(states.map(show).sort()).toEqual(
      [
        '[0,0] {0→1 Ping(0)} none',
        '[0,0] {} none',
        '[0,1] {0→1 Ping(0), 1→0 Pong(0)} 0→1 Ping(0)',
        '[0,1] {1→0 Pong(0)} 0→1 Ping(0)',
        '[0,1] {0→1 Ping(0)} 0→1 Ping(0)',
        '[0,1] {} 0→1 Ping(0)',
        '[1,1] {0→1 Ping(0), 0→1 Ping(1), 1→0 Pong(0)} 1→0 Pong(0)',
        '[1,1] {0→1 Ping(1), 1→0 Pong(0)} 1→0 Pong(0)',
        '[1,1] {0→1 Ping(0), 0→1 Ping(1)} 1→0 Pong(0)',
        '[1,1] {0→1 Ping(0), 1→0 Pong(0)} 1→0 Pong(0)',
        '[1,1] {0→1 Ping(1)} 1→0 Pong(0)',
        '[1,1] {1→0 Pong(0)} 1→0 Pong(0)',
        '[1,1] {0→1 Ping(0)} 1→0 Pong(0)',
        '[1,1] {} 1→0 Pong(0)',
      ].sort(),
    );
  });

  it('maxNat 5, lossy duplicating: 4,094 states and a drop falsifies "must reach max"', () => {
    const model = pingPongModel({ maxNat: 5, lossy: true });
    for (const strategy of ['bfs', 'dfs'] as const) {
      const r = check(model, { strategy });
      expect(counts(r)).toEqual([21_505, 4_094, 22]);
      r.assertNoDiscovery('delta within 1');
      r.assertDiscovery('must reach max', [{ kind: 'drop', envelope: env(0, 1, ping(0)) }]);
    }
  });

  it.each(['unordered-nonduplicating', 'unordered-duplicating'] as const)('maxNat 5, lossless %s: 11 states', (network) => {
    const r = check(pingPongModel({ maxNat: 5, network }));
    expect(counts(r)).toEqual([11, 11, 11]);
    r.assertNoDiscovery('must reach max');
    // We keep the first example ([4, 5]); Stateright overwrites it with a later one ending [5, 5].
    expect(r.discovery('can reach max')!.lastState.actorStates).toEqual([4, 5]);
    const toFiveFive = r.discovery('must exceed max')!;
    r.assertDiscovery('can reach max', [...toFiveFive.actions]);
    expect(r.discovery('must exceed max')!.lastState.actorStates).toEqual([5, 5]);
  });

  it('maxNat 2 with history, lossless: 5 states; records sends and deliveries', () => {
    const model = pingPongModel({ maxNat: 2, maintainsHistory: true, network: 'unordered-nonduplicating' });
    const r = check(model);
    expect(counts(r)).toEqual([5, 5, 5]);
    expect(r.discoveredNames).toEqual(['can reach max', 'must exceed max']);
    const init = model.initStates()[0];
    expect(init.history).toEqual([0, 1]);
    expect(model.nextState(init, { kind: 'deliver', src: 0, dst: 1, msg: ping(0) })!.history).toEqual([1, 2]);
  });

  it('maxNat 2 with history, lossy non-duplicating: 10 states, drop listed before deliver', () => {
    const model = pingPongModel({ maxNat: 2, maintainsHistory: true, network: 'unordered-nonduplicating', lossy: true });
    const r = check(model);
    expect(counts(r)).toEqual([10, 10, 6]);
    const buf: Parameters<typeof model.actions>[1] = [];
    model.actions(model.initStates()[0], buf);
    expect(buf.map((a) => model.formatAction(a))).toEqual(['Drop(Id(0) → Ping(0) → Id(1))', 'Id(0) → Ping(0) → Id(1)']);
    r.assertDiscovery('must reach max', [...replayActions(model, '0/1/1/0')]);
  });

  it.each(['ordered', 'unordered-nonduplicating'] as const)('maxNat 5, lossy %s: 22 states', (network) => {
    expect(counts(check(pingPongModel({ maxNat: 5, network, lossy: true })))).toEqual([22, 22, 12]);
  });

  it('deliverable envelopes are the network contents', () => {
    const s = pingPongModel({ maxNat: 1 }).initStates()[0];
    expect(deliverable(s.network)).toEqual([env(0, 1, ping(0))]);
    expect(pong(0).type).toBe('Pong');
  });

  it('draws a sequence chart of a discovery', () => {
    const model = pingPongModel({ maxNat: 2, network: 'unordered-nonduplicating' });
    const path = check(model).discovery('can reach max')!;
    const chart = sequenceChart(model, path, { property: 'can reach max' });
    expect(chart.lanes.map((l) => l.label)).toEqual(['Id(0)', 'Id(1)']);
    expect(chart.steps).toBe(3);
    expect(chart.arrows).toEqual([
      { from: 0, to: 1, message: 'Ping(0)', sentAt: 0, deliveredAt: 1 },
      { from: 1, to: 0, message: 'Pong(0)', sentAt: 1, deliveredAt: 2 },
      { from: 0, to: 1, message: 'Ping(1)', sentAt: 2, deliveredAt: 3 },
      { from: 1, to: 0, message: 'Pong(1)', sentAt: 3 },
    ]);
    expect(chart.failingStep).toBe(3);
  });
});

function replayActions(model: ReturnType<typeof pingPongModel>, encoded: string) {
  return replayPath(model, encoded).actions;
}
