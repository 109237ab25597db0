/**
 * Model-checked protocols run for real: servers on 127.0.0.1 (ports chosen by the system),
 * clients recording a history, and `check` on what they observed. Durations are bounded and
 * faults seeded; a test that hunts for a violation retries within a bound.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHistoryFile } from '../../histories/index.js';
import { runCheck } from '../../cli/check-command.js';
import { captureIo, load, serve, tempDir, type LoadRun } from './harness.js';

/** The history lines of the operations whose completions are at `core` (with their invocations). */
function coreHistory(run: LoadRun, core: readonly number[]): string {
  const keep = new Set<number>();
  for (const c of core) {
    keep.add(c);
    const process = run.lines[c].process;
    for (let i = c - 1; i >= 0; i--) {
      if (run.lines[i].process === process && run.lines[i].type === 'invoke') {
        keep.add(i);
        break;
      }
    }
  }
  return [run.header, ...[...keep].sort((a, b) => a - b).map((i) => run.lines[i])].map((line) => JSON.stringify(line)).join('\n');
}

describe('serve + load + check', () => {
  it('single-copy register, one server: the recorded history is linearizable', async () => {
    const servers = await serve({ protocol: 'single-copy-register', servers: 1 });
    try {
      const run = await load(servers, { duration: 0.5 });
      expect(run.code).toBe(0);
      expect(run.summary!.ok).toBeGreaterThan(50);
      expect(run.stdout).toMatch(/: linearizable \(register, \d+ ops/);
      // --max-writes caps the writes; values are unique per write, request ids per request.
      const limited = await load(servers, { duration: 0.3, maxWrites: 20 });
      const writes = limited.lines.filter((l) => l.type === 'invoke' && l.f === 'write');
      expect(writes).toHaveLength(20);
      expect(new Set(writes.map((l) => l.value)).size).toBe(20);
      const invokes = limited.lines.filter((l) => l.type === 'invoke');
      expect(new Set(invokes.map((l) => l.request)).size).toBe(invokes.length);
    } finally {
      await servers.stop();
    }
  });

  it('(a) Paxos, 3 servers with reliable peers, 4 clients, 3 s, 10% drop, 5% duplication, 0–20 ms delay: linearizable, a Put acknowledged, ≥ 100 ok', async () => {
    // Safety is asserted on every run: each recorded history must be linearizable. Liveness
    // is up to chance: single-decree Paxos answers exactly one Put (the decided proposal's) and
    // never another, so one lost PutOk (10% drop), or a decision slower than the client's
    // timeout, leaves a run without an acknowledged Put; and a loaded machine slows every
    // operation. Runs repeat (at most 4) until one has an acknowledged Put and ≥ 100 ok
    // operations. Every Put after the decision ends as info, and the checker's search doubles
    // with each indeterminate write of a distinct value, so the workload stops writing after 8.
    let live = false;
    const seen: string[] = [];
    for (let attempt = 0; attempt < 4 && !live; attempt++) {
      const servers = await serve({ protocol: 'paxos', servers: 3, reliablePeers: true, drop: 0.1, duplicate: 0.05, delay: '0-20', seed: attempt });
      try {
        const run = await load(servers, { duration: 3, clients: 4, timeoutMs: 200, putRatio: 0.5, maxWrites: 8, seed: attempt });
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toMatch(/: linearizable \(register, \d+ ops/);
        seen.push(run.stdout.split('\n')[0]);
        const postDecisionPutsTimedOut = run.lines.some((l) => l.type === 'info' && l.f === 'write');
        live = run.summary!.okWrites > 0 && run.summary!.ok >= 100 && postDecisionPutsTimedOut;
      } finally {
        await servers.stop();
      }
    }
    expect(live, seen.join('\n')).toBe(true);
  });

  it('(b) single-copy register on 2 servers: a recorded history is NOT linearizable, with a sound core', async () => {
    let found = false;
    for (let attempt = 0; attempt < 10 && !found; attempt++) {
      const servers = await serve({ protocol: 'single-copy-register', servers: 2 });
      try {
        const run = await load(servers, { duration: 0.3, clients: 3, seed: attempt });
        if (run.code === 0) continue;
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('NOT linearizable');
        const verdict = checkHistoryFile(run.history, { model: 'register' });
        expect(verdict.valid).toBe(false);
        expect(verdict.core!.length).toBeGreaterThanOrEqual(2);
        // Sound: the core's operations alone are already impossible.
        const corePath = join(tempDir(), 'core.jsonl');
        writeFileSync(corePath, coreHistory(run, verdict.core!));
        expect(checkHistoryFile(corePath, { model: 'register' }).valid).toBe(false);
        found = true;
      } finally {
        await servers.stop();
      }
    }
    expect(found).toBe(true);
  });

  it('no blind reads: one acknowledged write, then reads of the initial value from the other single-copy server, is NOT linearizable', async () => {
    // Two single-copy servers are two registers: after the one write is acknowledged by one of
    // them, the other still answers the initial value. Those reads must count against the write.
    const servers = await serve({ protocol: 'single-copy-register', servers: 2 });
    try {
      const run = await load(servers, { clients: 3, duration: 1, maxWrites: 1 });
      expect(run.header).toEqual({ model: 'register', init: 'init' });
      expect(run.summary!.okWrites).toBe(1);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.lines.some((l) => l.type === 'ok' && l.f === 'read' && l.value === 'init')).toBe(true);
      expect(run.stdout).toContain('NOT linearizable');
      // The explanation names the acknowledged write and a later read of the initial value: both
      // in the core, or the read in the core and the write as the context that explains it.
      const verdict = checkHistoryFile(run.history);
      expect(verdict.valid).toBe(false);
      const named = [...verdict.core!, ...(verdict.context ?? [])].map((i) => run.lines[i]);
      expect(verdict.core!.map((i) => run.lines[i])).toContainEqual(expect.objectContaining({ type: 'ok', f: 'read', value: 'init' }));
      expect(named).toContainEqual(expect.objectContaining({ type: 'ok', f: 'write', value: 'v1' }));
      expect(run.stdout).toMatch(/#\d+ read init by process \d+/);
      expect(run.stdout).toMatch(/#\d+ write v1 by process \d+/);
      // `check` on the file needs no flags for it.
      const c = captureIo();
      expect(runCheck({ files: [run.history], format: 'auto', consistency: 'linearizable', independent: false, json: false, expectFromNames: false }, c.io)).toBe(1);
      expect(c.stdout).toContain('NOT linearizable (register');
    } finally {
      await servers.stop();
    }
  }, 20_000);
});
