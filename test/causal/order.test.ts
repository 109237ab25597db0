/**
 * The vector-clock shortcut of order.ts against a plain transitive closure: on random histories
 * with random extra edges, `precedes` is exactly the closure of program order plus the edges, and
 * a reported cycle is a real cycle of direct edges.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { CausalHistory } from '../../consistency/causal/index.js';
import { chainBetween, nextInSession, orderClocks, precedes } from '../../consistency/causal/order.js';

const shape = fc.record({
  sessions: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
  edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
});

it('clocks give the transitive closure of program order plus the edges, or a real cycle', () => {
  let cyclic = 0;
  let acyclic = 0;
  fc.assert(
    fc.property(shape, ({ sessions, edges }) => {
      const n = sessions.length;
      const h = new CausalHistory(
        sessions.map((session, id) => ({ id, session, kind: 'write', key: 'x', value: id + 1, status: 'ok' })),
        () => 0,
      );
      const extra = edges.map(([a, b]) => [a % n, b % n] as const).filter(([a, b]) => a !== b);
      const preds = (v: number, visit: (u: number) => void): void => {
        for (const [a, b] of extra) if (b === v) visit(a);
      };
      const reach: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
      for (const [a, b] of extra) reach[a][b] = true;
      for (let v = 0; v < n; v++) if (nextInSession(h, v) >= 0) reach[v][nextInSession(h, v)] = true;
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (reach[i][k]) for (let j = 0; j < n; j++) if (reach[k][j]) reach[i][j] = true;
      const hasCycle = reach.some((row, i) => row[i]);
      const result = orderClocks(h, preds);
      if ('cycle' in result) {
        cyclic++;
        expect(hasCycle).toBe(true);
        const { cycle } = result;
        cycle.forEach((from, i) => {
          const to = cycle[(i + 1) % cycle.length];
          const direct = nextInSession(h, from) === to || extra.some(([a, b]) => a === from && b === to);
          expect(direct, `${from} → ${to} is an edge`).toBe(true);
        });
        return;
      }
      acyclic++;
      expect(hasCycle).toBe(false);
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          expect(precedes(h, result.clocks, a, b)).toBe(reach[a][b]);
          if (reach[a][b]) {
            // A chain of direct edges from a to b.
            const chain = chainBetween(h, result.clocks, preds, a, b);
            expect(chain[0]).toBe(a);
            expect(chain[chain.length - 1]).toBe(b);
            for (let i = 0; i + 1 < chain.length; i++) {
              const direct = nextInSession(h, chain[i]) === chain[i + 1] || extra.some(([x, y]) => x === chain[i] && y === chain[i + 1]);
              expect(direct).toBe(true);
            }
          }
        }
      }
    }),
    { numRuns: 400, seed: 15 },
  );
  expect(cyclic).toBeGreaterThan(40);
  expect(acyclic).toBeGreaterThan(40);
});
