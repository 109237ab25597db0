/** `stateright model`: counts, outcomes, paths in words, JSON, artifacts, exit codes and usage errors. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { listing, runModel, type ModelArguments } from '../../cli/model-command.js';
import { MODEL_NAMES } from '../../cli/model-catalog.js';

/** Runs `stateright model` on one thread unless the test names `workers` (the pinned counts are one thread's). */
async function run(args: ModelArguments, defaults = false) {
  let stdout = '';
  let stderr = '';
  const code = await runModel(defaults || 'workers' in args ? args : { ...args, workers: 1 }, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { isTTY: false, write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

/** What `stateright model abd-no-write-back` (seed 0) finds, with or without --sequential-consistency. */
const ABD_NO_WRITE_BACK_COUNTEREXAMPLE = '0/1/3/0/2/5/4/0/1/5/5/2/5/4/8/3/6/1/7/7/2/6/6/8/10/3/9/12/10/0/3/11/4/11/11/8/1/3/3/5/11/10/11/0/4/3/10/3';

describe('stateright model', () => {
  it('checks the single-copy register with Stateright defaults (1 server, 2 clients, DFS): exit 0', async () => {
    const { code, stdout } = await run({ name: 'single-copy-register' });
    expect(code).toBe(0);
    expect(stdout).toContain('Checking single-copy-register (1 server, 2 clients, unordered-nonduplicating network) by DFS.');
    expect(stdout).toMatch(/^Done\. states=121, unique=93, depth=9, sec=\d+$/m);
    expect(stdout).toContain('Property "linearizable" (always): holds');
    expect(stdout).toContain('Property "value chosen" (sometimes): example found');
    expect(stdout).toContain('Discovered "value chosen" example Path[4]:');
    expect(stdout).toContain("- server 0 receives Get(4) from client 2");
    expect(stdout).toMatch(/^Action index path: 0(\/\d+){4}$/m);
    expect(stdout).toMatch(/^Fingerprint collision probability: ≤ \d\.\de-\d+$/m);
  });

  it('finds the two-server counterexample (BFS stops at 54 unique states): exit 1', async () => {
    const { code, stdout } = await run({ name: 'single-copy-register', servers: 2, strategy: 'bfs' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Done\. states=69, unique=54, depth=8, sec=\d+$/m);
    expect(stdout).toContain('Property "linearizable" (always): FAILS: counterexample found');
    expect(stdout).toContain('Discovered "linearizable" counterexample Path[4]:');
    expect(stdout).toContain("- client 2 receives GetOk(4, '\\0') from server 1");
  });

  it('checks Paxos by BFS by default (16,668 unique) and on an ordered network (33,328)', async () => {
    expect((await run({ name: 'paxos' })).stdout).toMatch(/^Done\. states=32971, unique=16668, depth=21, sec=\d+$/m);
    const ordered = await run({ name: 'paxos', network: 'ordered', strategy: 'dfs' });
    expect(ordered.code).toBe(0);
    expect(ordered.stdout).toMatch(/^Done\. states=110216, unique=33328, depth=25, sec=\d+$/m);
  });

  it('checks ABD (2 servers) and catches the broken Paxos variants', async () => {
    expect((await run({ name: 'abd', servers: 2 })).stdout).toMatch(/^Done\. states=875, unique=544, depth=25, sec=\d+$/m);
    for (const name of ['paxos-no-adopt', 'paxos-forgetful-acceptor']) {
      const { code, stdout } = await run({ name });
      expect(code).toBe(1);
      expect(stdout).toContain('Property "linearizable" (always): FAILS');
    }
  });

  it('checks the other bundled models with their size options', async () => {
    const tpc = await run({ name: 'two-phase-commit', rms: 5, symmetry: true });
    expect(tpc.code).toBe(0);
    expect(tpc.stdout).toMatch(/^Done\. states=4091, unique=665, depth=17, sec=\d+$/m);
    const inc = await run({ name: 'increment', threads: 2 });
    expect(inc.code).toBe(1);
    expect(inc.stdout).toMatch(/^Done\. states=10, unique=10, depth=5, sec=\d+$/m);
    const eq = await run({ name: 'linear-equation', strategy: 'bfs' });
    expect(eq.stdout).toMatch(/^Done\. states=15, unique=12, depth=4, sec=\d+$/m);
    expect(eq.stdout).toContain('Action index path: 0/0/0/1');
    const unsolvable = await run({ name: 'linear-equation', equation: '2,4,7' });
    expect(unsolvable.code).toBe(1);
    expect(unsolvable.stdout).toContain('Property "solvable" (sometimes): NEVER: no example in the whole state space');
    const pingPong = await run({ name: 'ping-pong', maxNat: 1, lossy: true });
    expect(pingPong.stdout).toMatch(/^Done\. states=21, unique=14, depth=6, sec=\d+$/m);
  });

  it('tells a liveness verdict that is unknown at a bound (exit 3) from one that holds (0) and from a violation (1)', async () => {
    // ping-pong's "must reach max" holds on the whole space; "must exceed max" fails (a dead end at max).
    const whole = await run({ name: 'ping-pong', maxNat: 2, json: true });
    const verdicts = (stdout: string) =>
      Object.fromEntries((JSON.parse(stdout) as { properties: { name: string; holds: boolean; unknown: boolean }[] }).properties.map((p) => [p.name, p.unknown ? 'unknown' : p.holds]));
    expect(whole.code).toBe(1);
    expect(verdicts(whole.stdout)).toMatchObject({ 'must reach max': true, 'must exceed max': false });
    // At depth 5 the example is found, nothing is refuted yet, and the last state is not
    // expanded (it is the dead end that refutes "must exceed max"): unknown, not holds.
    const bounded = await run({ name: 'ping-pong', maxNat: 2, maxDepth: 5 });
    expect(bounded.code).toBe(3);
    for (const name of ['must reach max', 'must exceed max']) {
      expect(bounded.stdout).toContain(`"${name}" (eventually): UNKNOWN: no counterexample in the 5 states explored (depth limited to 5), but states were left unexpanded`);
    }
    expect(bounded.stdout).toContain('"delta within 1" (always): holds in the 5 states explored');
    expect(bounded.stdout).toContain('"can reach max" (sometimes): example found');
    expect(JSON.parse((await run({ name: 'ping-pong', maxNat: 2, maxDepth: 5, json: true })).stdout)).toMatchObject({ asExpected: false, unknown: true });
    // Stateright's semantics (paths to terminal states only) says "holds" within the bound.
    const stateright = await run({ name: 'ping-pong', maxNat: 2, maxDepth: 5, liveness: 'stateright' });
    expect(stateright.code).toBe(0);
    expect(stateright.stdout).toMatch(/"must reach max" \(eventually\): holds in the \d+ states explored/);
    const wrong = await run({ name: 'ping-pong', liveness: 'tlc' });
    expect([wrong.code, wrong.stderr]).toEqual([2, 'stateright model: --liveness must be one of sound, stateright (got "tlc")\n']);
  });

  it('--liveness checks a register system’s reply property; --lossy, --reliable-link and --fair choose the network, the link and the fairness', async () => {
    const REPLY = '"every client operation gets a reply" (eventually)';
    const paxos = await run({ name: 'paxos', clients: 1, liveness: 'sound' });
    expect(paxos.code).toBe(0);
    expect(paxos.stdout).toMatch(/^Done\. states=482, unique=265, depth=14, sec=\d+$/m);
    expect(paxos.stdout).toContain(`Property ${REPLY}: holds`);
    // Without --liveness the property is not checked (the counts pinned to Stateright's stay).
    expect((await run({ name: 'paxos', clients: 1 })).stdout).not.toContain(REPLY);
    const lossy = await run({ name: 'abd', servers: 2, clients: 1, lossy: true, liveness: 'sound' });
    expect(lossy.code).toBe(1);
    expect(lossy.stdout).toContain(`Property ${REPLY}: FAILS: counterexample found\n`);
    expect(lossy.stdout).toContain("- the network loses Put(2, 'A') from client 2 to server 0");
    const linked = await run({ name: 'abd', servers: 2, clients: 1, lossy: true, reliableLink: true, liveness: 'sound' });
    expect(linked.code).toBe(0);
    expect(linked.stdout).toContain('Checking abd (2 servers, 1 client, ordered reliable link, unordered-nonduplicating lossy network) by DFS.');
    expect(linked.stdout).toContain(`Property ${REPLY}: holds`);
    // On worker threads too: the workers' model keeps the fairness classes (else the resend forever would be fair).
    const onWorkers = await run({ name: 'abd', servers: 2, clients: 1, lossy: true, reliableLink: true, liveness: 'sound', strategy: 'bfs', workers: 2 });
    expect([onWorkers.code, onWorkers.stdout]).toEqual([0, expect.stringContaining(`Property ${REPLY}: holds`)]);
    const unfair = await run({ name: 'abd', servers: 2, clients: 1, lossy: true, reliableLink: true, fair: 'timeout', liveness: 'sound' });
    expect(unfair.code).toBe(1);
    expect(unfair.stdout).toContain('lossy network, fair actions: timeout) by DFS.');
    expect(unfair.stdout).toContain(`Property ${REPLY}: FAILS: counterexample found (a cycle from step 0)`);
    const usage = async (args: ModelArguments) => {
      const r = await run(args);
      return [r.code, r.stderr];
    };
    const kept = await run({ name: 'paxos', clients: 1, lossy: true, reliableLink: true, linkKeepsIgnored: true, liveness: 'sound' });
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('Checking paxos (3 servers, 1 client, ordered reliable link keeping ignored messages, unordered-nonduplicating lossy network) by BFS.');
    expect(kept.stdout).toMatch(/^Done\. states=6177, unique=1210, depth=15, sec=\d+$/m);
    expect(kept.stdout).toContain(`Property ${REPLY}: holds`);
    expect(await usage({ name: 'paxos', linkKeepsIgnored: true })).toEqual([2, 'stateright model: --link-keeps-ignored is for --reliable-link; add it\n']);
    expect(await usage({ name: 'abd', fair: 'sometimes' })).toEqual([2, 'stateright model: --fair takes some of deliver, timeout, recover (comma-separated), or none (got "sometimes")\n']);
    expect(await usage({ name: 'ping-pong', reliableLink: true })).toEqual([2, 'stateright model: --reliable-link does not apply to ping-pong; its options: --max-nat, --network, --lossy\n']);
  });

  it('reports a partial search in words (depth limit, target state count, timeout)', async () => {
    const limited = await run({ name: 'paxos', maxDepth: 3 });
    expect(limited.code).toBe(1);
    expect(limited.stdout).toMatch(/"linearizable" \(always\): holds in the \d+ states explored \(depth limited to 3\)/);
    expect(limited.stdout).toMatch(/"value chosen" \(sometimes\): NO EXAMPLE in the \d+ states explored/);
    const target = await run({ name: 'linear-equation', equation: '2,4,7', targetStates: 10 });
    expect(target.stdout).toMatch(/^Done\. states=3001, /m);
    expect(target.stdout).toContain('reached --target-states 10');
  });

  it('samples with --strategy simulation (deterministic for a seed) and catches ABD without write-back', async () => {
    const a = await run({ name: 'paxos', strategy: 'simulation', targetStates: 5000, seed: 7, json: true });
    const b = await run({ name: 'paxos', strategy: 'simulation', targetStates: 5000, seed: 7, json: true });
    const strip = (s: string) => ({ ...JSON.parse(s), ms: 0 });
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    const abd = await run({ name: 'abd-no-write-back' });
    expect(abd.code).toBe(1);
    expect(abd.stdout).toContain('Checking abd-no-write-back (3 servers, 4 clients, unordered-nonduplicating network) by SIMULATION.');
    expect(abd.stdout).toContain('Property "linearizable" (always): FAILS: counterexample found');
    expect(abd.stdout).toMatch(/^Done\. states=155078, unique=155078, /m);
    expect(abd.stdout).toContain(`Action index path: ${ABD_NO_WRITE_BACK_COUNTEREXAMPLE}\n`);
  });

  it('--sequential-consistency adds the "sequentially consistent" property to register models, in text and JSON', async () => {
    const text = await run({ name: 'single-copy-register', clients: 2, sequentialConsistency: true });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'Checking single-copy-register (1 server, 2 clients, unordered-nonduplicating network, checking sequential consistency too) by DFS.',
    );
    expect(text.stdout).toMatch(/^Done\. states=121, unique=93, depth=9, sec=\d+$/m); // the same state space as without it
    expect(text.stdout).toContain('Property "linearizable" (always): holds\n');
    expect(text.stdout).toContain('Property "sequentially consistent" (always): holds\n');
    const json = JSON.parse((await run({ name: 'single-copy-register', clients: 2, sequentialConsistency: true, json: true })).stdout);
    expect(json).toMatchObject({ configuration: '1 server, 2 clients, unordered-nonduplicating network, checking sequential consistency too', complete: true, asExpected: true });
    expect(json.properties).toEqual([
      expect.objectContaining({ name: 'linearizable', expectation: 'always', holds: true, outcome: 'holds', path: null }),
      expect.objectContaining({ name: 'sequentially consistent', expectation: 'always', holds: true, outcome: 'holds', path: null }),
      expect.objectContaining({ name: 'value chosen', expectation: 'sometimes', holds: true }),
    ]);
  });

  it('--sequential-consistency: two single-copy servers are not even sequentially consistent (one client writes A, then reads the initial value)', async () => {
    // The search goes on after the first discovery until every property has one (the default).
    const { code, stdout } = await run({ name: 'single-copy-register', servers: 2, strategy: 'bfs', sequentialConsistency: true, json: true });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ states: 69, unique: 54, depth: 8, complete: false, asExpected: false });
    expect(report.properties).toEqual([
      expect.objectContaining({ name: 'linearizable', holds: false, outcome: 'FAILS: counterexample found', encodedPath: '0/0/0/0/0' }),
      expect.objectContaining({ name: 'sequentially consistent', holds: false, outcome: 'FAILS: counterexample found', encodedPath: '0/0/0/0/0' }),
      expect.objectContaining({ name: 'value chosen', holds: true }),
    ]);
    // Client 2's own program order is broken: its write of A is acknowledged, then it reads '\0'.
    expect(report.properties[1].path).toEqual([
      "server 0 receives Put(2, 'A') from client 2",
      'client 2 receives PutOk(2) from server 0',
      'server 1 receives Get(4) from client 2',
      "client 2 receives GetOk(4, '\\0') from server 1",
    ]);
  });

  it('--sequential-consistency: ABD without write-back is sequentially consistent where it is not linearizable', async () => {
    // The same random walk as the default run (seed 0), which finds its 47-step counterexample at
    // 155,078 states, stopped there: a property does not change the walk, and every state visited,
    // the counterexample's last one included, is checked against both properties.
    const { code, stdout } = await run({ name: 'abd-no-write-back', sequentialConsistency: true, targetStates: 155078, json: true });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ strategy: 'simulation', states: 155078, configuration: expect.stringContaining('checking sequential consistency too') });
    const [linearizable, sequential] = report.properties;
    expect(linearizable).toMatchObject({ name: 'linearizable', holds: false, outcome: 'FAILS: counterexample found', encodedPath: ABD_NO_WRITE_BACK_COUNTEREXAMPLE });
    expect(linearizable.path).toHaveLength(47);
    // The counterexample's last state was checked too: its history is sequentially consistent.
    expect(sequential).toEqual({
      name: 'sequentially consistent',
      expectation: 'always',
      holds: true,
      unknown: false,
      outcome: 'holds in the 155,078 states explored (random simulation)',
      path: null,
      encodedPath: null,
    });
  });

  it('prints one JSON object with --json', async () => {
    const { code, stdout } = await run({ name: 'single-copy-register', servers: 2, strategy: 'bfs', json: true });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ model: 'single-copy-register', strategy: 'bfs', states: 69, unique: 54, depth: 8, complete: false });
    expect(typeof report.ms).toBe('number');
    expect(report.properties).toEqual([
      expect.objectContaining({ name: 'linearizable', expectation: 'always', holds: false, encodedPath: '0/0/0/0/0' }),
      expect.objectContaining({ name: 'value chosen', expectation: 'sometimes', holds: true }),
    ]);
    expect(report.properties[0].path).toEqual([
      "server 0 receives Put(2, 'A') from client 2",
      'client 2 receives PutOk(2) from server 0',
      'server 1 receives Get(4) from client 2',
      "client 2 receives GetOk(4, '\\0') from server 1",
    ]);
  });

  it('writes the sequence chart of the first failing discovery (--svg) and an HTML report (--report)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stateright-model-'));
    const svg = join(dir, 'chart.svg');
    const report = join(dir, 'report.html');
    const { code, stdout } = await run({ name: 'single-copy-register', servers: 2, strategy: 'bfs', svg, report });
    expect(code).toBe(1);
    expect(stdout).toContain(`wrote ${svg}`);
    const chart = readFileSync(svg, 'utf8');
    expect(chart).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(chart).toContain('client 2');
    expect(chart).toContain('GetOk(4, ');
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('counterexample for &quot;linearizable&quot;');
    expect(html).toContain('server 1 receives Get(4) from client 2');
  });

  it('says so when there is no discovery to draw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stateright-model-'));
    const { code, stderr } = await run({ name: 'paxos', maxDepth: 2, svg: join(dir, 'none.svg') });
    expect(code).toBe(1); // no "value chosen" example within depth 2
    expect(stderr).toContain('no discovery, so no sequence chart');
  });

  it("checks Stateright's other examples with their default sizes and depths", async () => {
    const lock = await run({ name: 'increment-lock' });
    expect(lock.code).toBe(0);
    expect(lock.stdout).toContain('Checking increment-lock (3 threads) by DFS.');
    expect(lock.stdout).toMatch(/^Done\. states=61, unique=61, depth=13, sec=\d+$/m);
    expect((await run({ name: 'increment-lock', symmetry: true })).stdout).toMatch(/^Done\. states=16, unique=13, depth=13, sec=\d+$/m);
    const raft = await run({ name: 'raft', maxDepth: 6 });
    expect(raft.stdout).toContain('Checking raft (3 servers, unordered-nonduplicating network, up to 1 crashed) by BFS.');
    expect(raft.stdout).toMatch(/^Done\. states=12679, unique=4461, depth=6, sec=\d+$/m); // Stateright 0.31: raft check 3 6
    expect(raft.stdout).toContain('Property "Election Liveness" (sometimes): example found');
    expect(raft.stdout).toContain('Property "Election Safety" (always): holds in the 4,461 states explored (depth limited to 6)');
    const timers = await run({ name: 'timers', maxDepth: 3 });
    expect(timers.code).toBe(0);
    expect(timers.stdout).toMatch(/^Done\. states=\d+, unique=\d+, depth=3, sec=\d+$/m);
    expect((await run({ name: 'lww-register', clients: 1, maxDepth: 3 })).code).toBe(0);
    expect(await listing()).toMatch(/raft\n.*NOT a correct Raft.*\n\s+why it fails: a server that crashes and recovers forgets its vote/);
    expect(await listing()).toContain('--servers 3 --network unordered-nonduplicating --strategy bfs --max-depth 12');
  });

  it('lists the models and their options', async () => {
    const { code, stdout } = await run({ list: true });
    expect(code).toBe(0);
    for (const name of MODEL_NAMES) expect(stdout).toContain(`  ${name}\n`);
    expect(stdout).toBe(`${await listing()}\n`);
    expect(stdout).toContain('--servers 3 --clients 4 --network unordered-nonduplicating --max-crashes 0 --fair deliver,timeout --strategy simulation');
  });
});

