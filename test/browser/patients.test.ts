/** Patients, one patient's page, data quality and keyboard use in real Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { horizontalOverflow, screenshotDir, seriousViolations, settle, startSession, type Session } from './harness.ts';

let session: Session;

beforeAll(async () => {
  session = await startSession();
}, 240_000);
afterAll(async () => {
  await session?.close();
});

describe('Patients', () => {
  it('shows discharges without follow-up, the caseload and case finding; the case-manager filter changes rows and URL', async () => {
    const page = await session.open('/patients');
    await settle(page);
    for (const list of ['discharged', 'worklist', 'case-finding']) expect(await page.locator(`[data-list="${list}"]`).count()).toBe(1);
    const worklistRows = page.locator('[data-list="worklist"] tbody tr');
    expect(await worklistRows.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-list="case-finding"] tbody tr').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshotDir, 'patients.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    const managers = await page.locator('select[name="caseManager"] option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value).filter(Boolean));
    expect(managers.length).toBeGreaterThan(0);
    const manager = managers[0];
    await page.selectOption('select[name="caseManager"]', manager);
    await page.waitForURL(new RegExp(`caseManager=${encodeURIComponent(manager)}`));
    await settle(page);
    const expected = await (await session.api.fetch(`/api/patients/worklist?caseManager=${encodeURIComponent(manager)}&pageSize=15`)).json();
    await expect.poll(() => page.locator('[data-list="worklist"] tbody tr td:first-child').allInnerTexts()).toEqual(expected.rows.map((r: { person_id: string }) => r.person_id));
    const managerName = await page.locator('select[name="caseManager"] option:checked').innerText();
    const names = await page.locator('[data-list="worklist"] tbody tr td:last-child').allInnerTexts();
    expect(new Set(names)).toEqual(new Set([managerName]));
    expect(session.errors).toEqual([]);
    await page.close();
  });

  it('ranks the worklist by a clicked column and exports the rows shown as CSV', async () => {
    const page = await session.open('/patients');
    await settle(page);
    const list = page.locator('[data-list="worklist"]');
    await list.getByRole('button', { name: 'Paid' }).click();
    await page.waitForURL(/wSort=paid_12m/);
    await settle(page);
    const expected = await (await session.api.fetch(`/api/patients/worklist?sort=paid_12m&pageSize=15`)).json();
    await expect.poll(() => list.locator('tbody tr td:first-child').allInnerTexts()).toEqual(expected.rows.map((r: { person_id: string }) => r.person_id));
    const paid = (await list.locator('tbody tr td:nth-child(6)').allInnerTexts()).map((t) => Number(t.replace(/[$,]/g, '')));
    expect(paid).toEqual([...paid].sort((a, b) => b - a));
    const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download CSV' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split(/\r\n/);
    expect(lines.length - 1).toBe(await list.locator('tbody tr').count());
    const ids = await list.locator('tbody tr td:first-child').allInnerTexts();
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(ids);
    await page.close();
  });

  it("opens a patient's page with the timeline, enrolments and the claims behind an event", async () => {
    const page = await session.open('/patients');
    await settle(page);
    const link = page.locator('[data-list="worklist"] tbody tr a').first();
    const id = await link.innerText();
    await link.click();
    await page.waitForURL(new RegExp(`/patients/${id}`));
    await settle(page);
    expect(await page.locator('h1').innerText()).toBe(`Patient ${id}`);
    expect(await page.locator('.chart svg').count()).toBe(1);
    const encounters = page.locator('.table-block', { hasText: 'Encounters, last 24 months' });
    expect(await encounters.locator('tbody tr').count()).toBeGreaterThan(0);
    const stay = encounters.locator('tbody tr', { hasText: 'Inpatient stay' }).first();
    const row = (await stay.count()) > 0 ? stay : encounters.locator('tbody tr').first();
    await row.getByRole('button', { name: 'Show claims' }).click();
    await page.waitForURL(/(episode|claim)=/);
    await page.locator('#claims-table').waitFor();
    await settle(page);
    expect(await page.locator('#claims-table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.table-block', { hasText: 'Program enrolment history' }).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshotDir, 'patient.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(session.errors).toEqual([]);
    await page.close();
  });

  it('answers an unknown patient with a designed error state', async () => {
    const page = await session.open('/patients/NO-SUCH-PERSON');
    await page.locator('.state-error').waitFor();
    expect(await page.locator('.state-error').innerText()).toMatch(/no patient NO-SUCH-PERSON/);
    session.errors.length = 0;
    await page.close();
  });
});

describe('Data quality', () => {
  it('shows batches, reconciliation, checks and rejects', async () => {
    const page = await session.open('/data-quality');
    await settle(page);
    for (const caption of ['Ingest batches', 'Files and reconciliation', 'Checks made by the measure pipeline', 'Rejected rows']) {
      expect(await page.locator('.table-caption', { hasText: caption }).count(), caption).toBe(1);
    }
    expect(await page.locator('.table-block', { hasText: 'Checks made by the measure pipeline' }).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshotDir, 'data-quality.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(session.errors).toEqual([]);
    await page.close();
  });
});

describe('Keyboard', () => {
  it('skips to content, reaches the views and opens a patient with the keyboard only', async () => {
    const page = await session.open('/patients');
    await settle(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => {
        const el = document.activeElement as HTMLAnchorElement | null;
        return !!el && el.tagName === 'A' && /^\/patients\/[^/]+/.test(new URL(el.href).pathname);
      });
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/patients\/[^/?]+/);
    await settle(page);
    expect(await page.locator('h1').innerText()).toMatch(/^Patient /);
    await page.close();
  });
});
