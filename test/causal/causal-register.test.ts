/**
 * The causal register and its broken variant under the model checker, the `causally consistent`
 * property of the register harness, and `stateright model --consistency`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runModel, type ModelArguments } from '../../cli/model-command.js';
import { causalRegister, causalRegisterNoWait, registerSystem, singleCopyRegister, writeOnceRegister } from '../../register-models/index.js';
import { check } from '../../src/checker/index.js';

async function run(args: ModelArguments) {
  let stdout = '';
  let stderr = '';
  const code = await runModel({ workers: 1, ...args }, { stdout: { write: (t: string) => (stdout += t) }, stderr: { isTTY: false, write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('causal-register under the model checker', () => {
  it('is causally consistent in every reachable state, and not linearizable', () => {
    const system = registerSystem(causalRegister, { servers: 2, clients: 2, putCount: 2, readFirst: true, consistency: ['causal', 'linearizable'] });
    const result = check(system, { strategy: 'bfs' });
    expect(result.complete).toBe(true);
    expect(result.discovery('causally consistent')).toBeUndefined();
    expect(result.discovery('linearizable')).toBeDefined();
  });

  it('the no-wait variant violates causal consistency: a client reads a write it had already seen overwritten', () => {
    const system = registerSystem(causalRegisterNoWait, { servers: 2, clients: 2, putCount: 2, readFirst: true, consistency: ['causal'] });
    const result = check(system, { strategy: 'bfs' });
    const path = result.discovery('causally consistent');
    expect(path).toBeDefined();
    const steps = path!.actions.map((a) => system.describeAction(a));
    // The second write overtakes the first at the other server, and the first lands over it.
    expect(steps).toContain("server 1 receives Replicate(0, (2, 0), 'Z') from server 0");
    expect(steps.indexOf("server 1 receives Replicate(0, (1, 0), 'A') from server 0")).toBeGreaterThan(steps.indexOf("server 1 receives Replicate(0, (2, 0), 'Z') from server 0"));
    expect(steps[steps.length - 1]).toBe("client 3 receives GetOk(12, 'A') from server 1");
    expect(system.formatState(path!.lastState)).toContain('history: NOT causally consistent');
  });

  it('a single copy is causally consistent; two independent copies are not (a client reads the initial value after writing)', () => {
    const one = check(registerSystem(singleCopyRegister, { servers: 1, clients: 2, consistency: ['causal'] }), { strategy: 'bfs' });
    expect(one.complete).toBe(true);
    expect(one.discovery('causally consistent')).toBeUndefined();
    const two = check(registerSystem(singleCopyRegister, { servers: 2, clients: 2, consistency: ['causal'] }), { strategy: 'bfs' });
    expect(two.discovery('causally consistent')).toBeDefined();
  });

  it('causal consistency is refused for a write-once register', () => {
    expect(() => registerSystem(writeOnceRegister, { servers: 1, clients: 1, consistency: ['causal'] })).toThrow(/causal consistency is checked for read\/write registers/);
  });
});

describe('stateright model --consistency', () => {
  it('causal-register: causally consistent holds, linearizable fails, by default', async () => {
    const { code, stdout } = await run({ name: 'causal-register' });
    expect(code).toBe(1);
    expect(stdout).toContain('Checking causal-register (2 servers, 2 clients, clients read, write 2×, read, unordered-nonduplicating network, checking linearizable, causal) by BFS.');
    expect(stdout).toContain('Property "causally consistent" (always): holds');
    expect(stdout).toContain('Property "linearizable" (always): FAILS: counterexample found');
  });

  it('causal-register-no-wait: a counterexample with a sequence chart', async () => {
    const svg = join(mkdtempSync(join(tmpdir(), 'causal-model-')), 'chart.svg');
    const { code, stdout } = await run({ name: 'causal-register-no-wait', svg });
    expect(code).toBe(1);
    expect(stdout).toContain('Property "causally consistent" (always): FAILS: counterexample found');
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
  });

  it('selects the properties of any register protocol; --sequential-consistency stays an alias', async () => {
    const causal = await run({ name: 'single-copy-register', consistency: ['causal'] });
    expect(causal.stdout).toContain('checking causal)');
    expect(causal.stdout).toContain('Property "causally consistent" (always): holds');
    expect(causal.stdout).not.toContain('Property "linearizable"');
    const both = await run({ name: 'single-copy-register', consistency: ['linearizable,sequential'] });
    const alias = await run({ name: 'single-copy-register', sequentialConsistency: true });
    for (const out of [both.stdout, alias.stdout]) {
      expect(out).toContain('Property "linearizable" (always): holds');
      expect(out).toContain('Property "sequentially consistent" (always): holds');
    }
  });

  it('usage errors: an unknown level, and --consistency on a model that is not a register', async () => {
    const unknown = await run({ name: 'single-copy-register', consistency: ['eventual'] });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--consistency takes linearizable, sequential, causal (got "eventual")');
    const other = await run({ name: 'increment', consistency: ['causal'] });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--consistency is for register models');
  });
});
