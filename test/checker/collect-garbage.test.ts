/**
 * The visited set asks for full collections as it outgrows its tables (src/checker/collect-garbage.ts):
 * the collection must really happen in a process started without `--expose-gc`, and a set that
 * asks for several keeps answering like a `Set`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../src/checker/visited-set.js';

const root = join(import.meta.dirname, '..', '..');

describe('collectGarbage', () => {
  it('collects a dropped object in a process without --expose-gc, and leaves gc unexposed', () => {
    const script = [
      "const { collectGarbage } = await import('./src/checker/collect-garbage.ts');",
      'let ref = new WeakRef({ big: new Array(1000).fill(1) });',
      'await new Promise((r) => setTimeout(r, 10));',
      'collectGarbage();',
      "process.stdout.write(JSON.stringify({ collected: ref.deref() === undefined, exposed: typeof globalThis.gc, inNewContext: (await import('node:vm')).runInNewContext('typeof gc') }));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', './test/cli/register-recorder.mjs', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ collected: true, exposed: 'undefined', inNewContext: 'undefined' });
  }, 60_000);

  it('a set that outgrows more than the collection floor keeps answering like a Set', () => {
    const set = new FingerprintSet();
    const count = 600_000; // tables of about 8 MB at the end, over 4 MB of them outgrown on the way
    let wrong = 0;
    for (let i = 1; i <= count; i++) if (!set.add(i, Math.imul(i, 0x9e3779b1) >>> 0)) wrong++;
    for (let i = 1; i <= count; i += 997) if (set.add(i, Math.imul(i, 0x9e3779b1) >>> 0)) wrong++;
    expect([wrong, set.size]).toEqual([0, count]);
    expect(set.byteLength).toBeGreaterThan(6 * 2 ** 20);
  }, 60_000);
});
