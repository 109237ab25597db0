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

/**
 * Workers whose messages are handled one at a time, by a worker picked at random. With `favour`,
 * worker 0 is picked with that probability whenever it has a message, so it runs ahead; with
 * `lag`, worker 1 is passed over with that probability while another worker has a message, so it
 * falls behind on its queue.
 */
function scriptedWorkers(n: number, seed: number, favour = 0, lag = 0): WorkerLink[] {
  const random = seededRandom(seed);
  const inboxes: ToWorker[][] = Array.from({ length: n }, () => []);
  let pumping = false;
  const pump = async (): Promise<void> => {
    const ready = inboxes.flatMap((box, w) => (box.length > 0 ? [w] : []));
    if (ready.length === 0) {
      pumping = false;
      return;
    }
    let w = ready[0] === 0 && random() < favour ? 0 : ready[Math.floor(random() * ready.length)];
    if (w === 1 && ready.length > 1 && random() < lag) w = ready.find((v) => v !== 1)!;
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

  // Worker 0 runs ahead of the others, so the claims of a level are mostly made in an order far
  // from the single thread's and then taken over.
  it('bfs gives every reachable state the single thread\'s path when one worker runs ahead', async () => {
    await fc.assert(
      fc.asyncProperty(graphSpec(400), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.nat(), async (random, workers, slice, seed) => {
        // A "reach node i" property per node: every reachable node's discovery is its BFS path,
        // so any state given another parent than the single thread gives it shows.
        const reach = Array.from({ length: random.edges.length }, (_, i) => ({ kind: 'sometimes' as const, holds: [i] }));
        const g = { ...random, properties: [...random.properties, ...reach] };
        const model = graph(g) as Model<unknown, unknown>;
        const one = check(model, { strategy: 'bfs' });
        const many = await checkOnLinks(spec(g), model, { strategy: 'bfs' }, scriptedWorkers(workers, seed, 0.9), slice);
        assertAgree('bfs', many, one);
      }),
      { numRuns: 100 },
    );
  });

  // Worker 1 lags behind its queue: it runs dry with a slice still queued, is fed jobs by another
  // worker meanwhile, and only then reports that queued slice (remaining 0). The coordinator must
  // not let that report erase the jobs it has just handed over.
  it('dfs agrees with one thread when a lagging worker is fed jobs', async () => {
    await fc.assert(
      fc.asyncProperty(graphSpec(400), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.nat(), async (g, workers, slice, seed) => {
        const model = graph(g) as Model<unknown, unknown>;
        const one = check(model, { strategy: 'dfs' });
        const many = await checkOnLinks(spec(g), model, { strategy: 'dfs' }, scriptedWorkers(workers, seed, 0, 0.9), slice, { minDonorStack: 2 });
        assertAgree('dfs', many, one);
      }),
      { numRuns: 200 },
    );
  });

  // A 128-slot table (the smallest whose HARD_LOAD margin holds a pop's successors from 3 workers)
  // grows within levels, while BFS workers hold successors recorded by their slot in the table
  // before it grew (worker-bfs.ts moves them to the grown table's slots).
  it.each(['bfs', 'dfs'] as const)('%s agrees with one thread when the shared table grows mid-level', async (strategy) => {
    await fc.assert(
      fc.asyncProperty(graphSpec(400), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.nat(), async (g, workers, slice, seed) => {
        const model = graph(g) as Model<unknown, unknown>;
        const one = check(model, { strategy });
        const many = await checkOnLinks(spec(g), model, { strategy }, scriptedWorkers(workers, seed), slice, { minTableCapacity: 128 });
        assertAgree(strategy, many, one);
      }),
      { numRuns: 100 },
    );
  });
});
