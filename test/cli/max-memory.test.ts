/**
 * `stateright check --max-memory`: a hard history under a small bound ends unknown (exit 3) with a
 * message naming the bound, never a crash and never exit 2; bad sizes are usage errors.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckCaptured, scratchFiles } from './check-harness.js';
import type { CheckArguments } from '../../cli/check-command.js';
import { parseSize } from '../../cli/check-files.js';

const { dir } = scratchFiles('stateright-max-memory-');
const run = (files: string[], options: Partial<CheckArguments> = {}) => runCheckCaptured(files, { explain: false, ...options });

/**
 * Many concurrent writes of distinct values around reads alternating 0 and 1: each value is
 * written once, so no order works, yet every single read is possible. Refuting it means trying
 * every subset of the other writes before each read, which is exponential.
 */
function hardHistory(writers: number): string {
  const lines: string[] = [];
  for (let p = 0; p < writers; p++) lines.push(`{:process ${p} :type :invoke :f :write :value ${p}}`);
  for (let r = 0; r < writers; r++) {
    lines.push(`{:process 1000 :type :invoke :f :read :value nil}`, `{:process 1000 :type :ok :f :read :value ${r % 2}}`);
  }
  for (let p = 0; p < writers; p++) lines.push(`{:process ${p} :type :ok :f :write :value ${p}}`);
  const path = join(dir, 'hard.edn');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('--max-memory', () => {
  it('ends a hard history as unknown (exit 3), naming the bound', () => {
    const { code, stdout } = run([hardHistory(40)], { maxMemory: '1MB', model: 'register' });
    expect(code).toBe(3);
    expect(stdout).toMatch(/hard\.edn: unknown \(the memory bound of 1 MB was reached; --max-memory raises it\)/);
  });
  it('says the bound in the JSON verdict', () => {
    const { code, stdout } = run([hardHistory(40)], { maxMemory: '2MB', model: 'register', json: true });
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ valid: 'unknown', reason: 'memory', maxMemoryBytes: 2 * 2 ** 20 });
  });
  it('rejects a size it cannot read (exit 2)', () => {
    const { code, stderr } = run([hardHistory(4)], { maxMemory: 'lots' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--max-memory: 'lots' is not a size \(e\.g\. 512MB, 2GB, or a number of bytes\)/);
  });
  it('reads sizes in binary units', () => {
    expect(parseSize('512MB')).toBe(512 * 2 ** 20);
    expect(parseSize('2 GB')).toBe(2 * 2 ** 30);
    expect(parseSize('1.5g')).toBe(1.5 * 2 ** 30);
    expect(parseSize('65536')).toBe(65536);
    expect(parseSize('0MB')).toEqual({ error: "the size must be more than 0 bytes, got '0MB'" });
  });
});
