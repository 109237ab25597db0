/**
 * `stateright check --workers`: a keyed history big enough to go to the workers prints what it
 * prints on one thread, and bad values are usage errors (exit 2).
 */
import { describe, expect, it } from 'vitest';
import { generateLongHistory, historyLines, DEFAULT_LONG_HISTORY } from '../../bench/long-history.js';
import { MIN_OPS_FOR_WORKERS } from '../../histories/index.js';
import { runCheckCaptured, scratchFiles } from './check-harness.js';

const withoutTimes = (text: string): string => text.replace(/, [\d.]+ m?s\)/g, ')');

describe('stateright check --workers', () => {
  const { file } = scratchFiles('stateright-workers-');
  const history = generateLongHistory({ ...DEFAULT_LONG_HISTORY, ops: MIN_OPS_FOR_WORKERS + 1_000, keys: 40, staleRead: true, seed: 11 });
  const path = file('keyed.jsonl', [...historyLines(history, 'jsonl', true)].join('\n'));
  const keyed = { independent: true, model: 'register', init: '0' } as const;

  it('prints the same verdicts, failing op and explanation on 2 workers as on 1', () => {
    const one = runCheckCaptured([path], { ...keyed, workers: 1 });
    const two = runCheckCaptured([path], { ...keyed, workers: '2' });
    expect(one.code).toBe(1);
    expect(two.code).toBe(one.code);
    expect(withoutTimes(two.stdout)).toBe(withoutTimes(one.stdout));
    expect(one.stdout).toContain('40 keys: 1 not valid');
    const json = (workers: number): unknown => JSON.parse(runCheckCaptured([path], { ...keyed, workers, json: true }).stdout, (k, v: unknown) => (k === 'ms' ? 0 : v));
    expect(json(2)).toEqual(json(1));
  });

  it('--max-memory bounds the whole process: reached on workers, the file is unknown (exit 3) and the bound named', () => {
    const run = runCheckCaptured([path], { ...keyed, workers: 2, maxMemory: '64KB', explain: false });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('unknown (the memory bound of 64 KB was reached; --max-memory raises it)');
  });

  it.each(['0', 'abc', '1.5', '-2', '1000'])('--workers %s is a usage error', (workers) => {
    const run = runCheckCaptured([path], { ...keyed, workers });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--workers must be a whole number from 1 to 256, got '${workers}'`);
    expect(run.stdout).toBe('');
  });
});
