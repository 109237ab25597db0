/** Debian's chromium driven by playwright-core, for the report tests. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

/** Browser tests skip without chromium, except under CI (`CI` set), where they must run. */
export const SKIP_BROWSER = !existsSync(CHROMIUM) && !process.env.CI;

export async function withBrowser<T>(run: (context: BrowserContext) => Promise<T>): Promise<T> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium is not installed at ${CHROMIUM} (apt-get install chromium); CI=${process.env.CI ?? ''} requires the browser tests to run`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'stateright-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    return await run(context);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Opens a report file, collecting console errors, page errors and any request other than the
 * file itself (a report must need no network) into the returned list, which fills as the page runs.
 */
export async function openOffline(page: Page, file: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (errors.push(`network: ${route.request().url()}`), route.abort())));
  await page.goto(pathToFileURL(file).href);
  return errors;
}
