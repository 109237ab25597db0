/**
 * Running `stateright check` in-process for tests: arguments with the command's defaults, output
 * captured, and history files written to a temporary folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck, runCheckAndRender } from '../../cli/check-command.js';
import type { CheckArguments } from '../../cli/check-command.js';

export interface CheckRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary folder and a function that writes a file into it and returns its path. */
export function scratchFiles(prefix: string): { readonly dir: string; readonly file: (name: string, text: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

function withCapturedIo<T>(call: (args: CheckArguments, io: Parameters<typeof runCheck>[1]) => T, files: string[], options: Partial<CheckArguments>) {
  let stdout = '';
  let stderr = '';
  const code = call(
    { files, consistency: 'linearizable', format: 'auto', independent: false, json: false, expectFromNames: false, ...options },
    { stdout: { isTTY: false, write: (t: string) => (stdout += t) }, stderr: { isTTY: false, write: (t: string) => (stderr += t) } },
  );
  return { code, out: () => ({ stdout, stderr }) };
}

/** `runCheck` (verdicts only). */
export function runCheckCaptured(files: string[], options: Partial<CheckArguments> = {}): CheckRun {
  const { code, out } = withCapturedIo(runCheck, files, options);
  return { code, ...out() };
}

/** `runCheckAndRender` (verdicts, then graphs and reports). */
export async function runCheckRendered(files: string[], options: Partial<CheckArguments> = {}): Promise<CheckRun> {
  const { code, out } = withCapturedIo(runCheckAndRender, files, options);
  return { code: await code, ...out() };
}
