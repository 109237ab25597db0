/** `stateright model` and `--list` know the Raft store and its broken variants. */
import { describe, expect, it } from 'vitest';
import { runCliFromSource } from '../cli/cli-from-source.js';

describe('stateright model raft-kv…', () => {
  it('lists the store and its broken variants', () => {
    const run = runCliFromSource(['model', '--list']);
    expect(run.status).toBe(0);
    for (const name of ['raft-kv', 'raft-kv-commit-previous-term', 'raft-kv-vote-without-log-check', 'raft-kv-local-reads', 'raft-kv-no-deduplication']) {
      expect(run.stdout).toContain(`  ${name}\n`);
    }
  });

  it('finds the stale read of raft-kv-local-reads and prints its steps', () => {
    const run = runCliFromSource(['model', 'raft-kv-local-reads', '--workers', '1']);
    expect(run.stdout).toContain('Property "linearizable" (always): FAILS: counterexample found');
    expect(run.stdout).toContain('client 3 receives Reply(#2, "") from server 1');
  });
});
