/**
 * A protocol that is not bundled, from module to checked real run: the primary-backup register of
 * test/system/fixtures/primary-backup.ts goes through `model` (counts), `explore` (`/.status`),
 * `serve` and `load --check` (linearizable), and its broken variant is caught both by the model
 * and in a real run.
 */
import { describe, expect, it } from 'vitest';
import { startExplore } from '../../cli/explore-command.js';
import { runModel } from '../../cli/model-command.js';
import type { StatusJson } from '../../src/explorer/index.js';
import { getJson } from '../explorer/http.js';
import { captureIo, load, serve } from '../runtime/harness.js';

const FIXTURE = 'test/system/fixtures/primary-backup.ts';

describe('your own protocol, end to end', () => {
  it('model: counts and the verdict', async () => {
    const c = captureIo();
    const code = await runModel({ module: FIXTURE, export: 'primaryBackup', workers: 1, json: true }, c.io);
    const report = JSON.parse(c.stdout) as { states: number; unique: number; depth: number; complete: boolean; asExpected: boolean };
    expect(code).toBe(0);
    expect(report).toMatchObject({ complete: true, asExpected: true });
    expect([report.states, report.unique, report.depth]).toEqual([1188, 874, 19]);
  });

  it('explore: the page serves the system and its status', async () => {
    const c = captureIo();
    const running = await startExplore({ module: FIXTURE, export: 'primaryBackup', port: 0 }, c.io);
    if (typeof running === 'number') throw new Error(c.stderr);
    try {
      expect(c.stdout).toContain('Exploring primary-backup (2 servers, 2 clients, unordered-nonduplicating network)');
      let status = await getJson<StatusJson>(running.port, '/.status');
      for (let i = 0; i < 100 && !status.done; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await getJson<StatusJson>(running.port, '/.status');
      }
      expect(status).toMatchObject({ done: true, unique_state_count: 874 });
    } finally {
      await running.close();
    }
  });

  it('serve and load --check: the real run is linearizable', async () => {
    const servers = await serve({ module: FIXTURE, export: 'primaryBackup', servers: 3 });
    try {
      const run = await load(servers, { module: FIXTURE, export: 'primaryBackup', clients: 3, duration: 1 });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/linearizable/);
      expect(run.header).toEqual({ model: 'register', init: 'none' });
      expect(run.summary!.ok).toBeGreaterThan(20);
      // Reads of the initial value are recorded as the value they are.
      expect(run.lines.every((l) => l.value !== null || l.f === 'read')).toBe(true);
    } finally {
      await servers.stop();
    }
  });

  it('the broken variant: caught by the model, and in a real run with delayed copies', async () => {
    const c = captureIo();
    expect(await runModel({ module: FIXTURE, export: 'brokenPrimaryBackup', workers: 1 }, c.io)).toBe(1);
    expect(c.stdout).toContain('Property "linearizable" (always): FAILS');
    // Server datagrams are delayed 0–30 ms, so a copy can reach a backup after the acknowledged write's reader.
    const servers = await serve({ module: FIXTURE, export: 'brokenPrimaryBackup', servers: 2, delay: '0-30' });
    try {
      const run = await load(servers, { module: FIXTURE, export: 'brokenPrimaryBackup', clients: 4, duration: 1.5, putRatio: 0.3 });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/NOT linearizable|not linearizable/);
    } finally {
      await servers.stop();
    }
  });
});
