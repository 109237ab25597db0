/**
 * BFS with a model's `stateCodec` (queued states held as words) must be the same search as BFS
 * holding state objects; a codec that loses information must be refused, not trusted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type Model, type StateCodec } from '../../src/checker/index.js';
import { TwoPhaseCommit } from '../../src/examples/two-phase-commit.js';
import { EncodedFifoQueue } from '../../src/checker/encoded-queue.js';
import { FifoQueue } from '../../src/checker/job-queue.js';
import { graph } from './worker-models.js';
import { graphSpec } from './worker-checks.js';

/** Graph nodes as one word, with a pad word so that the ring's stride is exercised. */
const nodeCodec: StateCodec<number> = {
  words: 2,
  encode: (s, out, at) => {
    out[at] = s;
    out[at + 1] = ~s;
  },
  decode: (words, at) => words[at],
};

const withCodec = <S, A>(model: Model<S, A>, stateCodec: StateCodec<S>): Model<S, A> => ({
  initStates: () => model.initStates(),
  actions: (s, out) => model.actions(s, out),
  nextState: (s, a) => model.nextState(s, a),
  withinBoundary: model.withinBoundary && ((s) => model.withinBoundary!(s)),
  properties: () => model.properties(),
  stateCodec,
});

describe('BFS with a state codec', () => {
  it('explores exactly as BFS over state objects: counts, depth, verdicts and paths', () => {
    fc.assert(
      fc.property(graphSpec(300), fc.integer({ min: 1, max: 4000 }), (g, target) => {
        const plain = check({ ...graph(g), stateCodec: undefined }, { strategy: 'bfs', targetStateCount: target });
        const encoded = check(withCodec(graph(g), nodeCodec), { strategy: 'bfs', targetStateCount: target });
        expect([encoded.generated, encoded.unique, encoded.maxDepth, encoded.complete]).toEqual([plain.generated, plain.unique, plain.maxDepth, plain.complete]);
        for (const p of graph(g).properties()) expect(encoded.discovery(p.name)?.encode()).toBe(plain.discovery(p.name)?.encode());
      }),
      { numRuns: 300 },
    );
  });

  it.each(['bfs', 'dfs'] as const)('%s fingerprinting by the words of a canonical codec finds what structural fingerprints find', (strategy) => {
    fc.assert(
      fc.property(graphSpec(300), fc.integer({ min: 1, max: 4000 }), (g, target) => {
        const plain = check({ ...graph(g), stateCodec: undefined }, { strategy, targetStateCount: target });
        const encoded = check(withCodec(graph(g), { ...nodeCodec, canonical: true }), { strategy, targetStateCount: target });
        expect([encoded.generated, encoded.unique, encoded.maxDepth, encoded.complete]).toEqual([plain.generated, plain.unique, plain.maxDepth, plain.complete]);
        for (const p of graph(g).properties()) expect(encoded.discovery(p.name)?.encode()).toBe(plain.discovery(p.name)?.encode());
      }),
      { numRuns: 200 },
    );
  });

  it('pops what FifoQueue pops under any interleaving of pushes and pops, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constant('pop' as const)), { maxLength: 400 }), (ops) => {
        const plain = new FifoQueue<number, number>(2);
        const encoded = new EncodedFifoQueue(nodeCodec, 2);
        ops.forEach((op, k) => {
          if (op === 'pop') {
            if (plain.size === 0) return;
            plain.pop();
            encoded.pop();
            expect([encoded.state, encoded.ref, encoded.bits, encoded.depth]).toEqual([plain.state, plain.ref, plain.bits, plain.depth]);
          } else {
            plain.push(op, k, k * 7, k % 13);
            encoded.push(op, k, k * 7, k % 13);
          }
          expect(encoded.size).toBe(plain.size);
        });
      }),
    );
  });

  it('refuses a codec that does not round-trip', () => {
    const lossy: StateCodec<number> = { words: 1, encode: (s, out, at) => (out[at] = s & 1), decode: (w, at) => w[at] };
    const g = { inits: [0], edges: [[1], [2], [0]], outside: [], properties: [{ kind: 'always' as const, holds: [0, 1, 2] }] };
    expect(() => check(withCodec(graph(g), lossy), { strategy: 'bfs' })).toThrow(/stateCodec does not round-trip/);
    // DFS queues no words, but a canonical codec fingerprints with them: checked all the same.
    expect(() => check(withCodec(graph(g), { ...lossy, canonical: true }), { strategy: 'dfs' })).toThrow(/stateCodec does not round-trip/);
    const empty: StateCodec<number> = { ...nodeCodec, words: 0 };
    expect(() => check(withCodec(graph(g), empty), { strategy: 'bfs' })).toThrow(/stateCodec.words must be a positive integer/);
  });

  it('round-trips every two-phase-commit state shape, 1 to 28 RMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 28 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.integer({ min: 0, max: 2 }),
            fc.integer({ min: 0, max: 2 ** n - 1 }),
            fc.integer({ min: 0, max: 2 ** (n + 2) - 1 }),
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
          ),
        ),
        ([n, tm, prepared, msgs, rms]) => {
          const { stateCodec } = new TwoPhaseCommit(n);
          const state = [tm, prepared, msgs, ...rms];
          const words = new Int32Array(stateCodec.words + 2);
          stateCodec.encode(state, words, 1);
          expect(stateCodec.decode(words, 1)).toEqual(state);
        },
      ),
    );
  });
});
