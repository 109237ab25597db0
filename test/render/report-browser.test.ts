/**
 * The HTML reports open in a real browser (Debian's chromium through playwright-core): no console
 * errors, the failing op is visible, hovering shows the state. Screenshots go to test-artifacts/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkHistory, explainViolation, registerModel } from '../../consistency/index.js';
import type { Operation } from '../../consistency/index.js';
import type { RegisterInput } from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';
import { historyReportHtml, modelReportHtml, renderCoreSvg } from '../../src/render/index.js';
import { SKIP_BROWSER, openOffline, withBrowser } from './browser.js';
import { longHistory, staleReadHistory } from './fixtures.js';

const ARTIFACTS = resolve('test-artifacts');
const model = registerModel(null);

async function writeReport(name: string, history: Operation<RegisterInput, Value>[]): Promise<{ file: string; failingId: number | null }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const result = checkHistory(history, model, 'linearizable');
  const explanation = explainViolation(history, model, 'linearizable', result);
  const coreSvg = explanation ? await renderCoreSvg(explanation, model) : null;
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, historyReportHtml({ history, model, consistency: 'linearizable', result, explanation, coreSvg, title: name }));
  return { file, failingId: result.valid === false ? result.op.id : null };
}

async function open(page: Page, file: string, timeline = true): Promise<string[]> {
  const errors = await openOffline(page, file);
  if (timeline) await page.waitForFunction("'stateright' in window");
  return errors;
}

async function hoverOp(page: Page, id: number): Promise<string> {
  // Page code as strings: the tests are compiled without the DOM library.
  const point = (await page.evaluate(`window.stateright.pointOf(${id})`)) as { x: number; y: number } | null;
  if (!point) throw new Error(`op ${id} is not on the timeline`);
  await page.mouse.move(point.x, point.y);
  await expect.poll(() => page.locator('#tip').isVisible()).toBe(true);
  return page.locator('#tip').innerText();
}

describe.skipIf(SKIP_BROWSER)('HTML report in chromium', () => {
  it('small invalid history: explanation, core graph, hover state', async () => {
    const { file, failingId } = await writeReport('report-small', staleReadHistory());
    await withBrowser(async (context) => {
      const page = await context.newPage();
      const errors = await open(page, file);
      await expect.poll(() => page.locator('pre.words').innerText()).toContain('which finished before #5 began');
      expect(await page.locator('#core svg .node').count()).toBe(3);
      // The SVG parses as XML in the browser too.
      const svgErrors = await page.evaluate(
        "new DOMParser().parseFromString(document.querySelector('#core svg').outerHTML, 'image/svg+xml').getElementsByTagName('parsererror').length",
      );
      expect(svgErrors).toBe(0);
      const failingTip = await hoverOp(page, failingId as number);
      expect(failingTip).toContain('the failing op');
      expect(failingTip).toContain('read 3 requires the value 3');
      const writeTip = await hoverOp(page, 2);
      expect(writeTip).toContain('state before: 3');
      expect(writeTip).toContain('state after: 4');
      await page.screenshot({ path: join(ARTIFACTS, 'report-small.png'), fullPage: true });
      expect(errors).toEqual([]);
    });
  });

  it('10,000-op history loads without errors and zooms to the failing op', async () => {
    const { file, failingId } = await writeReport('report-10000', longHistory(10_000, 8, true));
    await withBrowser(async (context) => {
      const page = await context.newPage();
      const started = Date.now();
      const errors = await open(page, file);
      expect(Date.now() - started).toBeLessThan(15_000);
      const tip = await hoverOp(page, failingId as number);
      expect(tip).toContain(`#${failingId}`);
      expect(tip).toContain('state');
      await page.click('button[data-action="fitAll"]');
      await page.mouse.move(700, 700);
      await page.mouse.wheel(0, -400);
      await page.screenshot({ path: join(ARTIFACTS, 'report-10000.png'), fullPage: true });
      expect(errors).toEqual([]);
    });
  });

  it('thousands of processes: only the visible lanes are drawn, and a far lane scrolls into view', async () => {
    const history = longHistory(4_000, 4_000, true);
    const lanes = new Set(history.map((op) => op.process)).size;
    expect(lanes).toBeGreaterThan(1_500); // once ~1,200 lanes of 26 px each, a full-height canvas broke
    const { file } = await writeReport('report-many-processes', history);
    await withBrowser(async (context) => {
      const page = await context.newPage();
      const errors = await open(page, file);
      const canvasHeight = (await page.evaluate("document.getElementById('timeline').getBoundingClientRect().height")) as number;
      const viewport = (await page.evaluate('window.innerHeight')) as number;
      expect(canvasHeight).toBeLessThanOrEqual(viewport);
      const scrollHeight = (await page.evaluate("document.getElementById('timeline-wrap').scrollHeight")) as number;
      expect(scrollHeight).toBeGreaterThan(lanes * 26);
      // The last lanes, then the first, then the middle: each hover scrolls its lane into view.
      for (const op of [history[history.length - 1], history[0], history[history.length >> 1]]) {
        expect(await hoverOp(page, op.id)).toContain(`#${op.id} `);
      }
      expect((await page.evaluate("document.getElementById('timeline-wrap').scrollTop")) as number).toBeGreaterThan(0);
      await page.screenshot({ path: join(ARTIFACTS, 'report-many-processes.png') });
      expect(errors).toEqual([]);
    });
  });

  it('valid history shows the witness order', async () => {
    const { file } = await writeReport('report-valid', longHistory(200, 4, false));
    await withBrowser(async (context) => {
      const page = await context.newPage();
      const errors = await open(page, file);
      expect(await page.locator('ol.order li').count()).toBe(200);
      const tip = await hoverOp(page, 10);
      expect(tip).toContain('witness order');
      await page.screenshot({ path: join(ARTIFACTS, 'report-valid.png'), fullPage: true });
      expect(errors).toEqual([]);
    });
  });

  it('model report with a sequence chart', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'model-report.html');
    writeFileSync(
      file,
      modelReportHtml({
        title: 'single-copy register, 2 clients',
        summary: 'property "linearizable" is violated',
        violation: true,
        steps: ['init', 'Deliver Put(1) from Client 0 to Server', 'Crash Server', 'Timeout(Retry) at Client 0'],
        finalState: 'Server: crashed\nClient 0: awaiting PutOk',
        encodedPath: '0/1/3/0',
        chart: {
          lanes: [
            { id: 0, label: 'Client 0' },
            { id: 1, label: 'Server' },
          ],
          steps: 3,
          actionLabels: ['Deliver Put(1)', 'Crash Server', 'Timeout(Retry)'],
          arrows: [
            { from: 0, to: 1, message: 'Put(1)', sentAt: 0, deliveredAt: 1 },
            { from: 1, to: 0, message: 'PutOk', sentAt: 1 },
          ],
          events: [
            { actor: 1, step: 2, kind: 'crash', label: 'Crash' },
            { actor: 0, step: 3, kind: 'timeout', label: 'Timeout(Retry)' },
          ],
          failingStep: 3,
          property: 'linearizable',
        },
      }),
    );
    await withBrowser(async (context) => {
      const page = await context.newPage();
      const errors = await open(page, file, false);
      expect(await page.locator('svg .message').count()).toBe(2);
      expect(await page.locator('svg .failing-step').isVisible()).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'model-report.png'), fullPage: true });
      expect(errors).toEqual([]);
    });
  });
});
