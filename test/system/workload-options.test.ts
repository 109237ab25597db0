/**
 * The workload options (operations per client, write ratio, keys, values, seed): each changes
 * what the model explores, in the library (`new SystemModel(system, settings)`) and through
 * `model`, `explore` and `load`, and a bad value is a one-line error everywhere.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { SystemModel, randomWorkload, type SystemModule, type SystemSettings } from '../../src/index.js';
import type { RegisterHistory } from '../../register-models/history.js';
import { singleCopyRegisterSystem } from '../../register-models/systems.js';
import type { TesterHistory } from '../../src/system/tester-history.js';
import { brokenPrimaryBackup, primaryBackup } from './fixtures/primary-backup.js';
import { kvStore, oneCellStore } from './fixtures/kv-store.js';

/** What one client did in a state of the model: `[written value or null for a read, ...]`. */
type Log = readonly (string | null)[];

/** Every state of the model, as each client's log of operations, and the counts. */
function exploreRegister<M extends { readonly type: string }, S, C, T>(system: SystemModule<M, S, C, T>, settings: Partial<SystemSettings> = {}): { unique: number; logs: Log[][] } {
  const model = new SystemModel(system, settings);
  const logs: Log[][] = [];
  const r = check(model, {
    visitor: (state) => {
      const plain = (state.history as unknown as RegisterHistory).toPlain();
      logs.push(plain.log.map((ops) => ops.map((op) => op[0] as string | null)));
    },
  });
  expect(r.complete).toBe(true);
  return { unique: r.unique, logs };
}

const longest = (logs: Log[][]): number => Math.max(...logs.flat().map((l) => l.length));

