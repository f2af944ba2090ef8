/** Overview, drill-down, definitions and Program in real Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { horizontalOverflow, screenshotDir, seriousViolations, settle, startSession, type Session } from './harness.ts';
import { computeReport } from '../../server/report/index.ts';

let session: Session;

beforeAll(async () => {
  session = await startSession();
}, 240_000);
afterAll(async () => {
  await session?.close();
});

const tileValue = (page: Page, measure: string, cohort: string) =>
  page.locator(`[data-kpi="${measure}"] [data-cohort="${cohort}"] [data-value]`).innerText();

async function trendData(page: Page, measure: string): Promise<{ month: string; cohort: string; numerator: number; denominator: number }[]> {
  const url = new URL(page.url());
  const params = new URLSearchParams(url.search);
  params.set('measure', measure);
  for (const key of [...params.keys()]) if (!['from', 'to', 'condition', 'payer', 'program', 'measure'].includes(key)) params.delete(key);
  const response = await session.api.fetch(`/api/overview/trend?${params}`);
  return (await response.json()).datasets.trend;
}

describe('Overview', () => {
  it('renders tiles and trends, fits 1366×768, passes axe, logs no errors', async () => {
    const page = await session.open('/');
    await settle(page);
    expect(await page.locator('.kpi-tile').count()).toBe(4);
    expect(await page.locator('.trend-panel svg').count()).toBe(4);
    for (const measure of ['admissions_per_1000', 'ed_visits_per_1000', 'readmission_rate', 'alos']) {
      expect(await tileValue(page, measure, 'managed')).toMatch(/^[\d,]+\.\d( %)?$/);
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshotDir, 'overview.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(session.errors).toEqual([]);
    await page.close();
  });

  it('shows the same numbers as computeReport for the same period', async () => {
    const page = await session.open('/?from=2024-01&to=2024-12');
    await settle(page);
    const report = await computeReport(session.db, { from: '2024-01-01', to: '2024-12-31' });
    const fmt = (v: number | null) => (v == null ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    for (const cohort of ['managed', 'unmanaged', 'all'] as const) {
      const c = report.cohorts[cohort];
      expect(await tileValue(page, 'admissions_per_1000', cohort)).toBe(fmt(c.admissions_per_1000));
      expect(await tileValue(page, 'ed_visits_per_1000', cohort)).toBe(fmt(c.ed_visits_per_1000));
      expect(await tileValue(page, 'alos', cohort)).toBe(fmt(c.alos));
      expect(await tileValue(page, 'readmission_rate', cohort)).toBe(c.readmission_rate == null ? '—' : `${fmt(c.readmission_rate * 100)} %`);
    }
    await page.close();
  });

  it('changing a filter changes the charts and the URL, and the back button restores both', async () => {
    const page = await session.open('/');
    await settle(page);
    const before = await page.locator('[data-trend="admissions_per_1000"] svg').innerHTML();
    const tileBefore = await tileValue(page, 'admissions_per_1000', 'all');
    await page.selectOption('select[name="condition"]', 'diabetes');
    await page.waitForURL(/condition=diabetes/);
    await settle(page);
    await page.waitForFunction((b) => document.querySelector('[data-trend="admissions_per_1000"] svg')?.innerHTML !== b, before);
    await expect.poll(() => tileValue(page, 'admissions_per_1000', 'all')).not.toBe(tileBefore);
    await page.fill('input[name="from"]', '2024-04');
    await page.waitForURL(/from=2024-04/);
    await settle(page);
    await expect.poll(() => page.locator('.period-note').innerText()).toContain('Apr 2024');
    await page.goBack();
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('condition'));
    await settle(page);
    await expect.poll(() => tileValue(page, 'admissions_per_1000', 'all')).toBe(tileBefore);
    expect(session.errors).toEqual([]);
    await page.close();
  });

  it('clicking a month of a cohort opens the admissions behind that number, then a patient', async () => {
    const page = await session.open('/?from=2024-01&to=2024-12');
    await settle(page);
    const points = page.locator('[data-trend="admissions_per_1000"] .mark-symbol path');
    const count = await points.count();
    expect(count).toBeGreaterThan(10);
    const box = (await points.nth(Math.floor(count / 2)).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/\/drill\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('events')).toBe('admissions');
    expect(url.searchParams.get('from')).toBe('2024-01');
    const month = url.searchParams.get('month')!;
    const cohort = url.searchParams.get('cohort')!;
    await settle(page);
    const data = await trendData(await session.open('/?from=2024-01&to=2024-12'), 'admissions_per_1000');
    const point = data.find((p) => p.month.startsWith(month) && p.cohort === cohort)!;
    expect(point).toBeDefined();
    const caption = await page.locator('#drill-table .table-caption, .state-empty').first().innerText();
    expect(caption).toContain(point.numerator === 0 ? 'No admissions' : `${point.numerator.toLocaleString('en-US')} event`);
    if (point.numerator > 0) {
      expect(await page.locator('#drill-table tbody tr').count()).toBe(Math.min(point.numerator, 100));
      await page.screenshot({ path: join(screenshotDir, 'drill-down.png'), fullPage: true });
      await page.locator('#drill-table tbody tr a').first().click();
      await page.waitForURL(/\/patients\/[^/?]+\?/);
      await settle(page);
      expect(await page.locator('h1').innerText()).toMatch(/^Patient /);
      await page.goBack();
      await page.waitForURL(/\/drill\?/);
    }
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/');
    expect(new URL(page.url()).searchParams.get('from')).toBe('2024-01');
    await page.close();
  });

  it('marks a tile whose latest month breaks a control limit, in the signal colour only there', async () => {
    let found: { url: string; measure: string; cohort: string; month: string } | undefined;
    for (let m = 1; m <= 24 && !found; m++) {
      const to = `${2023 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`;
      for (const condition of ['any', 'diabetes', 'hypertension']) {
        const body = await (await session.api.fetch(`/api/overview/kpis?to=${to}&condition=${condition}`)).json();
        for (const kpi of body.kpis) for (const [cohort, v] of Object.entries<any>(kpi.cohorts)) {
          if (v.signal && !found) found = { url: `/?to=${to}&condition=${condition}`, measure: kpi.measure, cohort, month: v.signal.month };
        }
      }
    }
    expect(found, 'no control-limit signal anywhere in two years of the sample').toBeDefined();
    const page = await session.open(found!.url);
    await settle(page);
    const signal = page.locator(`[data-kpi="${found!.measure}"] [data-cohort="${found!.cohort}"] .kpi-signal`);
    const [y, mo] = found!.month.split('-').map(Number);
    expect(await signal.innerText()).toContain(`${new Date(Date.UTC(y, mo - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${y}`);
    expect(await signal.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(179, 64, 10)');
    const to = new URL(session.base + found!.url).searchParams.get('to')!;
    const [ty, tm] = to.split('-').map(Number);
    const fromIndex = ty * 12 + tm - 1 - 11;
    const expectedFrom = `${Math.floor(fromIndex / 12)}-${String((fromIndex % 12) + 1).padStart(2, '0')}`;
    expect(await page.inputValue('input[name="from"]')).toBe(expectedFrom < '2022-01' ? '2022-01' : expectedFrom);
    await page.screenshot({ path: join(screenshotDir, 'overview-signal.png') });
    await page.close();
  });

  it('shows designed empty states when nothing matches the filters', async () => {
    const page = await session.open('/?payer=No%20such%20payer');
    await settle(page);
    expect(await page.locator('[data-trend="admissions_per_1000"] .state-empty').innerText()).toContain('No admissions in this period');
    expect(await page.locator('[data-trend="ed_visits_per_1000"] .state-empty').innerText()).toContain('No ED visits in this period');
    expect(await page.locator('[data-kpi="admissions_per_1000"] .kpi-empty').innerText()).toBe('No member months in this period for this selection.');
    expect(await page.inputValue('select[name="payer"]')).toBe('No such payer');
    await page.screenshot({ path: join(screenshotDir, 'overview-empty.png') });
    expect(session.errors).toEqual([]);
    await page.close();
  });

  it('links every measure name to its plain-language definition', async () => {
    const page = await session.open('/');
    await settle(page);
    await page.locator('[data-kpi="readmission_rate"] .kpi-title a').click();
    await page.waitForURL(/define=readmission_rate/);
    const panel = page.locator('.definitions-panel');
    await panel.locator('[data-testid="definition"]').waitFor();
    expect(await panel.locator('[data-testid="definition"] h3').innerText()).toBe('30-day readmission rate');
    expect(await panel.innerText()).toMatch(/unplanned admission within 30 days/);
    await page.screenshot({ path: join(screenshotDir, 'definitions-panel.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => !u.search.includes('define'));
    await page.locator('.definitions-panel').waitFor({ state: 'detached' });
    await page.close();
  });
});

describe('Program', () => {
  it('renders the comparison and before/after, exports CSV rows as shown and charts as PNG and SVG', async () => {
    const page = await session.open('/program');
    await settle(page);
    expect(await page.locator('.chart svg').count()).toBe(2);
    const table = page.locator('.table-block').first();
    const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(shown.length).toBe(12);
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r\n/);
    expect(csv[0]).toBe('Measure,Cohort,Value,95 % interval,Events,Denominator');
    expect(csv.length - 1).toBe(shown.length);
    csv.slice(1).forEach((line, i) => {
      const cells = parseCsvLine(line);
      expect(cells[0]).toBe(shown[i][0]);
      expect(cells[1]).toBe(shown[i][1]);
      const one = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      const value = Number(cells[2]);
      expect(shown[i][2]!.endsWith(' %') ? `${one(value * 100)} %` : one(value)).toBe(shown[i][2]);
      expect(cells[4]).toBe(shown[i][4]!.replaceAll(',', ''));
    });
    for (const type of ['PNG', 'SVG']) {
      const [image] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: type }).first().click()]);
      expect(image.suggestedFilename()).toBe(`managed-vs-unmanaged.${type.toLowerCase()}`);
      const bytes = readFileSync((await image.path())!);
      if (type === 'PNG') expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      else expect(bytes.toString('utf8')).toMatch(/^<svg/);
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshotDir, 'program.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Clicking the managed point of the admissions panel lists the admissions behind it.
    const managedEvents = shown.find((r) => r[0] === 'Admissions per 1,000' && r[1] === 'Managed')![4]!;
    const point = page.locator('.chart').first().locator('.mark-symbol path').first();
    const box = (await point.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/\/drill\?.*events=admissions/);
    expect(new URL(page.url()).searchParams.get('cohort')).toBe('managed');
    await settle(page);
    expect(await page.locator('#drill-table .table-caption, .state-empty').first().innerText()).toContain(managedEvents === '0' ? 'No admissions' : `${managedEvents} event`);
    await page.getByRole('link', { name: '← Program' }).click();
    await page.waitForURL((u) => u.pathname === '/program');
    expect(session.errors).toEqual([]);
    await page.close();
  });
});

/** Splits one CSV line, honouring double-quoted fields. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  const pattern = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
  for (const match of line.matchAll(pattern)) {
    cells.push(match[2] !== undefined ? match[2].replaceAll('""', '"') : match[1]);
    if (match[3] === '') break;
  }
  return cells;
}
