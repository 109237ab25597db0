/**
 * Partitions and pauses: the shapes of Jepsen's partitions, the runtime cutting and healing
 * server-to-server traffic, a paused server resuming with its memory, and the nemesis ops that
 * `serve --nemesis-log` writes going into the history `load` records (which `check` skips).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededRandom } from '../../src/checker/index.js';
import { Out, type Actor } from '../../src/actor/index.js';
import { Runtime, majoritiesRing, mergeNemesisOps, partitionFor, type Grudge } from '../../src/runtime/index.js';
import { load, serve, tempDir } from './harness.js';

const hears = (g: Grudge, dst: number, src: number) => !(g.get(dst)?.has(src) ?? false);

describe('partition shapes', () => {
  it('halves cut the servers in two; a random node is cut from all; in the majorities ring each hears a different majority', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.nat(), (n, seed) => {
        const nodes = Array.from({ length: n }, (_, i) => i);
        const random = seededRandom(seed);
        const halves = partitionFor('partition-halves', nodes, random);
        const side = (x: number) => nodes.filter((y) => hears(halves, x, y)).length;
        for (const x of nodes) expect([Math.floor(n / 2), n - Math.floor(n / 2)]).toContain(side(x));
        for (const x of nodes) for (const y of nodes) expect(hears(halves, x, y)).toBe(hears(halves, y, x));
        const lonely = partitionFor('partition-random-node', nodes, random);
        // One server hears no other (with two servers, both do), and the others hear each other.
        expect(nodes.filter((x) => nodes.every((y) => y === x || !hears(lonely, x, y)))).toHaveLength(n === 2 ? 2 : 1);
        const ring = partitionFor('partition-majorities-ring', nodes, random);
        const majority = Math.floor(n / 2) + 1;
        const heard = nodes.map((x) => nodes.filter((y) => hears(ring, x, y)).join(','));
        for (const x of nodes) expect(nodes.filter((y) => hears(ring, x, y))).toHaveLength(majority);
        if (n >= 5) expect(new Set(heard).size).toBe(n);
      }),
      { numRuns: 60 },
    );
  });

  it('the ring of 5 in order 0..4: each server hears its two neighbours', () => {
    const ring = majoritiesRing([0, 1, 2, 3, 4]);
    expect([...ring.get(0)!].sort()).toEqual([2, 3]);
    expect([...ring.get(2)!].sort()).toEqual([0, 4]);
  });
});

/** Each actor counts what it receives and, on a message from the test, pings its peer. */
const counter: Actor<number, string> = {
  onStart: () => 0,
  onMsg(id, n, src, msg, out) {
    if (msg === 'go') out.send(1 - id, 'ping');
    if (msg === 'ping') return n + 1;
    return undefined;
  },
};

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

describe('the runtime under a partition and a pause', () => {
  it('drops server-to-server datagrams across the cut, delivers them after the heal; a paused server catches up on resume', async () => {
    const runtime = new Runtime([{ id: 0, actor: counter }, { id: 1, actor: counter }], { addressBook: [{ host: '127.0.0.1', port: 0 }, { host: '127.0.0.1', port: 0 }] });
    await runtime.startAll();
    const poke = () => injectGo(runtime);
    try {
      runtime.partition(new Map([[1, new Set([0])]]));
      poke();
      await new Promise((r) => setTimeout(r, 100));
      expect(runtime.state(1)).toBe(0);
      runtime.partition(new Map());
      poke();
      await until(() => runtime.state(1) === 1);
      expect(runtime.state(1)).toBe(1);
      runtime.pause(1);
      poke();
      poke();
      await new Promise((r) => setTimeout(r, 100));
      expect(runtime.state(1)).toBe(1); // its memory is kept; nothing handled while paused
      runtime.resume(1);
      await until(() => runtime.state(1) === 3);
      expect(runtime.state(1)).toBe(3);
    } finally {
      await runtime.stop();
    }
  });
});

/** Sends "go" to actor 0 from actor 1's address, so actor 0 pings actor 1. */
function injectGo(runtime: Runtime<number, string>): void {
  const out = new Out<string>();
  out.send(0, 'go');
  (runtime as unknown as { execute(id: number, r: unknown, c: unknown): void }).execute(
    1,
    (runtime as unknown as { running: Map<number, unknown> }).running.get(1),
    out.commands,
  );
}

describe('nemesis ops in the history', () => {
  it('merges by time, header first, a client line first at equal times, and rejects a line that is not a nemesis op', () => {
    const history = ['{"model":"register"}', '{"type":"invoke","process":0,"f":"read","value":null,"time":10}', '{"type":"ok","process":0,"f":"read","value":"init","time":20}'].join('\n');
    const nemesis = ['{"type":"info","process":"nemesis","f":"start-partition","value":{},"time":20}', '{"type":"info","process":"nemesis","f":"stop-partition","value":"x","time":5}', '{"type":"info","process":"nemesis","f":"pause","value":"x","time":99}'].join('\n');
    const merged = mergeNemesisOps(history, nemesis, 0, 50).trim().split('\n');
    expect(merged.map((l) => (JSON.parse(l) as { f?: string }).f ?? 'header')).toEqual(['header', 'stop-partition', 'read', 'read', 'start-partition']);
    expect(() => mergeNemesisOps(history, '{"type":"ok","process":0}', 0, 50, 'n.jsonl')).toThrow(/^n\.jsonl:1: expected a nemesis op/);
  });

  it('ABD on 5 servers under partitions and pauses: the strikes and heals are in the history, which checks linearizable', async () => {
    const log = join(tempDir(), 'nemesis.jsonl');
    const servers = await serve({ protocol: 'abd', servers: 5, nemesis: 'partition-halves,partition-majorities-ring,pause', every: 0.4, healAfter: 0.2, nemesisLog: log, seed: 5 });
    try {
      const run = await load(servers, { duration: 2, clients: 3, timeoutMs: 200, putRatio: 0.3, seed: 5, nemesisLog: log });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/: linearizable \(register, \d+ ops/);
      const nemesisOps = run.lines.filter((l) => l.process === 'nemesis');
      expect(nemesisOps.length).toBeGreaterThanOrEqual(4);
      expect(nemesisOps.every((l) => l.type === 'info')).toBe(true);
      expect(nemesisOps.map((l) => l.f)).toEqual(expect.arrayContaining(['start-partition', 'stop-partition']));
      const times = run.lines.map((l) => l.time as number);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(readFileSync(log, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(nemesisOps.length);
    } finally {
      await servers.stop();
    }
  }, 20_000);
});
