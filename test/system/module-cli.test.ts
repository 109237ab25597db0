/** `--module FILE --export NAME [--args JSON]`: a user's system module through model, with clear one-line errors. */
import { describe, expect, it } from 'vitest';
import { runModel, type ModelArguments } from '../../cli/model-command.js';

const FIXTURE = 'test/system/fixtures/primary-backup.ts';

async function model(args: ModelArguments): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runModel({ workers: 1, ...args }, { stdout: { write: (t: string) => (out += t) }, stderr: { isTTY: false, write: (t: string) => (err += t) } });
  return { code, out, err };
}

describe('model --module', () => {
  it('checks a system module with its own defaults, and the options a bundled one takes', async () => {
    const r = await model({ module: FIXTURE, export: 'primaryBackup' });
    expect(r.err).toBe('');
    expect(r.out).toContain('Checking primary-backup (2 servers, 2 clients, unordered-nonduplicating network) by BFS.');
    expect(r.out).toContain('Property "linearizable" (always): holds');
    expect(r.code).toBe(0);
    const bigger = await model({ module: FIXTURE, export: 'primaryBackup', servers: 3, clients: 1, strategy: 'dfs' });
    expect(bigger.out).toContain('Checking primary-backup (3 servers, 1 client, unordered-nonduplicating network) by DFS.');
    expect(bigger.code).toBe(0);
  });

  it('finds the broken variant\'s stale read', async () => {
    const r = await model({ module: FIXTURE, export: 'brokenPrimaryBackup' });
    expect(r.out).toContain('Property "linearizable" (always): FAILS: counterexample found');
    expect(r.out).toMatch(/client \d receives ReadValue\(\d+, "none"\) from server 1/);
    expect(r.code).toBe(1);
  });

  it('calls a function export with --args', async () => {
    const r = await model({ module: FIXTURE, export: 'primaryBackupWith', args: '{"servers": 3}' });
    expect(r.out).toContain('(3 servers, 2 clients');
    expect(r.code).toBe(0);
  });

  it('says in one line what is wrong with the module, the export or the arguments', async () => {
    const cases: [ModelArguments, RegExp][] = [
      [{ module: 'test/system/fixtures/missing.js', export: 'x' }, /^stateright model: cannot load module test\/system\/fixtures\/missing\.js: no such file\n$/],
      [{ module: FIXTURE, export: 'nope' }, /^stateright model: .*primary-backup\.ts: no export named "nope"; its exports: brokenPrimaryBackup, notASystem, primaryBackup, primaryBackupWith\n$/],
      [{ module: FIXTURE, export: 'notASystem' }, /^stateright model: .*: export "notASystem" is not a system module \(.*\), nor a function returning one\n$/],
      [{ module: FIXTURE, export: 'primaryBackupWith', args: '{servers: 3}' }, /^stateright model: --args must be JSON, e.g\. .*\n$/],
      [{ module: FIXTURE, export: 'primaryBackup', args: '[1]' }, /^stateright model: .*: export "primaryBackup" is not a function, so it takes no --args\n$/],
      [{ module: FIXTURE }, /^stateright model: --module needs --export NAME: the export that holds the system module\n$/],
      [{ export: 'primaryBackup' }, /^stateright model: --export and --args go with --module FILE\n$/],
      [{ name: 'paxos', module: FIXTURE, export: 'primaryBackup' }, /^stateright model: name a bundled model or give --module, not both/],
      [{ module: FIXTURE, export: 'primaryBackup', rms: 3 }, /^stateright model: --rms does not apply to primary-backup/],
    ];
    for (const [args, message] of cases) {
      const r = await model(args);
      expect(r.err).toMatch(message);
      expect(r.code).toBe(2);
    }
  });
});
