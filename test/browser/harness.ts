/**
 * Browser-test harness: one built sample database cached under the temp dir (keyed by the
 * pipeline and generator sources, so a change rebuilds it), the client built once, the
 * app served on a loopback port, and Debian's Chromium driven by playwright-core.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';
import type { Database } from '../../server/engine/db.ts';
import { clientDistDir, repoRoot } from '../../server/api/command.ts';
import { ensureClientBuilt } from '../../server/api/start.ts';
import { sampleDatabase, withLock } from '../api/sample.ts';
import { startServer, testUsers, type Client, type TestServer } from '../api/server.ts';
import type { SecurityConfig } from '../../server/auth/config.ts';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/** The cached sample database (see test/api/sample.ts). */
export { sampleDatabase };

export interface Session {
  base: string;
  db: Database;
  browser: Browser;
  server: TestServer;
  /** The API as the user the browser is signed in as. */
  api: Client;
  /** Console errors, page errors and Content-Security-Policy violations seen by every page opened with `open`. */
  errors: string[];
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Builds what is needed, serves the secured app (test users, see test/api/server.ts) and launches Chromium. */
export async function startSession(options: { signInAs?: keyof typeof testUsers | null; config?: Partial<SecurityConfig> } = {}): Promise<Session> {
  const path = await sampleDatabase();
  await withLock(join(tmpdir(), 'caseload-client-build.lock'), () => ensureClientBuilt());
  const dir = mkdtempSync(join(tmpdir(), 'caseload-browser-'));
  const server = await startServer(path, dir, { clientDir: clientDistDir, config: options.config });
  const base = server.base;
  const role = options.signInAs === undefined ? 'admin' : options.signInAs;
  const api = role ? (role === 'admin' ? server.admin : await server.signIn(testUsers[role])) : server.anonymous;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'en-US', timezoneId: 'America/New_York' });
  if (role) await signInContext(context, api, base);
  const errors: string[] = [];
  mkdirSync(screenshotDir, { recursive: true });
  return {
    base,
    db: server.db,
    browser,
    server,
    api,
    errors,
    async open(url: string) {
      const page = await context.newPage();
      await watch(page, url, errors);
      await page.goto(base + url);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Gives a browser context the session cookie of a signed-in API client (as the sign-in page would). */
export async function signInContext(context: BrowserContext, api: Client, base: string): Promise<void> {
  const probe = await api.fetch('/api/auth/session');
  if (probe.status !== 200) throw new Error('the API client is not signed in');
  const cookie = api.cookie;
  if (!cookie) throw new Error('no cookie to hand to the browser');
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
}

/** Records console errors, page errors and CSP violations (reported as console errors by Chromium, and as events). */
export async function watch(page: Page, label: string, errors: string[]): Promise<void> {
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(`${label}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${label}: ${e.message}`));
  await page.exposeFunction('__cspViolation', (text: string) => errors.push(`${label}: CSP violation ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation?: (t: string) => void }).__cspViolation?.(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page, exclude: string[] = []): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol: an injected <script> would be (rightly) blocked by the app's CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(async (excluded) => {
    const run = (window as unknown as { axe: { run(ctx: object, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return run.run(excluded.length > 0 ? { include: [['body']], exclude: excluded.map((e) => [e]) } : document, { resultTypes: ['violations'] });
  }, exclude);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/**
 * Waits until the view for the current URL has rendered (the router commits after the URL changes, inside a
 * transition), no loading indicator is shown and every chart has drawn.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.querySelector<HTMLElement>('main');
    return main?.dataset.rendered === location.pathname + location.search && document.querySelectorAll('.state-loading').length === 0 && main.querySelector('h1') !== null;
  });
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-canvas')].every((c) => c.querySelector('svg')));
}

/** The page is no wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