describe('usage errors (exit 2, one line on stderr, no stack trace)', () => {
  it.each([
    [{}, /name a model/],
    [{ name: 'zab' }, /unknown model "zab"; choose one of: single-copy-register, abd, paxos/],
    [{ name: 'paxos', rms: 3 }, /--rms does not apply to paxos; its options: --servers, --clients, --network, --lossy, --max-crashes/],
    [{ name: 'increment', servers: 2 }, /--servers does not apply to increment; its options: --threads/],
    [{ name: 'paxos', clients: 0 }, /--clients must be an integer from 1 to 9 \(got 0\)/],
    [{ name: 'paxos', servers: 2.5 }, /--servers must be an integer/],
    [{ name: 'paxos', network: 'carrier-pigeon' }, /--network must be one of ordered, unordered-duplicating, unordered-nonduplicating/],
    [{ name: 'paxos', strategy: 'astar' }, /--strategy must be one of bfs, dfs, simulation/],
    [{ name: 'paxos', maxDepth: 0 }, /--max-depth must be an integer from 1 up/],
    [{ name: 'paxos', timeout: -1 }, /--timeout must be a positive number of seconds/],
    [{ name: 'paxos', symmetry: true }, /paxos has no symmetry reduction/],
    [{ name: 'increment', symmetry: true, strategy: 'bfs' }, /--symmetry applies to DFS only/],
    [{ name: 'linear-equation', equation: '1,2' }, /--equation must be three integers from 0 to 255/],
    [{ name: 'two-phase-commit', svg: 'x.svg' }, /--svg draws a message sequence chart, which needs an actor model/],
    [{ name: 'two-phase-commit', sequentialConsistency: true }, /--sequential-consistency is for register models \(single-copy-register, abd, .*\), and two-phase-commit is not one; its options: --rms$/m],
    [{ name: 'ping-pong', sequentialConsistency: true }, /--sequential-consistency is for register models .*, and ping-pong is not one/],
    [{ name: 'increment', sequentialConsistency: true }, /--sequential-consistency is for register models .*, and increment is not one/],
    [{ name: 'linear-equation', sequentialConsistency: true }, /--sequential-consistency is for register models .*, and linear-equation is not one/],
  ] as const)('%j', async (args, message) => {
    const { code, stdout, stderr } = await run(args as ModelArguments);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^stateright model: [^\n]+\n$/);
  });
});

