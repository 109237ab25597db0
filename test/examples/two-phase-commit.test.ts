import { describe, expect, it } from 'vitest';
import { check, replayPath } from '../../src/checker/index.js';
import { TwoPhaseCommit } from '../../src/examples/two-phase-commit.js';

const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];

describe('two-phase commit', () => {
  it.each(['bfs', 'dfs'] as const)('%s with 3 RMs explores 288 states and the properties hold', (strategy) => {
    const r = check(new TwoPhaseCommit(3), { strategy });
    expect(counts(r)).toEqual([1146, 288, 11]);
    expect(r.complete).toBe(true);
    r.assertProperties();
  });

  it('BFS with 3 RMs finds shortest agreement examples', () => {
    const model = new TwoPhaseCommit(3);
    const r = check(model);
    expect(r.discovery('abort agreement')!.actions.length).toBe(3);
    expect(r.discovery('commit agreement')!.actions.length).toBe(10);
    const abort = (rm: number) => ({ kind: 'RmChooseToAbort', rm }) as const;
    r.assertDiscovery('abort agreement', [abort(0), abort(1), abort(2)]);
    // Stateright's stored discoveries replay to valid examples too.
    for (const [name, encoded] of [
      ['abort agreement', '0/1/1/2/2/3/3/1/0/1/2'],
      ['commit agreement', '0/1/1/2/2/3/3/0/0/1/2'],
    ]) {
      const property = model.properties().find((p) => p.name === name)!;
      expect(property.condition(r.discovery(name)!.lastState)).toBe(true);
      r.assertDiscovery(name, replayPathActions(model, encoded));
    }
  });

  it.each(['bfs', 'dfs'] as const)('%s with 5 RMs explores 8,832 states', (strategy) => {
    const r = check(new TwoPhaseCommit(5), { strategy });
    expect(counts(r)).toEqual([58_146, 8_832, 17]);
    r.assertProperties();
  });

  it('DFS with symmetry reduction explores 665 representatives for 5 RMs', () => {
    const model = new TwoPhaseCommit(5);
    const r = check(model, { strategy: 'dfs', representative: (s) => model.representative(s) });
    expect(counts(r)).toEqual([4_091, 665, 17]);
    r.assertProperties();
    r.assertDiscovery('abort agreement', replayPathActions(model, '0/1/0/0/2/3/4/5'));
    r.assertDiscovery('commit agreement', replayPathActions(model, '0/1/2/3/4/5/5/4/3/2/1/0/0/1/2/3/4'));
  });
});

function replayPathActions(model: TwoPhaseCommit, encoded: string) {
  return [...replayPath(model, encoded).actions];
}
