import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { always, check, fingerprintInto, sometimes, type Model } from '../../src/checker/index.js';
import { ROOT } from '../../src/cluster/wire.js';
import { TwoPhaseCommit } from '../../src/examples/two-phase-commit.js';
import { ownerOf, runInProcess } from './shards-in-process.js';
import { findModel, type SizeSettings } from '../../cli/model-catalog.js';

/** A random graph on small integers, with a one-word codec. */
function graph(edges: [number, number][], inits: number[]): Model<number, number> {
  const out = new Map<number, number[]>();
  for (const [a, b] of edges) out.set(a, [...(out.get(a) ?? []), b]);
  return {
    initStates: () => inits,
    actions: (s, acts) => void acts.push(...(out.get(s) ?? [])),
    nextState: (_s, a) => a,
    properties: () => [always('below 14', (s) => s < 14), sometimes('seven', (s) => s === 7)],
    stateCodec: { words: 1, encode: (s, w, at) => void (w[at] = s), decode: (w, at) => w[at] },
  };
}

const fp = (s: number): [number, number] => {
  const out = new Uint32Array(2);
  fingerprintInto(s, out);
  return [out[0], out[1]];
};
const lessPair = (a: [number, number, number], b: [number, number, number]): boolean =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

/**
 * The brute-force oracle: BFS by whole levels, each new state's parent the smallest (parent
 * fingerprint, action index) over every generation of it in the previous level.
 */
function oracleParents(model: Model<number, number>): Map<number, [number, number, number]> {
  const parents = new Map<number, [number, number, number]>();
  let level: number[] = [];
  model.initStates().forEach((s, j) => {
    if (!parents.has(s)) {
      parents.set(s, [0, 0, (ROOT | j) >>> 0]);
      level.push(s);
    }
  });
  while (level.length > 0) {
    const next = new Map<number, [number, number, number]>();
    for (const p of level) {
      const acts: number[] = [];
      model.actions(p, acts);
      acts.forEach((a, idx) => {
        const s = model.nextState(p, a)!;
        if (parents.has(s)) return;
        const cand: [number, number, number] = [...fp(p), idx];
        const old = next.get(s);
        if (old === undefined || lessPair(cand, old)) next.set(s, cand);
      });
    }
    for (const [s, link] of next) parents.set(s, link);
    level = [...next.keys()];
  }
  return parents;
}

const graphs = fc
  .record({
    edges: fc.array(fc.tuple(fc.nat({ max: 15 }), fc.nat({ max: 15 })), { minLength: 10, maxLength: 60 }),
    inits: fc.array(fc.nat({ max: 15 }), { minLength: 1, maxLength: 3 }),
    shards: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer(),
    /** Per mille of messages delivered twice. */
    repeats: fc.integer({ min: 0, max: 500 }),
  });

function shuffler(seed: number): <T>(xs: T[]) => T[] {
  let x = seed | 1;
  return (xs) => {
    for (let i = xs.length - 1; i > 0; i--) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const j = (x >>> 0) % (i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
}

/** Numbers from 0 to 999, from a seed (xorshift). */
function randomPerMille(seed: number): () => number {
  let x = (seed ^ 0x5bd1e995) | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % 1000;
  };
}

describe('cluster shards (in process)', () => {
  it('count, depth and verdicts as the one-thread BFS, and the smallest (parent, action) as every parent, with batches and end markers in any order, some twice', async () => {
    await fc.assert(
      fc.asyncProperty(graphs, async ({ edges, inits, shards, seed, repeats }) => {
        const model = graph(edges, inits);
        const one = check(model);
        const perMille = randomPerMille(seed);
        const run = await runInProcess(model, shards, shuffler(seed), Infinity, () => perMille() < repeats);
        expect([run.generated, run.unique, run.maxDepth]).toEqual([one.generated, one.unique, one.maxDepth]);
        expect(run.discoveryDepth.map((d) => d !== undefined)).toEqual(model.properties().map((p) => one.discovery(p.name) !== undefined));
        model.properties().forEach((p, i) => {
          const path = one.discovery(p.name);
          if (path !== undefined) expect(run.discoveryDepth[i]).toBe(path.actions.length + 1);
        });
        for (const [s, link] of oracleParents(model)) {
          const [f0, f1] = fp(s);
          const shard = run.shards[ownerOf(f1, shards)];
          expect(shard.parentOf(f0, f1)).toEqual(link);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('two-phase commit with 4 RMs on 3 shards: counts as one thread, and the send cache drops some successors', async () => {
    const model = new TwoPhaseCommit(4);
    const one = check(model);
    const run = await runInProcess(model, 3, (xs) => xs);
    expect([run.generated, run.unique, run.maxDepth]).toEqual([one.generated, one.unique, one.maxDepth]);
    expect(run.dropped).toBeGreaterThan(0);
  });
});

describe('actor models as bytes', () => {
  it.each([
    ['paxos', 2],
    ['single-copy-register', 3],
  ])('%s with %i clients on 3 shards (in process): counts as one thread', async (name, clients) => {
    const entry = (await findModel(name))!;
    const { model } = await entry.build({ ...entry.defaults, clients } as SizeSettings);
    const one = check(model);
    const run = await runInProcess(model, 3, (xs) => xs);
    expect([run.generated, run.unique, run.maxDepth]).toEqual([one.generated, one.unique, one.maxDepth]);
  }, 60_000);
});
