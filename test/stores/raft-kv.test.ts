/**
 * The Raft key-value store in the model checker: the correct store shows no violation (completely
 * at a small bound, and to a depth bound at the bounds), and each broken variant is
 * refuted with a counterexample that replays to a violating state.
 */
import { describe, expect, it } from 'vitest';
import { check, replayPath } from '../../src/checker/index.js';
import { checkLinearizability, type Operation } from '../../consistency/index.js';
import { INITIAL_VALUE, RAFT_FLAWS, RaftKvSystem, kvCasModel, raftKvSystem, type KvOp, type KvResult, type RaftKvState } from '../../stores/index.js';
import { RAFT_BROKEN_VARIANTS } from '../../stores/raft-kv-variants.js';

const SAFETY = ['linearizable', 'election safety', 'state machine safety'];

function expectNoViolation(system: RaftKvSystem, options: { targetMaxDepth?: number }) {
  const r = check(system, { strategy: 'bfs', ...options, finishWhen: 'any-failures' });
  for (const name of SAFETY) expect(r.discovery(name), name).toBeUndefined();
  return r;
}

describe('the Raft store', () => {
  it('is linearizable in every state of a complete search with one election (2 clients, 1 operation each)', () => {
    const system = raftKvSystem({
      network: 'unordered-nonduplicating',
      lossy: false,
      maxCrashes: 0,
      maxTerm: 1,
      heartbeats: false,
      clientRetries: false,
      workload: [[{ f: 'put', key: 'x', value: 'A' }], [{ f: 'get', key: 'x' }]],
    });
    const r = expectNoViolation(system, {});
    expect(r.complete).toBe(true);
    expect(r.discovery('value chosen')).toBeDefined();
  });

  it('shows no violation to depth 7 at 3 servers, 2 clients × 2 operations, a lossy duplicating network, 1 crash, 3 terms', () => {
    const r = expectNoViolation(raftKvSystem(), { targetMaxDepth: 7 });
    expect(r.unique).toBeGreaterThan(1000);
  });

  it('appends a resent or duplicated request at most once to every log', () => {
    const system = raftKvSystem({ lossy: false, maxCrashes: 0, maxTerm: 1, heartbeats: false });
    let duplicates = 0;
    check(system, {
      strategy: 'bfs',
      targetMaxDepth: 9,
      visitor: (s: RaftKvState) => {
        for (let id = 0; id < system.serverCount; id++) {
          const log = (s.actorStates[id] as { log: readonly { client: number; seq: number }[] }).log;
          const ids = new Set(log.map((e) => `${e.client}#${e.seq}`));
          if (ids.size !== log.length) duplicates++;
        }
      },
    });
    expect(duplicates).toBe(0);
  });
});

/** Whether the system's start script can be followed. */
function follows(system: RaftKvSystem): boolean {
  try {
    system.initStates();
    return true;
  } catch {
    return false;
  }
}

describe('broken variants of the Raft store', () => {
  it('cover every flaw', () => {
    expect(RAFT_BROKEN_VARIANTS.map((v) => v.flaw).sort()).toEqual([...RAFT_FLAWS].sort());
  });

  for (const variant of RAFT_BROKEN_VARIANTS) {
    it(`${variant.name}: the checker refutes ${variant.property}`, () => {
      const system = raftKvSystem({ ...variant.options, flaws: [variant.flaw] });
      const r = check(system, { strategy: 'bfs', finishWhen: { anyOf: [variant.property] }, timeoutMs: 60_000 });
      const path = r.discovery(variant.property);
      expect(path, `${variant.name} not caught`).toBeDefined();
      const replayed = replayPath(r.model, path!.encode());
      const property = system.properties().find((p) => p.name === variant.property)!;
      expect(property.condition(replayed.lastState)).toBe(false);
      // Without the flaw, the same search from as far along the script as the correct store goes finds nothing.
      const script = variant.options.startAfter ?? [];
      let steps = script.length;
      const correctFrom = (n: number) => raftKvSystem({ ...variant.options, startAfter: script.slice(0, n) });
      while (steps > 0 && !follows(correctFrom(steps))) steps--;
      const clean = check(correctFrom(steps), { strategy: 'bfs', targetMaxDepth: path!.actions.length + 1, finishWhen: 'any-failures' });
      for (const name of SAFETY) expect(clean.discovery(name), `${name} without the flaw`).toBeUndefined();
    });
  }
});

describe('the key-value model with compare-and-set', () => {
  type Op = Operation<KvOp, KvResult>;
  const op = (id: number, process: number, input: KvOp, output: KvResult, call: number, ret: number): Op => ({ id, process, input, output, status: 'ok', call, return: ret });

  it('reads a never-written key as the initial value, not as any value', () => {
    const history = [op(0, 0, { f: 'put', key: 'x', value: 'A' }, null, 0, 1), op(1, 1, { f: 'get', key: 'x' }, INITIAL_VALUE, 2, 3)];
    expect(checkLinearizability(history, kvCasModel()).valid).toBe(false);
    expect(checkLinearizability([history[1]], kvCasModel()).valid).toBe(true);
  });

  it('checks cas per key: a failed cas needs another value, a successful one the expected value', () => {
    const put = op(0, 0, { f: 'put', key: 'x', value: 'A' }, null, 0, 1);
    const other = op(1, 1, { f: 'put', key: 'y', value: 'C' }, null, 0, 1);
    expect(checkLinearizability([put, other, op(2, 1, { f: 'cas', key: 'x', from: 'A', to: 'B' }, true, 2, 3)], kvCasModel()).valid).toBe(true);
    expect(checkLinearizability([put, other, op(2, 1, { f: 'cas', key: 'x', from: 'A', to: 'B' }, false, 2, 3)], kvCasModel()).valid).toBe(false);
    expect(checkLinearizability([put, other, op(2, 1, { f: 'cas', key: 'y', from: 'A', to: 'B' }, true, 2, 3)], kvCasModel()).valid).toBe(false);
  });
});
