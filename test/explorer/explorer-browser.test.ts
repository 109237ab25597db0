/**
 * The Explorer page in a real browser (Debian's chromium through playwright-core), served by
 * `stateright explore`: follow a discovery link, read the sequence diagram and the client history,
 * step with the keyboard, walk with Enter, and use back/forward. No console errors and no request
 * leaves the Explorer's own server. Page code is passed as strings: tests compile without the DOM
 * library.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startExplore, type ExploreArguments } from '../../cli/explore-command.js';
import type { RunningExplorer } from '../../src/explorer/index.js';
import { SKIP_BROWSER, withBrowser } from '../render/browser.js';

async function serve(args: ExploreArguments): Promise<RunningExplorer<unknown, unknown>> {
  const quiet = { write: () => true };
  const running = await startExplore({ ...args, port: 0 }, { stdout: quiet, stderr: quiet });
  if (typeof running === 'number') throw new Error(`explore failed with exit code ${running}`);
  return running;
}

/** Opens the page and collects console errors, page errors and requests to anywhere else. */
async function open(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(url) || target.startsWith('data:')) return route.continue();
    errors.push(`network: ${target}`);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('#actions li');
  return errors;
}

const hash = (page: Page) => page.evaluate('location.hash') as Promise<string>;
/** Waits until the page shows the state at `path` (breadcrumbs end with it). */
async function shown(page: Page, path: string): Promise<void> {
  await page.waitForFunction(`location.hash === ${JSON.stringify(`#/steps/${path}`)} && document.body.getAttribute('data-path') === ${JSON.stringify(path)}`);
}

describe.skipIf(SKIP_BROWSER)('Explorer in chromium', () => {
  it('paxos-no-adopt: jump to the discovery, see it in the sequence diagram and the history, step back with the keyboard', async () => {
    const running = await serve({ name: 'paxos-no-adopt' });
    try {
      await withBrowser(async (context) => {
        const page = await context.newPage();
        const errors = await open(page, running.url);
        const link = page.locator('li[data-property="linearizable"] a.discovery');
        await link.waitFor({ timeout: 20_000 });
        await expect.poll(() => page.locator('li[data-property="linearizable"] .prop-status').innerText()).toContain('Counterexample found');
        const discovery = ((await link.getAttribute('href')) ?? '').replace('#/steps/', '');
        expect(discovery).toMatch(/^0(\/\d+)+$/);
        await link.click();
        await shown(page, discovery);
        expect(await page.locator('li[data-property="linearizable"] .prop-here').innerText()).toBe('fails here');
        // The counterexample: two clients read different decided values.
        const chart = page.locator('#chart svg');
        expect(await chart.locator('g.lane').count()).toBe(5);
        const messages = await chart.locator('g.message title').allTextContents();
        expect(messages.filter((m) => m.startsWith('GetOk')).length).toBeGreaterThanOrEqual(2);
        expect(await page.locator('#verdict').innerText()).toContain('not linearizable');
        const frame = page.frameLocator('#timeline');
        await expect.poll(() => frame.locator('.badge').innerText()).toBe('not linearizable');
        expect(await page.locator('#system table.system tbody tr').count()).toBe(5);

        await page.keyboard.press('Backspace');
        const parent = discovery.replace(/\/\d+$/, '');
        await shown(page, parent);
        expect(await page.locator('li[data-property="linearizable"] .prop-here').innerText()).toBe('holds here');
        // j then Enter takes the second enabled action; the browser's back button returns.
        await page.keyboard.press('j');
        await page.keyboard.press('Enter');
        await page.waitForFunction(`location.hash.split('/').length === ${parent.split('/').length + 3}`);
        const child = (await hash(page)).replace('#/steps/', '');
        await shown(page, child);
        await page.evaluate('history.back()');
        await shown(page, parent);
        await page.evaluate('history.forward()');
        await shown(page, child);
        // Go to a pasted link.
        await page.fill('#goto-input', `${running.url}#/steps/${discovery}`);
        await page.press('#goto-input', 'Enter');
        await shown(page, discovery);
        expect(errors).toEqual([]);
      });
    } finally {
      await running.close();
    }
  });

  it('two-phase-commit --rms 5: walk ten steps with Enter', async () => {
    const running = await serve({ name: 'two-phase-commit', rms: 5 });
    try {
      await withBrowser(async (context) => {
        const page = await context.newPage();
        const errors = await open(page, running.url);
        let path = '';
        const states: string[] = [];
        for (let step = 0; step <= 10; step++) {
          const first = (await page.locator('#actions li.selected a').getAttribute('href')) ?? '';
          await page.keyboard.press('Enter');
          path = first.replace('#/steps/', '');
          await shown(page, path);
          states.push(await page.locator('#state').innerText());
        }
        expect(path.split('/').length).toBe(11);
        expect(await hash(page)).toBe(`#/steps/${path}`);
        expect(states.every((s) => s.length > 0)).toBe(true);
        expect(new Set(states).size).toBeGreaterThan(3); // (some 2PC steps re-deliver a message and change nothing)
        expect(await page.locator('#breadcrumbs a').count()).toBe(11);
        expect(await page.locator('#chart-card').isHidden()).toBe(true);
        expect(errors).toEqual([]);
      });
    } finally {
      await running.close();
    }
  });
});
