/**
 * `check --report` on a history with times and nemesis lines writes the run report `load
 * --report` writes (throughput and latency per second, faults shaded, the verdict and the
 * check's words), checked in chromium; on a history without times it writes the history report
 * and says what that cannot show.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckAndRender, type CheckArguments } from '../../cli/check-command.js';
import { SKIP_BROWSER, openOffline, withBrowser } from './browser.js';
import { captureIo, tempDir } from '../runtime/harness.js';

const T0 = 1_700_000_000_000;

/**
 * A 6-second register run as `load` writes it: two clients reading every 200 ms, a partition
 * from 2 s to 3.5 s (its reads time out), and with `stale` a write of "x" acknowledged at 0.1 s
 * that later reads miss.
 */
function runHistory(stale: boolean): string {
  const ops: Record<string, unknown>[] = [];
  if (stale) {
    ops.push({ type: 'invoke', process: 9, f: 'write', value: 'x', time: T0 + 50 });
    ops.push({ type: 'ok', process: 9, f: 'write', value: 'x', time: T0 + 100 });
  }
  for (let p = 0; p < 2; p++) {
    for (let t = 200; t < 5800; t += 200) {
      const type = t >= 2000 && t < 3500 ? 'info' : 'ok';
      ops.push({ type: 'invoke', process: p, f: 'read', value: null, time: T0 + t + p });
      ops.push({ type, process: p, f: 'read', value: type === 'ok' ? 'init' : null, time: T0 + t + p + (type === 'info' ? 150 : 20) });
      if (type === 'info') break;
    }
  }
  ops.push({ type: 'info', process: 'nemesis', f: 'start-partition', value: 'partition-halves', time: T0 + 2000 });
  ops.push({ type: 'info', process: 'nemesis', f: 'stop-partition', value: 'partition-halves', time: T0 + 3500 });
  for (let p = 2; p < 4; p++) {
    for (let t = 3600; t < 5800; t += 200) {
      ops.push({ type: 'invoke', process: p, f: 'read', value: null, time: T0 + t + p });
      ops.push({ type: 'ok', process: p, f: 'read', value: 'init', time: T0 + t + p + 20 });
    }
  }
  ops.sort((a, b) => (a.time as number) - (b.time as number));
  return [JSON.stringify({ model: 'register', init: 'init' }), ...ops.map((o) => JSON.stringify(o))].join('\n') + '\n';
}

async function check(text: string, name: string): Promise<{ code: number; stdout: string; stderr: string; report: string }> {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  const report = join(dir, 'report.html');
  const c = captureIo();
  const args: CheckArguments = { files: [file], consistency: 'linearizable', format: 'auto', independent: false, json: false, expectFromNames: false, report };
  const code = await runCheckAndRender(args, c.io);
  return { code, stdout: c.stdout, stderr: c.stderr, report };
}

describe('check --report', () => {
  it('a history without times: the history report, and a line saying what it cannot show', async () => {
    const untimed = runHistory(false)
      .split('\n')
      .map((l) => l.replace(/,"time":\d+/, ''))
      .join('\n');
    const r = await check(untimed, 'untimed.jsonl');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/untimed\.jsonl: no run report \(its operations carry no time\); the history report shows the operations in order \(timeline, conflict graph\), not throughput and latency over time nor the nemesis intervals/);
    expect(r.stderr).toContain(`wrote ${r.report}`);
    expect(readFileSync(r.report, 'utf8')).not.toContain('id="run-data"');
    const jepsenTime = runHistory(false).replace(/"time":(\d+)/g, (_, t: string) => `"time":${(Number(t) - T0) * 1_000_000}`);
    expect((await check(jepsenTime, 'nanoseconds.jsonl')).stderr).toMatch(/no run report \(its times span [\d,]+ s read as milliseconds; the run report reads time as milliseconds since the epoch/);
  });
});

describe.skipIf(SKIP_BROWSER)('check --report in chromium', () => {
  async function open(file: string) {
    return withBrowser(async (context) => {
      const page = await context.newPage();
      const errors = await openOffline(page, file);
      await page.waitForFunction("'runReport' in window");
      const shown = (await page.evaluate(
        '({ points: window.runReport.points, nemesis: window.runReport.nemesis, x: window.runReport.throughput.data[0].length, canvases: document.querySelectorAll("canvas").length, badge: document.querySelector(".badge").textContent })',
      )) as { points: number; nemesis: number; x: number; canvases: number; badge: string };
      return { errors, shown };
    });
  }

  it('a valid run with a partition: one point per second, the partition shaded, the verdict', async () => {
    const r = await check(runHistory(false), 'run.jsonl');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${r.report}\n`);
    const { errors, shown } = await open(r.report);
    expect(errors).toEqual([]);
    expect(shown).toMatchObject({ points: 6, x: 6, nemesis: 1, canvases: 2 });
    expect(shown.badge).toMatch(/^linearizable \(register, \d+ ops, /);
  }, 60_000);

  it('a stale read: the verdict and the explanation the check printed', async () => {
    const r = await check(runHistory(true), 'stale.jsonl');
    expect(r.code).toBe(1);
    const { errors, shown } = await open(r.report);
    expect(errors).toEqual([]);
    expect(shown).toMatchObject({ points: 6, nemesis: 1 });
    expect(shown.badge).toMatch(/^NOT linearizable/);
    const html = readFileSync(r.report, 'utf8');
    expect(html).toContain('Why the check failed');
    expect(html).toContain('fails at process');
  }, 60_000);
});
