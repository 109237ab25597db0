/**
 * The parallel BFS moves states between workers at the end of a level (a worker keeps what it
 * claimed, so one init state would otherwise leave the others idle). The plan must even the
 * counts out, and a worker that adopts states must merge them into its level in id order, the
 * order its successors' claims are reported in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberSurvivors, planBalance } from '../../src/checker/parallel-bfs.js';
import { SharedTable } from '../../src/checker/shared-table.js';
import { ParentRecords } from '../../src/checker/visited-set.js';
import { BfsWorkerRun } from '../../src/checker/worker-bfs.js';
import { graph } from './worker-models.js';

describe('planBalance', () => {
  it('brings every worker within the slack of an equal share, moving only surpluses', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5_000 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 20 }), (counts, minSlack) => {
        const moves = planBalance(counts, minSlack);
        const after = [...counts];
        for (const m of moves) {
          expect(m.count).toBeGreaterThan(0);
          expect(m.from).not.toBe(m.to);
          after[m.from] -= m.count;
          after[m.to] += m.count;
        }
        const total = counts.reduce((a, b) => a + b, 0);
        const share = total / counts.length;
        const slack = Math.max(minSlack, Math.floor(share / 50));
        expect(after.reduce((a, b) => a + b, 0)).toBe(total);
        if (moves.length > 0) for (const c of after) expect(Math.abs(c - share)).toBeLessThanOrEqual(1);
        else for (const c of counts) expect(c - Math.ceil(share)).toBeLessThanOrEqual(slack);
        // A donor only gives, a receiver only takes.
        for (const m of moves) expect(counts[m.from]).toBeGreaterThan(share);
      }),
    );
  });

  it('moves half of a level held by one of two workers', () => {
    expect(planBalance([1000, 0], 16)).toEqual([{ from: 0, to: 1, count: 500 }]);
    expect(planBalance([510, 490], 16)).toEqual([]);
  });
});

describe('numberSurvivors', () => {
  // A level of `size` parents, each expanded by one worker, each leaving some surviving successors.
  const level = fc
    .record({ workers: fc.integer({ min: 1, max: 4 }), levelStart: fc.nat({ max: 1000 }) })
    .chain(({ workers, levelStart }) =>
      fc.record({
        workers: fc.constant(workers),
        levelStart: fc.constant(levelStart),
        parents: fc.array(fc.record({ owner: fc.nat({ max: workers - 1 }), children: fc.nat({ max: 4 }) }), { maxLength: 40 }),
      }),
    );

  it('numbers survivors as a merge of the workers\' lists by parent id would, and records their links', () => {
    fc.assert(
      fc.property(level, ({ workers, levelStart, parents }) => {
        const survivors = Array.from({ length: workers }, () => ({ parents: [] as number[], actions: [] as number[] }));
        parents.forEach(({ owner, children }, p) => {
          for (let a = 0; a < children; a++) {
            survivors[owner].parents.push(levelStart + p);
            survivors[owner].actions.push(3 * a + 1);
          }
        });
        const lists = survivors.map((s) => ({ parents: Int32Array.from(s.parents), actions: Int32Array.from(s.actions) }));
        const nextStart = levelStart + parents.length;
        const records = new ParentRecords();
        // The level's parents as roots, so that a survivor's path is [its parent's position, its action].
        parents.forEach((_, p) => records.set(levelStart + p, -1, p));
        const ids = numberSurvivors(lists, levelStart, parents.length, nextStart, records);

        // Brute force: merge the lists by parent id (stable within a list), numbering from nextStart.
        const merged = survivors
          .flatMap((s, w) => s.parents.map((parent, k) => ({ parent, action: s.actions[k], w, k })))
          .sort((x, y) => x.parent - y.parent || x.k - y.k);
        merged.forEach(({ parent, action, w, k }, rank) => {
          expect(ids[w][k]).toBe(nextStart + rank);
          expect(records.pathIndices(nextStart + rank)).toEqual([parent - levelStart, action]);
        });
      }),
    );
  });
});

describe('adopting moved states', () => {
  // Node 0 leads to 1..8; node k (1..8) leads to 10+k. Ids of level 2 are 1..8 in order.
  const edges: number[][] = Array.from({ length: 19 }, () => []);
  edges[0] = [1, 2, 3, 4, 5, 6, 7, 8];
  for (let k = 1; k <= 8; k++) edges[k] = [10 + k];
  const model = graph({ inits: [0], edges, outside: [], properties: [{ kind: 'always', holds: edges.map((_, k) => k) }] });

  /** A worker at the start of level 2 that holds no states of its own. */
  const emptyWorker = () => {
    const run = new BfsWorkerRun(model, SharedTable.create(64, true), Infinity, 'stateright');
    run.inits([], []);
    run.endLevel();
    run.assignIds(new Int32Array(0), 0);
    return run;
  };

  it('merges adopted states into the level in id order, so survivors stay sorted by parent', () => {
    const run = emptyWorker();
    // This worker holds ids 2, 5, 7 (nodes 2, 5, 7), and adopts ids 1, 4, 8 by their paths.
    const own = [2, 5, 7];
    run.adopt(Int32Array.from(own), Int32Array.from(own.flatMap((k) => [0, k - 1])), Int32Array.from([0, 2, 4, 6]), new Uint32Array(3));
    run.adopt(Int32Array.from([1, 4, 8]), Int32Array.from([0, 0, 0, 3, 0, 7]), Int32Array.from([0, 2, 4, 6]), new Uint32Array(3));
    run.slice(100, 2, 1, []);
    const { parents } = run.endLevel();
    expect([...parents]).toEqual([1, 2, 4, 5, 7, 8]);
  });

  it('says so when a moved path cannot be replayed', () => {
    const run = emptyWorker();
    expect(() => run.adopt(Int32Array.from([1]), Int32Array.from([0, 9]), Int32Array.from([0, 2]), new Uint32Array(1))).toThrow(/replaying a moved state failed/);
  });
});