describe('workload options in the library', () => {
  it('operations per client: each client issues exactly that many, and the state space grows', () => {
    const runs = [1, 2, 3].map((operations) => ({ operations, ...exploreRegister(primaryBackup, { operations }) }));
    for (const run of runs) {
      expect(longest(run.logs)).toBe(run.operations);
      // In some state both clients have issued all their operations.
      expect(run.logs.some((clients) => clients.every((l) => l.length === run.operations))).toBe(true);
    }
    expect(runs[0].unique).toBeLessThan(runs[1].unique);
    expect(runs[1].unique).toBeLessThan(runs[2].unique);
  });

  it('write ratio: 1 writes only, 0 reads only', () => {
    const writes = exploreRegister(primaryBackup, { writeRatio: 1 });
    const reads = exploreRegister(primaryBackup, { writeRatio: 0 });
    expect(writes.logs.flat(2).every((v) => v !== null)).toBe(true);
    expect(reads.logs.flat(2).every((v) => v === null)).toBe(true);
    expect(longest(writes.logs)).toBe(3);
    expect(longest(reads.logs)).toBe(3);
    expect(writes.unique).not.toBe(reads.unique);
  });

  it('values: unique per write by default; with values N, drawn from v0..vN-1', () => {
    const unique = exploreRegister(primaryBackup, { writeRatio: 1 });
    for (const clients of unique.logs) {
      clients.forEach((log, client) => log.forEach((value, n) => expect(value).toBe(`c${client}.${n}`)));
    }
    const one = exploreRegister(primaryBackup, { writeRatio: 1, values: 1 });
    expect(new Set(one.logs.flat(2))).toEqual(new Set(['v0']));
    // Writes of equal values leave fewer distinct states.
    expect(one.unique).toBeLessThan(unique.unique);
    const two = exploreRegister(primaryBackup, { writeRatio: 1, values: 2, operations: 4 });
    expect(new Set(two.logs.flat(2))).toEqual(new Set(['v0', 'v1']));
  });

  it('seed: another seed chooses other operations', () => {
    const shape = (seed: number) => {
      const w = randomWorkload({ operations: 3, writeRatio: 0.5, keys: 1, seed });
      return [0, 1].map((c) => [0, 1, 2].map((n) => w.operation(c, n)!.f).join(',')).join(' ');
    };
    const shapes = new Set([0, 1, 2, 3, 4, 5].map(shape));
    expect(shapes.size).toBeGreaterThan(1);
    const [a, b] = [0, 1].map((seed) => exploreRegister(primaryBackup, { seed }));
    expect(shape(0)).not.toBe(shape(1));
    expect(a.logs.flat(2).filter((v) => v !== null).length).not.toBe(b.logs.flat(2).filter((v) => v !== null).length);
  });

  it('keys: operations spread over them (recorded in the history), and a store that forgets keys is caught only with two', () => {
    const keysSeen = (keys: number) => {
      const seen = new Set<unknown>();
      const model = new SystemModel(kvStore, { keys, operations: 3 });
      const r = check(model, {
        visitor: (state) => {
          for (const op of (state.history as unknown as TesterHistory).linearizability.toOperations()) seen.add((op.input as { key: string }).key);
        },
      });
      return { seen, unique: r.unique };
    };
    const one = keysSeen(1);
    const two = keysSeen(2);
    expect(one.seen).toEqual(new Set(['0']));
    expect(two.seen).toEqual(new Set(['0', '1']));
    expect(two.unique).not.toBe(one.unique);
    const verdict = (keys: number) => check(new SystemModel(oneCellStore, { keys })).discovery('linearizable');
    expect(verdict(1)).toBeUndefined();
    expect(verdict(2)).toBeDefined();
  });

  it("a bundled register system keeps Stateright's workload by default, and takes the random one when an option is given", () => {
    const own = exploreRegister(singleCopyRegisterSystem);
    // Stateright's workload: client k writes 'A' + k, then reads.
    expect(new Set(own.logs.flat(2))).toEqual(new Set(['A', 'B', null]));
    const random = exploreRegister(singleCopyRegisterSystem, { operations: 3, writeRatio: 1 });
    expect(new Set(random.logs.flat(2))).toEqual(new Set(['c0.0', 'c0.1', 'c0.2', 'c1.0', 'c1.1', 'c1.2']));
    expect(new SystemModel(singleCopyRegisterSystem, { operations: 3, writeRatio: 1 }).describeConfiguration()).toBe(
      '1 server, 2 clients, 3 operations per client, 100% writes, 1 key, unique values, unordered-nonduplicating network',
    );
    // The seed alone keeps the system's own workload.
    expect(exploreRegister(singleCopyRegisterSystem, { seed: 9 }).unique).toBe(own.unique);
  });

  it('the primary-backup fixture is linearizable under other workloads too, and its broken variant is caught under them', () => {
    for (const seed of [0, 1, 2, 3]) {
      for (const operations of [2, 3]) {
        expect(check(new SystemModel(primaryBackup, { seed, operations })).discovery('linearizable'), `seed ${seed}, ${operations} ops`).toBeUndefined();
      }
      expect(check(new SystemModel(brokenPrimaryBackup, { seed })).discovery('linearizable'), `seed ${seed}`).toBeDefined();
    }
  });

  it('bad values are RangeErrors that name the setting', () => {
    const cases: [Partial<SystemSettings>, RegExp][] = [
      [{ operations: -1 }, /^operations must be an integer from 0 up \(got -1\)$/],
      [{ operations: 1.5 }, /^operations must be an integer from 0 up \(got 1\.5\)$/],
      [{ writeRatio: 1.5 }, /^writeRatio must be a number from 0 to 1 \(got 1\.5\)$/],
      [{ keys: 0 }, /^keys must be an integer from 1 up \(got 0\)$/],
      [{ values: 0 }, /^values must be an integer from 1 up \(got 0\)$/],
      [{ seed: -1 }, /^seed must be an integer from 0 to 4294967295 \(got -1\)$/],
      [{ keys: 2 }, /^keys is 2, but primary-backup is checked against a register, which has no keys; more than one key needs a keyed model \(kv, multi-register\)$/],
    ];
    for (const [settings, message] of cases) expect(() => new SystemModel(primaryBackup, settings)).toThrow(message);
    expect(() => randomWorkload({ operations: 2, writeRatio: -0.1, keys: 1, seed: 0 })).toThrow(/^writeRatio must be a number from 0 to 1/);
  });
});
