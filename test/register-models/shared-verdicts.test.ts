/**
 * On checker workers, the register harness shares its consistency verdicts through the run's
 * shared facts: a worker that meets a history another worker has judged reads the verdict
 * instead of searching again, and must read it right.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { check, replayPath, SharedFacts } from '../../src/checker/index.js';
import { installSharedFacts } from '../../src/checker/shared-facts.js';
import { register } from '../checker/worker-models.js';

afterEach(() => installSharedFacts(undefined));

describe('verdicts shared between checker workers', () => {
  it('a history judged NOT linearizable by one model instance reads as such in another', () => {
    const found = check(register('single-copy', 2), { strategy: 'bfs' }).discovery('linearizable');
    expect(found).toBeDefined();
    installSharedFacts(SharedFacts.create(1 << 10));
    // Two fresh instances stand for two workers: separate interning, one table of facts.
    const first = replayPath(register('single-copy', 2), found!.indices).lastState.history;
    expect(first.isLinearizable()).toBe(false);
    const second = replayPath(register('single-copy', 2), found!.indices).lastState.history;
    expect(second.isLinearizable()).toBe(false);
    // And a linearizable prefix of the same run reads as linearizable.
    const prefix = found!.indices.slice(0, 3);
    expect(replayPath(register('single-copy', 2), prefix).lastState.history.isLinearizable()).toBe(true);
    expect(replayPath(register('single-copy', 2), prefix).lastState.history.isLinearizable()).toBe(true);
  });
});
