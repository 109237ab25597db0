/**
 * The parallel BFS and DFS driven by in-process worker sessions in an interleaving chosen by the
 * test (one slice of 1–3 pops at a time, the next worker picked at random), so that races for the
 * same state happen in every order, reproducibly. BFS must still equal the single thread exactly.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { check, seededRandom, type Model, type ModelSpec } from '../../src/checker/index.js';
import { checkOnLinks } from '../../src/checker/parallel-check.js';
import type { WorkerLink } from '../../src/checker/worker-pool.js';
import type { ToWorker } from '../../src/checker/worker-protocol.js';
import { WorkerSession } from '../../src/checker/worker-session.js';
import { graph, type GraphSpec } from './worker-models.js';
import { assertAgree, graphSpec } from './worker-checks.js';

/** Workers whose messages are handled one at a time, by a worker picked at random. */
function scriptedWorkers(n: number, seed: number): WorkerLink[] {
  const random = seededRandom(seed);
  const inboxes: ToWorker[][] = Array.from({ length: n }, () => []);
  let pumping = false;
  const pump = async (): Promise<void> => {
    const ready = inboxes.flatMap((box, w) => (box.length > 0 ? [w] : []));
    if (ready.length === 0) {
      pumping = false;
      return;
    }
    const w = ready[Math.floor(random() * ready.length)];
    await sessions[w].handle(inboxes[w].shift()!);
    setImmediate(() => void pump());
  };
  const links: WorkerLink[] = inboxes.map((box) => ({
    send(message: ToWorker) {
      box.push(structuredClone(message));
      if (!pumping) {
        pumping = true;
        setImmediate(() => void pump());
      }
    },
    onMessage: () => undefined,
  }));
  const sessions = links.map((link) => new WorkerSession((m) => link.onMessage(m)));
  return links;
}

const spec = (g: GraphSpec): ModelSpec => ({ module: new URL('./worker-models.ts', import.meta.url).href, export: 'graph', args: [g] });

describe('parallel search under chosen interleavings', () => {
  it.each(['bfs', 'dfs'] as const)('%s agrees with one thread', async (strategy) => {
    await fc.assert(
      fc.asyncProperty(graphSpec(60), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.nat(), async (g, workers, slice, seed) => {
        const model = graph(g) as Model<unknown, unknown>;
        const one = check(model, { strategy });
        const many = await checkOnLinks(spec(g), model, { strategy }, scriptedWorkers(workers, seed), slice);
        assertAgree(strategy, many, one);
      }),
      { numRuns: 150 },
    );
  });

  // A 128-slot table grows within levels (the smallest size whose HARD_LOAD margin holds a pop's
  // successors from 3 workers), while workers hold successors recorded by
  // their slot in the table before it grew (worker-bfs.ts moves them to the grown table's slots).
  it.each(['bfs', 'dfs'] as const)('%s agrees with one thread when the shared table grows mid-level', async (strategy) => {
    await fc.assert(
      fc.asyncProperty(graphSpec(400), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.nat(), async (g, workers, slice, seed) => {
        const model = graph(g) as Model<unknown, unknown>;
        const one = check(model, { strategy });
        const many = await checkOnLinks(spec(g), model, { strategy }, scriptedWorkers(workers, seed), slice, 128);
        assertAgree(strategy, many, one);
      }),
      { numRuns: 100 },
    );
  });
});
