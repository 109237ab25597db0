/**
 * A DFS worker that another worker waits on ends its slice at once, so the coordinator's request
 * for jobs, queued behind its slices, is answered without waiting for them to run their course.
 */
import { describe, expect, it } from 'vitest';
import { SharedTable } from '../../src/checker/shared-table.js';
import { DfsWorkerRun } from '../../src/checker/worker-dfs.js';
import { graph } from './worker-models.js';

describe('a DFS worker asked to donate', () => {
  // A chain 0 → 1 → … → 9 where every node also leads to a leaf (10 + k).
  const edges: number[][] = Array.from({ length: 20 }, (_, k) => (k < 9 ? [k + 1, 10 + k] : []));
  const model = graph({ inits: [0], edges, outside: [], properties: [{ kind: 'always', holds: edges.map((_, k) => k) }] });

  const worker = (wanted: Int32Array, me: number) => {
    const run = new DfsWorkerRun(model, SharedTable.create(64, false), Infinity, 'stateright', false, { words: wanted.buffer as SharedArrayBuffer, worker: me });
    run.table.insert(1, 1); // any fingerprint: the init job is handed over as a path
    run.addJobs([[0]], []);
    return run;
  };

  it('ends its slice before popping while its word is set, and clears the word when it donates', () => {
    const wanted = new Int32Array(new SharedArrayBuffer(8));
    const run = worker(wanted, 1);
    const first = run.slice(3, []);
    // Pops 0 (pushes 1 and leaf 10), leaf 10, then 1 (pushes 2 and leaf 11).
    expect(first.generated).toBe(4);
    expect(first.remaining).toBe(2);
    const before = first.remaining;
    Atomics.store(wanted, 1, 1);
    const asked = run.slice(1000, []);
    expect(asked.generated).toBe(0);
    expect(asked.remaining).toBe(before);
    const donation = run.donate(1);
    expect(donation.paths).toEqual([[0, 0, 0]]); // node 2, the oldest job
    expect(donation.oldestDepth).toBe(3); // leaf 11 is left
    expect(Atomics.load(wanted, 1)).toBe(0);
    // The word is clear: the next slice runs, popping leaf 11.
    expect(run.slice(1000, []).remaining).toBe(0);
  });

  it('reads only its own word', () => {
    const wanted = new Int32Array(new SharedArrayBuffer(8));
    const run = worker(wanted, 0);
    Atomics.store(wanted, 1, 1);
    expect(run.slice(1000, []).remaining).toBe(0);
  });

  it('reports the depth of its oldest job, the one it would donate first', () => {
    const wanted = new Int32Array(new SharedArrayBuffer(4));
    const run = worker(wanted, 0);
    const done = run.slice(2, []);
    expect(done.remaining).toBeGreaterThan(0);
    expect(done.oldestDepth).toBe(2); // the leaf of node 0, pushed first
  });
});
