/**
 * Runs the `stateright` command from its TypeScript sources in a child process (through the dev
 * loader the checker's workers use), recording every module the process loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The URL of every module the process loaded. */
  readonly modules: readonly string[];
}

export function runCliFromSource(args: readonly string[]): CliRun {
  const scratch = mkdtempSync(join(tmpdir(), 'cli-from-source-'));
  try {
    const log = join(scratch, 'modules.log');
    const run = spawnSync(process.execPath, ['--import', './test/cli/register-recorder.mjs', 'cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, STATERIGHT_MODULE_LOG: log },
      encoding: 'utf8',
    });
    const modules = readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, modules };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
