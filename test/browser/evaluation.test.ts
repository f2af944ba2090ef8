/** The program evaluation on the Program view and the control charts on the Overview, in real Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { horizontalOverflow, screenshotDir, seriousViolations, settle, startSession, type Session } from './harness.ts';

let session: Session;

beforeAll(async () => {
  session = await startSession();
}, 300_000);
afterAll(async () => {
  await session?.close();
});

const ratio = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('Program evaluation', () => {
  it('shows the adjusted estimate with its interval and the ROI; a new PMPM fee changes the ROI and the URL', async () => {
    const page = await session.open('/program');
    await settle(page);
    const adjusted = page.locator('[data-estimate="adjusted-admissions"]');
    expect(await adjusted.locator('[data-value]').innerText()).toMatch(/^[+−±]\d+\.\d %$/);
    expect(await adjusted.locator('[data-interval]').innerText()).toMatch(/^95 % CI [+−±]?[\d.]+ % to [+−±]?[\d.]+ %$/);
    const roi = page.locator('[data-estimate="roi"]');
    const api = await (await session.api.fetch('/api/program/evaluation')).json();
    expect(await roi.locator('[data-value]').innerText()).toBe(ratio(api.savings.program_period.roi.estimate).replace('-', '−'));
    expect(await roi.locator('[data-interval]').innerText()).toMatch(/^95 % CI /);
    expect(await page.locator('[data-testid="balance"] tbody tr').count()).toBe(api.balance.length);
    expect(await page.locator('[data-count="treated"]').innerText()).toBe(api.matching.treated.toLocaleString('en-US'));
    expect(await page.locator('[data-testid="assumptions"] li').count()).toBeGreaterThan(5);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshotDir, 'program-evaluation.png'), fullPage: true });
    await page.locator('#program-evaluation').screenshot({ path: join(screenshotDir, 'program-evaluation-section.png') });
    expect(await seriousViolations(page)).toEqual([]);

    const before = await roi.locator('[data-value]').innerText();
    await page.getByLabel('Fee per member per month', { exact: true }).click();
    await page.waitForURL(/cost=pmpm/);
    await settle(page);
    const fee = page.locator('input[name="pmpm"]');
    await fee.fill('250');
    await fee.press('Enter');
    await page.waitForURL(/pmpm=250/);
    await settle(page);
    const expected = await (await session.api.fetch('/api/program/evaluation?cost=pmpm&pmpm=250')).json();
    // The URL changes before the re-priced evaluation arrives; wait for the tile to redraw.
    const want = ratio(expected.savings.program_period.roi.estimate).replace('-', '−');
    await expect.poll(() => roi.locator('[data-value]').innerText(), { timeout: 15_000 }).toBe(want);
    const after = await roi.locator('[data-value]').innerText();
    expect(after).toBe(ratio(expected.savings.program_period.roi.estimate).replace('-', '−'));
    expect(after).not.toBe(before);
    expect(await page.locator('[data-testid="assumptions"]').innerText()).toContain('fee of $250.00 per managed member per month');

    // Reloading keeps the assumption (it lives in the URL).
    await page.reload();
    await settle(page);
    expect(await page.locator('input[name="pmpm"]').inputValue()).toBe('250');
    expect(await roi.locator('[data-value]').innerText()).toBe(after);

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 740, height: 960 });
    await page.screenshot({ path: join(screenshotDir, 'program-board-summary.png'), fullPage: true });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.filter-bar').isVisible()).toBe(false);
    expect(await page.locator('[data-estimate="roi"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="assumptions"]').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    writeFileSync(join(screenshotDir, 'program-board-summary.pdf'), pdf);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length, 'board summary pages').toBe(1);
    expect(session.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('rejects an out-of-range fee without calling the API', async () => {
    const page = await session.open('/program?cost=pmpm&pmpm=100');
    await settle(page);
    const fee = page.locator('input[name="pmpm"]');
    await fee.fill('1000000');
    await fee.press('Enter');
    expect(await page.locator('.field-problem').innerText()).toMatch(/between 0 and 100,000/);
    expect(page.url()).toContain('pmpm=100');
    await page.close();
  }, 60_000);
});

describe('Overview control charts', () => {
  it('shows three control charts below the trends with special causes marked, per cohort', async () => {
    const page = await session.open('/');
    await settle(page);
    const section = page.locator('[data-testid="control-charts"]');
    expect(await section.locator('.control-chart svg').count()).toBe(3);
    const specials = await section.locator('[data-special-causes]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-special-causes'))));
    expect(specials.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await section.locator('svg path[fill="#D55E00"], svg path[style*="#D55E00"], svg path[fill="#d55e00"]').count()).toBeGreaterThan(0);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'overview-control-charts.png'), fullPage: true });
    await page.selectOption('select[name="ccCohort"]', 'managed');
    await page.waitForURL(/ccCohort=managed/);
    await page.waitForFunction(() => document.querySelector('[data-testid="control-charts"] .control-chart svg')?.textContent?.includes('Managed;'));
    await settle(page);
    expect(await section.locator('.control-chart svg').count()).toBe(3);
    expect(await section.locator('.control-chart').first().innerText()).toContain('Managed');
    expect(await seriousViolations(page)).toEqual([]);
    expect(session.errors).toEqual([]);
    await page.close();
  }, 120_000);
});
