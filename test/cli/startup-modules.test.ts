/**
 * `stateright check` on a plain history loads only what that check uses: the causal checker, the
 * testers, the renderer (with Graphviz in WebAssembly) and yargs (cli/check-fast.ts) are imported
 * when asked for; a plain `stateright model` run loads no yargs either. Loading them all was a large part of checking a small file or a folder of them
 * (docs/performance.md). The second case shows the recording sees the renderer when it is used.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliFromSource } from './cli-from-source.js';

const scratch = mkdtempSync(join(tmpdir(), 'startup-modules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function loadedModules(args: readonly string[]): readonly string[] {
  const run = runCliFromSource(['check', ...args]);
  // 0: linearizable, 1: not; anything else is a failure of the run itself.
  expect([run.status, run.stderr.replace(/^wrote .*\n/gm, '')]).toEqual([run.status === 1 ? 1 : 0, '']);
  return run.modules;
}

const NOT_NEEDED = ['/src/render/', '/consistency/causal/index', '/consistency/testers/', '@viz-js', '/cli/causal-check', '/node_modules/yargs'];

describe('the modules `stateright check` loads', () => {
  it('a plain check loads neither the renderer, nor the causal checker, nor the testers', () => {
    const loaded = loadedModules(['histories/examples/register-invalid.edn']);
    expect(loaded.some((url) => url.endsWith('/histories/check-file.ts'))).toBe(true);
    expect(loaded.filter((url) => NOT_NEEDED.some((part) => url.includes(part)))).toEqual([]);
  }, 60_000);

  it('asking for a graph loads the renderer', () => {
    const loaded = loadedModules(['histories/examples/register-valid.edn', '--svg', join(scratch, 'out.svg')]);
    expect(loaded.some((url) => url.includes('/src/render/'))).toBe(true);
  }, 60_000);

  it('a plain `stateright model` run does not load yargs either (cli/model-fast.ts)', () => {
    const run = runCliFromSource(['model', 'two-phase-commit', '--rms', '2', '--strategy', 'dfs']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.modules.some((url) => url.endsWith('/cli/model-command.ts'))).toBe(true);
    expect(run.modules.filter((url) => url.includes('/node_modules/yargs'))).toEqual([]);
  }, 60_000);
});
