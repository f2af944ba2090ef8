/** First meaningful render of the Overview in headless Chromium: navigation start → all KPI tiles show numbers. */
import { chromium } from 'playwright-core';

export interface RenderResult {
  /** Cold: first load in a fresh browser context (nothing cached). */
  coldMs: number;
  /** Each warm reload in the same context. */
  warmMs: number[];
  /** Per load: cohort values shown as numbers and as suppressed "<11" when it counted as rendered. */
  valuesShown: { values: number; suppressed: number }[];
  /** Numbers shown 2 s after the last load (checks the page did not fall back to a loading state). */
  valuesAfterSettle: number;
}

type Shown = { values: number; suppressed: number };


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
    const valuesShown: RenderResult['valuesShown'] = [];
    const once = async () => {
      await page.goto('about:blank');
      const started = performance.now();
      await page.goto(`${base}/`, { waitUntil: 'commit', timeout: timeoutMs });
      const handle = await page.waitForFunction(
        // Once all four tiles show their values (a number, a suppressed "<11", or the empty state): what they show.
        // Inline and anonymous on purpose: tsx would wrap named functions in a __name helper the page lacks, and the CSP forbids strings.
        () => {
          const tiles = [...document.querySelectorAll('.kpi-tile')];
          const done = tiles.length >= 4 && tiles.every((t) => t.querySelector('.kpi-empty') !== null ||
            (t.querySelectorAll('.kpi-value').length > 0 && [...t.querySelectorAll('.kpi-value')].every((v) => v.querySelector('[data-value], [data-suppressed]') !== null)));
          return done && { values: document.querySelectorAll('.kpi-tile .kpi-value [data-value]').length, suppressed: document.querySelectorAll('.kpi-tile .kpi-value [data-suppressed]').length };
        },
        undefined, { timeout: timeoutMs, polling: 'raf' });
      const elapsed = Math.round(performance.now() - started);
      valuesShown.push(((await handle.jsonValue()) as Shown | false) || { values: 0, suppressed: 0 });
      return elapsed;
    };
    const coldMs = await once();
    const warmMs: number[] = [];
    for (let i = 0; i < warmRuns; i++) warmMs.push(await once());
    await page.waitForTimeout(2000);
    const valuesAfterSettle = await page.locator('.kpi-tile [data-value]').count();
    return { coldMs, warmMs, valuesShown, valuesAfterSettle };
  } finally {
    await browser.close();
  }
}
