/** `stateright check --consistency <causal level>` and `--check-clocks`: verdicts, JSON, graphs, usage errors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckRendered, scratchFiles } from '../cli/check-harness.js';
import type { CheckArguments } from '../../cli/check-command.js';

const { dir, file } = scratchFiles('stateright-causal-');
const EXAMPLES = 'histories/examples/causal';
const run = (files: string[], options: Partial<CheckArguments>) => runCheckRendered(files, { consistency: 'causal', ...options });

describe('verdicts', () => {
  it('the example files get the verdicts their names say, at the level they name', async () => {
    const { code, stdout } = await run([`${EXAMPLES}/store-buffering-causal-valid.jsonl`, `${EXAMPLES}/stale-init-read-causal-invalid.jsonl`, `${EXAMPLES}/opposite-orders-causal-valid.jsonl`], {
      expectFromNames: true,
    });
    expect(stdout).toContain('every verdict is as the file names say');
    expect(code).toBe(0);
  });

  it('explains a bad pattern in words, with the operations involved', async () => {
    const { code, stdout } = await run([`${EXAMPLES}/stale-init-read-causal-invalid.jsonl`], {});
    expect(code).toBe(1);
    expect(stdout).toContain('NOT causally consistent (CC) (kv, 5 ops');
    expect(stdout).toContain('bad pattern WriteCOInitRead');
    expect(stdout).toContain('#9 read x="" by session 2 returned the initial value, but it causally follows #1 write x=1 by session 0, which overwrote it:');
    expect(stdout).toContain('operations involved (indices): 1, 3, 5, 7, 9');
  });

  it('the same history is causally consistent but not causally convergent', async () => {
    const cc = await run([`${EXAMPLES}/opposite-orders-causal-valid.jsonl`], {});
    expect(cc.code).toBe(0);
    const ccv = await run([`${EXAMPLES}/opposite-orders-causal-valid.jsonl`], { consistency: 'causal-convergence', json: true });
    expect(ccv.code).toBe(1);
    const verdict = JSON.parse(ccv.stdout);
    expect(verdict).toMatchObject({ valid: false, consistency: 'causal-convergence', pattern: 'CyclicCF', core: [5, 1, 7, 3], cyclic: true });
    expect(verdict.chain).toEqual([
      { from: 5, to: 1, relation: 'cf', because: 7 },
      { from: 1, to: 5, relation: 'cf', because: 3 },
    ]);
  });

  it('a register history with --init: a read of the initial value after a read of a write', async () => {
    const path = file(
      'register.edn',
      '[{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :ok :f :write :value 1}\n{:process 1 :type :invoke :f :read}\n{:process 1 :type :ok :f :read :value 1}\n{:process 1 :type :invoke :f :read}\n{:process 1 :type :ok :f :read :value 0}]\n',
    );
    const { code, stdout } = await run([path], { consistency: 'monotonic-reads', init: '0' });
    expect(code).toBe(1);
    expect(stdout).toContain('monotonic reads do NOT hold (register, 3 ops');
    expect(stdout).toContain('bad pattern InitReadAfterRead');
    // Without --init the register starts at nil, so 0 is a value nobody wrote: a thin-air read.
    const plain = await run([path], { consistency: 'monotonic-reads' });
    expect(plain.stdout).toContain('bad pattern ThinAirRead');
  });

  it('writes the chain as DOT and SVG', async () => {
    const dot = join(dir, 'chain.dot');
    const svg = join(dir, 'chain.svg');
    const { code, stderr } = await run([`${EXAMPLES}/stale-init-read-causal-invalid.jsonl`], { dot, svg });
    expect(code).toBe(1);
    expect(stderr).toContain(`wrote ${svg}`);
    expect(readFileSync(dot, 'utf8')).toContain('op0 -> op1 [label="reads from"]');
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
  });
});

describe("Knossos's reading", () => {
  it('a read of nil constrains nothing, and a crashed write may have taken effect', async () => {
    const path = file(
      'crashed.edn',
      [
        '[{:process 0 :type :invoke :f :write :value 1}',
        '{:process 0 :type :info :f :write :value 1}',
        '{:process 1 :type :invoke :f :read}',
        '{:process 1 :type :ok :f :read :value nil}',
        '{:process 1 :type :invoke :f :read}',
        '{:process 1 :type :ok :f :read :value 1}',
        '{:process 1 :type :invoke :f :read}',
        '{:process 1 :type :ok :f :read :value nil}]',
      ].join('\n'),
    );
    for (const consistency of ['causal', 'causal-convergence', 'causal-memory', 'read-your-writes', 'monotonic-reads'] as const) {
      const { code, stdout } = await run([path], { consistency });
      expect(code, `${consistency}: ${stdout}`).toBe(0);
    }
    // With an explicit initial value, a read of it after reading 1 breaks monotonic reads.
    const init = file('init.edn', readFileSync(path, 'utf8').replace(/:value nil\}\]$/, ':value 0}]'));
    const { code, stdout } = await run([init], { consistency: 'monotonic-reads', init: '0' });
    expect(code).toBe(1);
    expect(stdout).toContain('bad pattern InitReadAfterRead');
  });
});

describe('recorded clocks', () => {
  it('reports the first operation whose clock contradicts reads-from', async () => {
    const { code, stdout } = await run([`${EXAMPLES}/contradicting-clocks-causal-valid.jsonl`], { checkClocks: true, json: true });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).clocks).toMatchObject({ consistent: false, op: 3, other: 1, relation: 'wr' });
  });

  it('accepts clocks that follow the history', async () => {
    const { code, stdout } = await run([`${EXAMPLES}/stale-init-read-causal-invalid.jsonl`], { checkClocks: true });
    expect(code).toBe(1);
    expect(stdout).toContain('recorded clocks: consistent with program order and reads-from (5 ops)');
  });

  it('a clock that does not grow at a write is reported', async () => {
    const path = file(
      'flat.jsonl',
      [
        '{"type":"invoke","f":"put","key":"x","value":"1","process":0}',
        '{"type":"ok","f":"put","key":"x","value":"1","process":0,"vc":{"a":1}}',
        '{"type":"invoke","f":"put","key":"x","value":"2","process":0}',
        '{"type":"ok","f":"put","key":"x","value":"2","process":0,"vc":{"a":1}}',
      ].join('\n'),
    );
    const { stdout } = await run([path], { checkClocks: true });
    expect(stdout).toContain('recorded clocks CONTRADICT the history: #3 write x=2 by session 0 has clock {a: 1}, which is not strictly above (a write is a new event) the clock {a: 1} of #1 write x=1 by session 0');
  });

  it('a missing or malformed clock is an input error with its line', async () => {
    const missing = await run([`${EXAMPLES}/store-buffering-causal-valid.jsonl`], { checkClocks: true });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('store-buffering-causal-valid.jsonl:2: --check-clocks needs a :vc on every operation; #1 write x=1 by session 0 has no vc');
    const bad = file('bad-vc.jsonl', '{"type":"invoke","f":"put","key":"x","value":"1","process":0}\n{"type":"ok","f":"put","key":"x","value":"1","process":0,"vc":{"a":-1}}\n');
    const malformed = await run([bad], { checkClocks: true });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('bad-vc.jsonl:2: :vc entry "a" must be a non-negative integer, got -1');
  });
});

describe('usage and input errors', () => {
  it('--independent with a causal level is a usage error that says why', async () => {
    const { code, stderr } = await run([`${EXAMPLES}/store-buffering-causal-valid.jsonl`], { independent: true });
    expect(code).toBe(2);
    expect(stderr).toContain('causal levels are not checked key by key: causality crosses keys, so --independent does not apply to --consistency causal');
  });

  it('--report is for linearizability; causal levels draw with --svg or --dot', async () => {
    const { code, stderr } = await run([`${EXAMPLES}/contradicting-clocks-causal-valid.jsonl`], { report: join(dir, 'r.html') });
    expect(code).toBe(2);
    expect(stderr).toContain('--report draws the linearizability report; for --consistency causal use --svg or --dot');
  });

  it('--check-clocks needs a causal level', async () => {
    const { code, stderr } = await run([`${EXAMPLES}/contradicting-clocks-causal-valid.jsonl`], { consistency: 'linearizable', checkClocks: true });
    expect(code).toBe(2);
    expect(stderr).toContain('--check-clocks checks vector clocks against causal order');
  });

  it('operations that are not reads or writes are refused with their line', async () => {
    const cas = file('cas.edn', '[{:process 0 :type :invoke :f :cas :value [0 1]}\n{:process 0 :type :ok :f :cas :value [0 1]}]\n');
    const { code, stderr } = await run([cas], {});
    expect(code).toBe(2);
    expect(stderr).toContain('cas.edn:2: :cas is neither a read nor a write');
    const queue = file('queue.edn', '[{:process 0 :type :invoke :f :push :value 1}\n{:process 0 :type :ok :f :push :value 1}]\n');
    const other = await run([queue], {});
    expect(other.stderr).toContain('queue.edn: causal levels check read/write registers and key-value stores (--model register or kv); the vec model is neither');
  });
});
