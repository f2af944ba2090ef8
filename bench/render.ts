/** First meaningful render of the Overview in headless Chromium: navigation start → all KPI tiles show numbers. */
import { chromium } from 'playwright-core';

export interface RenderResult {
  /** Cold: first load in a fresh browser context (nothing cached). */
  coldMs: number;
  /** Each warm reload in the same context. */
  warmMs: number[];
  tiles: number;
}

const READY = `() => {
  const tiles = [...document.querySelectorAll('.kpi-tile')];
  return tiles.length >= 4 && tiles.every((t) => t.querySelector('[data-value], .kpi-empty') !== null);
}`;

/** Opens `base/` signed in with `cookie` and times until the KPI tiles hold values; `warmRuns` reloads follow. */
export async function timeOverviewRender(base: string, cookie: string, warmRuns = 3, timeoutMs = 60_000): Promise<RenderResult> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const once = async () => {
      const started = performance.now();
      await page.goto(`${base}/`, { waitUntil: 'commit', timeout: timeoutMs });
      await page.waitForFunction(READY, undefined, { timeout: timeoutMs, polling: 'raf' });
      return Math.round(performance.now() - started);
    };
    const coldMs = await once();
    const warmMs: number[] = [];
    for (let i = 0; i < warmRuns; i++) warmMs.push(await once());
    const tiles = await page.locator('.kpi-tile [data-value]').count();
    return { coldMs, warmMs, tiles };
  } finally {
    await browser.close();
  }
}
