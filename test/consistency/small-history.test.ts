/**
 * Testers answer `isConsistent()` for small histories with their own search (small-history.ts)
 * instead of the engine. On random event sequences — several threads, operations left in
 * flight, malformed histories — the two must always agree, under both conditions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { casRegisterModel, mutexModel, registerModel, vecModel } from '../../consistency/models/index.js';
import { LinearizabilityTester, SequentialConsistencyTester, type ConsistencyTester } from '../../consistency/testers/index.js';
import type { AnyModel } from '../../consistency/model.js';
import type { Value } from '../../consistency/value.js';

type AnyTester = ConsistencyTester<unknown, unknown, unknown>;
type Event = { readonly thread: number; readonly invoke: boolean; readonly pick: number };

const value = (k: number): Value => ['A', 'B', 'C'][k % 3];
/** Per model: an input and an output chosen by `pick`. */
const WORKLOADS: readonly { name: string; model: AnyModel; input: (k: number) => unknown; output: (input: unknown, k: number) => unknown }[] = [
  {
    name: 'register',
    model: registerModel('A'),
    input: (k) => (k % 2 === 0 ? { f: 'write', value: value(k >> 1) } : { f: 'read' }),
    output: (input, k) => ((input as { f: string }).f === 'write' ? null : value(k)),
  },
  {
    name: 'cas-register',
    model: casRegisterModel('A'),
    input: (k) => [{ f: 'write', value: value(k >> 2) }, { f: 'read' }, { f: 'cas', value: [value(k >> 2), value((k >> 2) + 1)] }][k % 3],
    output: (input, k) => {
      const f = (input as { f: string }).f;
      return f === 'write' ? null : f === 'read' ? value(k) : k % 2 === 0;
    },
  },
  {
    name: 'stack',
    model: vecModel(),
    input: (k) => [{ f: 'push', value: k % 3 }, { f: 'pop' }, { f: 'len' }][k % 3],
    output: (input, k) => {
      const f = (input as { f: string }).f;
      return f === 'push' ? null : f === 'pop' ? (k % 4 === 3 ? null : k % 3) : k % 3;
    },
  },
  // A mutex rejects an acquire or release even with an unknown outcome, so an operation in flight
  // cannot always be placed last: leaving it out must be allowed.
  {
    name: 'mutex',
    model: mutexModel(),
    input: (k) => (k % 2 === 0 ? { f: 'acquire' } : { f: 'release' }),
    output: () => null,
  },
];

const events = fc.array(fc.record({ thread: fc.integer({ min: 0, max: 3 }), invoke: fc.boolean(), pick: fc.nat({ max: 11 }) }), { maxLength: 16 });

function record(tester: AnyTester, workload: (typeof WORKLOADS)[number], script: readonly Event[], wellFormedOnly: boolean): AnyTester {
  const busy = new Map<number, unknown>();
  let t = tester;
  for (const e of script) {
    if (wellFormedOnly && e.invoke === busy.has(e.thread)) continue;
    if (e.invoke) {
      const input = workload.input(e.pick);
      busy.set(e.thread, input);
      t = t.onInvoke(e.thread, input);
    } else {
      const input = busy.get(e.thread);
      busy.delete(e.thread);
      t = t.onReturn(e.thread, input === undefined ? null : workload.output(input, e.pick));
    }
  }
  return t;
}

describe('small histories: the testers’ own search agrees with the engine', () => {
  for (const workload of WORKLOADS) {
    it.each([
      ['linearizable', (m: AnyModel) => new LinearizabilityTester(m) as AnyTester],
      ['sequential', (m: AnyModel) => new SequentialConsistencyTester(m) as AnyTester],
    ] as const)(`${workload.name}, %s`, (_name, make) => {
      let consistent = 0;
      let inconsistent = 0;
      fc.assert(
        fc.property(events, fc.boolean(), (script, wellFormedOnly) => {
          const fast = record(make(workload.model), workload, script, wellFormedOnly);
          const engine = record(make(workload.model), workload, script, wellFormedOnly);
          const verdict = fast.isConsistent();
          expect(verdict).toBe(engine.serializedHistory() !== null);
          if (verdict) consistent++;
          else inconsistent++;
        }),
        { numRuns: 400 },
      );
      // Both verdicts occur, so the agreement is not vacuous.
      expect(consistent).toBeGreaterThan(20);
      expect(inconsistent).toBeGreaterThan(20);
    });
  }
});