describe('stateright model --workers', () => {
  it('runs BFS on the available cores by default, and DFS on one thread', async () => {
    const cores = availableParallelism();
    const bfs = await run({ name: 'paxos' }, true);
    expect(bfs.code).toBe(0);
    expect(bfs.stdout).toContain(cores > 1 ? ` by BFS on ${cores} worker threads.` : ' by BFS.');
    expect(bfs.stdout).toMatch(/^Done\. states=\d+, unique=\d+, depth=\d+/m);
    const dfs = await run({ name: 'single-copy-register' }, true);
    expect(dfs.stdout).toContain(' by DFS.');
    expect(dfs.stdout).toMatch(/^Done\. states=121, unique=93, depth=9, sec=\d+$/m);
  });

  it('checks Paxos by BFS on 2 workers with the single-thread counts and the same discovery path', async () => {
    const one = await run({ name: 'paxos', workers: 1 });
    const two = await run({ name: 'paxos', workers: 2 });
    expect(two.code).toBe(0);
    expect(two.stdout).toContain('by BFS on 2 worker threads.');
    expect(two.stdout).toMatch(/^Done\. states=32971, unique=16668, depth=21, sec=\d+$/m);
    const pathOf = (out: string) => out.match(/^Action index path: .*$/m)?.[0];
    expect(pathOf(two.stdout)).toBe(pathOf(one.stdout));
  });

  it('loads bundled models by name with their size options and symmetry', async () => {
    const tpc = await run({ name: 'two-phase-commit', rms: 5, symmetry: true, workers: 2 });
    expect(tpc.code).toBe(0);
    expect(tpc.stdout).toMatch(/^Done\. states=4091, unique=665, depth=\d+, sec=\d+$/m);
    const broken = await run({ name: 'paxos-no-adopt', workers: 2, json: true });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).properties[0]).toMatchObject({ name: 'linearizable', holds: false });
  });

  it('rejects a worker count that is not a positive integer: exit 2', async () => {
    for (const workers of [0, 1.5, 1000]) {
      const { code, stderr } = await run({ name: 'paxos', workers });
      expect(code).toBe(2);
      expect(stderr).toContain('--workers must be an integer from 1 to 256');
    }
  });
});
