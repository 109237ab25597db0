/**
 * `stateright check --model kv` on histories of several keys: the same verdicts as
 * `kv-nopartition` under every condition, and explanations that name the key the rejected get
 * reads and that key's value.
 */
import { describe, expect, it } from 'vitest';
import { runCheckCaptured, runCheckRendered, scratchFiles } from './check-harness.js';
import { runCliFromSource } from './cli-from-source.js';

const { file } = scratchFiles('stateright-kv-keys-');

// A put of x, then a get of y that reads y's initial value: every condition holds.
const OTHER_KEY = file(
  'other-key.jsonl',
  [
    '{"type":"invoke","process":0,"f":"put","key":"x","value":"x2"}',
    '{"type":"ok","process":0,"f":"put","key":"x","value":"x2"}',
    '{"type":"invoke","process":0,"f":"get","key":"y","value":null}',
    '{"type":"ok","process":0,"f":"get","key":"y","value":""}',
  ].join('\n') + '\n',
);

// Process 0 puts x then y; process 1 reads the new y, then the old x: no single order exists.
const STALE_X = file(
  'stale-x.jsonl',
  [
    '{"type":"invoke","process":0,"f":"put","key":"x","value":"x1"}',
    '{"type":"ok","process":0,"f":"put","key":"x","value":"x1"}',
    '{"type":"invoke","process":0,"f":"put","key":"y","value":"y1"}',
    '{"type":"ok","process":0,"f":"put","key":"y","value":"y1"}',
    '{"type":"invoke","process":1,"f":"get","key":"y","value":null}',
    '{"type":"ok","process":1,"f":"get","key":"y","value":"y1"}',
    '{"type":"invoke","process":1,"f":"get","key":"x","value":null}',
    '{"type":"ok","process":1,"f":"get","key":"x","value":""}',
  ].join('\n') + '\n',
);

const LEVELS = ['linearizable', 'sequential', 'causal', 'causal-convergence', 'causal-memory'] as const;

describe('--model kv on several keys', () => {
  it('a get of another key than the one put is consistent at every level, exit 0, as with kv-nopartition', async () => {
    for (const consistency of LEVELS) {
      for (const model of ['kv', 'kv-nopartition'] as const) {
        const { code, stdout } = await runCheckRendered([OTHER_KEY], { model, consistency });
        expect(code, `${model} under ${consistency}: ${stdout}`).toBe(0);
      }
    }
  });

  it('through the command line: sequentially consistent, exit 0', () => {
    const run = runCliFromSource(['check', OTHER_KEY, '--model', 'kv', '--consistency', 'sequential']);
    expect(run.stdout).toMatch(/other-key\.jsonl: sequentially consistent \(kv, 2 ops/);
    expect(run.status).toBe(0);
  });

  it('a stale read of one key after a newer read of another: kv and kv-nopartition agree at every level', async () => {
    const expected = { linearizable: 1, sequential: 1, causal: 1, 'causal-convergence': 1, 'causal-memory': 1 };
    for (const consistency of LEVELS) {
      for (const model of ['kv', 'kv-nopartition'] as const) {
        expect((await runCheckRendered([STALE_X], { model, consistency })).code, `${model} under ${consistency}`).toBe(expected[consistency]);
      }
    }
  });

  it("the sequential-consistency explanation names the key the get reads and that key's value", () => {
    const { code, stdout } = runCheckCaptured([STALE_X], { model: 'kv', consistency: 'sequential' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/NOT sequentially consistent/);
    expect(stdout).toContain('get "x" returned "", but the key holds "x1" after #1 put "x" "x1" by process 0');
    // Never another key's value as x's.
    expect(stdout).not.toMatch(/get "x" returned "", but the key holds "y1"/);
    expect(stdout).not.toMatch(/get "y" returned "y1", but the key holds "x1"/);
  });
});
