/**
 * When `stateright check` raises V8's interrupt budget and when it gives the default back
 * (cli/short-run-tiering.ts). The flag calls are recorded, not made: the test process keeps its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const flags: string[] = [];
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString: (flag: string) => void flags.push(flag) }));
const { startShortRunTiering } = await import('../../cli/short-run-tiering.js');

const onNode20 = process.versions.v8.startsWith('11.3.');
const RAISED = '--interrupt-budget=1081344';
const DEFAULT = '--interrupt-budget=67584';

describe('short-run tiering', () => {
  let dir: string;
  beforeEach(() => {
    flags.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'tiering-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.unstubAllEnvs();
  });

  it.runIf(onNode20)('raises the budget for a check of small files and gives the default back at its end', () => {
    const small = join(dir, 'small.txt');
    writeFileSync(small, 'x');
    const tiering = startShortRunTiering();
    tiering.beforeFile(small);
    tiering.beforeFile(join(dir, 'missing.txt'));
    tiering.settle();
    expect(flags).toEqual([RAISED]);
    tiering.end();
    tiering.end();
    expect(flags).toEqual([RAISED, DEFAULT]);
  });

  it.runIf(onNode20)('gives the default back before a large file', () => {
    const large = join(dir, 'large.txt');
    writeFileSync(large, Buffer.alloc(2 * 1024 * 1024 + 1));
    const tiering = startShortRunTiering();
    tiering.beforeFile(large);
    expect(flags).toEqual([RAISED, DEFAULT]);
    tiering.end();
    expect(flags).toEqual([RAISED, DEFAULT]);
  });

  it.runIf(onNode20)('gives the default back once the window of CPU time is used', () => {
    const tiering = startShortRunTiering();
    const until = performance.now() + 10_000;
    // Burn CPU (bounded in time) until the window of 300 ms of the process's CPU time has passed.
    let sum = 0;
    while (flags.length < 2 && performance.now() < until) {
      for (let i = 0; i < 1e6; i++) sum = (sum + Math.sqrt(i)) % 1e9;
      tiering.settle();
    }
    expect(sum).toBeGreaterThan(0);
    expect(flags).toEqual([RAISED, DEFAULT]);
  });

  it('changes nothing when the user sets the budget', () => {
    vi.stubEnv('NODE_OPTIONS', '--interrupt-budget=5000');
    const tiering = startShortRunTiering();
    tiering.settle();
    tiering.end();
    expect(flags).toEqual([]);
  });
});
