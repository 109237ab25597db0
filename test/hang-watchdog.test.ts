import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Whether process `pid` runs (a killed child whose parent died may stay a zombie until reaped). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('the hang watchdog (test/hang-watchdog.ts)', () => {
  it('ends a test file blocked in a synchronous wait, names the test, kills its child processes, and the run goes on and fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hang-watchdog-'));
    try {
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      writeFileSync(
        join(dir, 'vitest.config.mjs'),
        `export default { test: { include: ['*.test.mjs'], pool: 'forks', setupFiles: [${JSON.stringify(join(root, 'test', 'hang-watchdog.ts'))}] } };\n`,
      );
      // A child process that would outlive its parent: the watchdog must kill it too.
      writeFileSync(
        join(dir, 'blocked.test.mjs'),
        `import { spawn } from 'node:child_process';\nimport { writeFileSync } from 'node:fs';\nimport { it } from 'vitest';\n` +
          `it('waits for ever', () => {\n  const child = spawn('sleep', ['600'], { stdio: 'ignore' });\n  writeFileSync('child.pid', String(child.pid));\n` +
          `  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n});\n`,
      );
      writeFileSync(join(dir, 'after.test.mjs'), `import { expect, it } from 'vitest';\nit('runs after it', () => expect(1).toBe(1));\n`);
      const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=json', '--outputFile.json=out.json'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, STATERIGHT_TEST_STALL_MS: '4000', CI: '' },
        timeout: 90_000,
      });
      expect(run.stderr).toContain('hang watchdog: the test file\'s event loop has not turned for');
      expect(run.stderr).toContain('blocked.test.mjs > waits for ever');
      expect(run.status).not.toBe(0);
      const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { testResults: { name: string; assertionResults: { status: string }[] }[] };
      const statuses = Object.fromEntries(report.testResults.map((f) => [f.name.slice(dir.length + 1), f.assertionResults.map((a) => a.status)]));
      expect(statuses).toEqual({ 'blocked.test.mjs': ['pending'], 'after.test.mjs': ['passed'] });
      const pid = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
      expect(running(pid)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
