/**
 * The Explorer shows a lasso in a real browser (Debian's chromium through playwright-core): on the
 * lossy-retry model with unfair deliveries, "Jump to discovery" leads to the state where the cycle
 * closes, the breadcrumbs mark where the cycle starts, and the sequence chart shades the cycle's
 * steps with an arrow back to its first state.
 */
import { describe, expect, it } from 'vitest';
import { lossyRetryModel } from '../../src/examples/lossy-retry.js';
import { explore } from '../../src/explorer/index.js';
import { SKIP_BROWSER, withBrowser } from '../render/browser.js';

const PROPERTY = 'the sender gets a Pong';

describe.skipIf(SKIP_BROWSER)('Explorer in chromium: liveness', () => {
  it('shows a lasso with its cycle marked', async () => {
    const running = await explore(lossyRetryModel({ fairDelivery: false }), { port: 0 });
    try {
      await withBrowser(async (context) => {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        await page.goto(running.url);
        const item = page.locator(`li[data-property="${PROPERTY}"]`);
        const link = item.locator('a.discovery');
        await link.waitFor({ timeout: 20_000 });
        await expect.poll(() => item.locator('.prop-status').innerText()).toContain('Counterexample found (a cycle)');
        expect(await item.innerText()).toMatch(/the cycle starts at step \d+/);
        const discovery = ((await link.getAttribute('href')) ?? '').replace('#/steps/', '');
        await link.click();
        await page.waitForFunction(`document.body.getAttribute('data-path') === ${JSON.stringify(discovery)}`);
        await page.locator('.breadcrumbs .cycle-start').waitFor();
        const start = Number(/from step (\d+)/.exec(await page.locator('.breadcrumbs .cycle-note').innerText())![1]);
        const steps = discovery.split('/').length - 1;
        // Steps start+1 … steps are the cycle: all but the cycle's first crumb are marked in it.
        expect(await page.locator('.breadcrumbs .in-cycle').count()).toBe(steps - start);
        const chart = page.locator('#chart svg');
        await chart.locator('g.cycle rect.cycle-steps').waitFor();
        expect(await chart.locator('g.cycle path.cycle-back').count()).toBe(1);
        expect(await chart.locator('g.cycle text.cycle-start').textContent()).toContain(`step ${start}`);
        expect(errors).toEqual([]);
      });
    } finally {
      await running.close();
    }
  }, 60_000);
});
