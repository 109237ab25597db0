/**
 * The run report in a real browser (Debian's chromium through playwright-core): it renders with
 * no console error and no network, the plots have one point per second of the run, and the
 * nemesis's faults are shaded; `load --report` writes it from a real run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunHistory, runReportHtml, runSeries, type RunOp } from '../../src/render/index.js';
import { SKIP_BROWSER, openOffline, withBrowser } from './browser.js';
import { load, serve, tempDir } from '../runtime/harness.js';

const ARTIFACTS = resolve('test-artifacts');

/** A 6-second run: two clients, an op every 200 ms each, a partition from 2 s to 3.5 s. */
function syntheticRun(): RunOp[] {
  const t0 = 1_700_000_000_000;
  const ops: RunOp[] = [];
  for (let p = 0; p < 2; p++) {
    for (let t = 0; t < 5800; t += 200) {
      ops.push({ type: 'invoke', process: p, f: 'read', value: null, time: t0 + t + p });
      const type = t >= 2000 && t < 3500 ? 'info' : t % 1000 === 0 ? 'fail' : 'ok';
      ops.push({ type, process: p, f: 'read', value: 'init', time: t0 + t + p + (type === 'info' ? 150 : 20) });
    }
  }
  ops.push({ type: 'info', process: 'nemesis', f: 'start-partition', value: { kind: 'partition-halves' }, time: t0 + 2000 });
  ops.push({ type: 'info', process: 'nemesis', f: 'stop-partition', value: 'partition-halves', time: t0 + 3500 });
  return ops.sort((a, b) => a.time - b.time);
}

describe('run series', () => {
  it('buckets completions by second, by outcome, with median latencies, and pairs nemesis starts and stops', () => {
    const s = runSeries(syntheticRun());
    expect(s.seconds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.ok[0] + s.fail[0] + s.info[0]).toBe(10);
    expect(s.info[2]).toBe(10);
    expect(s.okLatency[0]).toBe(20);
    expect(s.infoLatency[2]).toBe(150);
    expect(s.nemesis).toEqual([{ f: 'start-partition', value: { kind: 'partition-halves' }, start: s.origin + 2000 - 0, stop: s.origin + 3500 }]);
  });
});

describe.skipIf(SKIP_BROWSER)('run report in chromium', () => {
  async function open(file: string): Promise<{ errors: string[]; report: { points: number; nemesis: number; x: number } }> {
    return withBrowser(async (context) => {
      const page = await context.newPage();
      const errors = await openOffline(page, file);
      await page.waitForFunction("'runReport' in window");
      const report = (await page.evaluate('({ points: window.runReport.points, nemesis: window.runReport.nemesis, x: window.runReport.throughput.data[0].length })')) as {
        points: number;
        nemesis: number;
        x: number;
      };
      await page.screenshot({ path: file.replace(/\.html$/, '.png'), fullPage: true });
      return { errors, report };
    });
  }

  it('renders a synthetic run: one point per second, the partition shaded, the explanation shown', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'run-report.html');
    writeFileSync(file, runReportHtml({ title: 'synthetic run', ops: syntheticRun(), verdict: { valid: false, text: 'NOT linearizable' }, explanation: 'the read at 2.1 s saw a lost write' }));
    const { errors, report } = await open(file);
    expect(errors).toEqual([]);
    expect(report).toEqual({ points: 6, nemesis: 1, x: 6 });
    expect(readFileSync(file, 'utf8')).toContain('the read at 2.1 s saw a lost write');
  }, 60_000);

  it('load --report writes the report of a real run under a nemesis', async () => {
    const log = join(tempDir(), 'nemesis.jsonl');
    const report = join(tempDir(), 'run.html');
    const servers = await serve({ protocol: 'abd', servers: 3, nemesis: 'partition-random-node,pause', every: 0.5, healAfter: 0.25, nemesisLog: log, seed: 2 });
    let history: string;
    try {
      const run = await load(servers, { duration: 2, clients: 2, timeoutMs: 200, seed: 2, nemesisLog: log, report });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      history = run.history;
    } finally {
      await servers.stop();
    }
    const ops = parseRunHistory(readFileSync(history, 'utf8'));
    const times = ops.map((o) => o.time);
    const seconds = Math.floor((Math.max(...times) - Math.min(...times)) / 1000) + 1;
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('linearizable');
    const { errors, report: shown } = await open(report);
    expect(errors).toEqual([]);
    expect(shown.points).toBe(seconds);
    expect(shown.x).toBe(seconds);
    expect(shown.nemesis).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
