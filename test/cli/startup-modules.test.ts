/**
 * `stateright check` on a plain history loads only what that check uses: the causal checker, the
 * testers and the renderer (with Graphviz in WebAssembly) are imported when asked for. Loading
 * them all was a large part of checking a folder of small files (README, "Long recorded
 * histories"). The CLI runs from its sources in a child process whose every loaded module is
 * recorded; the second case shows the recording sees the renderer when it is used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'startup-modules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function loadedModules(name: string, args: readonly string[]): string[] {
  const log = join(scratch, `${name}.log`);
  const run = spawnSync(process.execPath, ['--import', './test/cli/register-recorder.mjs', 'cli/main.ts', 'check', ...args], {
    cwd: root,
    env: { ...process.env, STATERIGHT_MODULE_LOG: log },
    encoding: 'utf8',
  });
  // 0: linearizable, 1: not; anything else is a failure of the run itself.
  expect([run.status, run.stderr.replace(/^wrote .*\n/gm, '')]).toEqual([run.status === 1 ? 1 : 0, '']);
  return readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
}

const NOT_NEEDED = ['/src/render/', '/consistency/causal/index', '/consistency/testers/', '@viz-js', '/cli/causal-check'];

describe('the modules `stateright check` loads', () => {
  it('a plain check loads neither the renderer, nor the causal checker, nor the testers', () => {
    const loaded = loadedModules('plain', ['histories/examples/register-invalid.edn']);
    expect(loaded.some((url) => url.endsWith('/histories/check-file.ts'))).toBe(true);
    expect(loaded.filter((url) => NOT_NEEDED.some((part) => url.includes(part)))).toEqual([]);
  }, 60_000);

  it('asking for a graph loads the renderer', () => {
    const loaded = loadedModules('svg', ['histories/examples/register-valid.edn', '--svg', join(scratch, 'out.svg')]);
    expect(loaded.some((url) => url.includes('/src/render/'))).toBe(true);
  }, 60_000);
});
