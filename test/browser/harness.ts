/**
 * Browser-test harness: one built sample database cached under the temp dir (keyed by the
 * pipeline and generator sources, so a change rebuilds it), the client built once, the
 * app served on a loopback port, and Debian's Chromium driven by playwright-core.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import axe from 'axe-core';
import { Database } from '../../server/engine/db.ts';
import { createApp } from '../../server/api/app.ts';
import { clientDistDir, repoRoot } from '../../server/api/command.ts';
import { ensureClientBuilt } from '../../server/api/start.ts';
import { sampleDatabase, withLock } from '../api/sample.ts';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/** The cached sample database (see test/api/sample.ts). */
export { sampleDatabase };

export interface Session {
  base: string;
  db: Database;
  browser: Browser;
  /** Console errors and page errors seen by every page opened with `open`. */
  errors: string[];
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Builds what is needed, serves the app and launches Chromium. */
export async function startSession(): Promise<Session> {
  const path = await sampleDatabase();
  await withLock(join(tmpdir(), 'caseload-client-build.lock'), () => ensureClientBuilt());
  const db = await Database.open(path, { access_mode: 'READ_ONLY' });
  const app = createApp(db, { clientDir: clientDistDir, logError: (e) => console.error(e) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'en-US', timezoneId: 'America/New_York' });
  const errors: string[] = [];
  mkdirSync(screenshotDir, { recursive: true });
  return {
    base,
    db,
    browser,
    errors,
    async open(url: string) {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${url}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
      await page.goto(base + url);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      db.close();
    },
  };
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return run.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** Waits until no loading indicator is shown and every chart has drawn. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0 && document.querySelector('main h1') !== null);
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-canvas')].every((c) => c.querySelector('svg')));
}

/** The page is no wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
