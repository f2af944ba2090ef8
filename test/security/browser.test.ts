/**
 * Sign-in in real Chromium under the strict Content-Security-Policy: the sign-in page,
 * a wrong password, an admin session (views, Admin page, audit export), sign-out, and an
 * aggregate-only role seeing "<11" in tiles, tables and CSV exports — with a console free
 * of errors and CSP violations, and eval refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir, seriousViolations, settle, startSession, type Session } from '../browser/harness.ts';
import { TEST_PASSWORD, testUsers } from '../api/server.ts';

let session: Session;

beforeAll(async () => {
  session = await startSession({ signInAs: null });
}, 240_000);
afterAll(async () => {
  await session?.close();
});

async function signIn(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (password === TEST_PASSWORD) await page.locator('[data-testid="signed-in"]').waitFor();
}

describe('signing in and out', () => {
  it('asks for a sign-in, refuses a wrong password, lets an admin in and out; the console stays free of CSP violations', async () => {
    const page = await session.open('/');
    await page.locator('h1', { hasText: 'Sign in to Caseload' }).waitFor();
    expect(await page.locator('nav').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'sign-in.png') });

    await signIn(page, testUsers.admin, 'not the password');
    expect(await page.getByRole('alert').innerText()).toBe('Wrong user name or password');
    expect(session.errors.every((e) => /401 \(Unauthorized\)/.test(e))).toBe(true);
    session.errors.length = 0;

    await signIn(page, testUsers.admin);
    await settle(page);
    const who = page.locator('[data-testid="signed-in"]');
    expect(await who.innerText()).toMatch(/test-admin · Administrator/);
    expect(await page.locator('nav a').allInnerTexts()).toEqual(['Overview', 'Program', 'Patients', 'Data quality', 'Admin']);
    expect(await page.locator('.trend-panel svg').count()).toBe(4);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'caseload_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // An injected inline script and a string timer (eval) must not run under the CSP.
    const before = session.errors.length;
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.appendChild(script);
      (setTimeout as unknown as (code: string) => void)('window.__evalRan = true');
    });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => [Boolean((window as { __inlineRan?: boolean }).__inlineRan), Boolean((window as { __evalRan?: boolean }).__evalRan)])).toEqual([false, false]);
    const violations = session.errors.splice(before);
    expect(violations.some((v) => /script-src/.test(v))).toBe(true);

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.locator('#audit-table tbody tr').first().waitFor();
    expect(await page.locator('.table-block', { hasText: 'users' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#audit-table tbody tr').first().innerText()).toMatch(/login|audit_read|phi_read/);
    expect(await page.locator('.chain-ok').innerText()).toMatch(/Chain intact/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('id,logged_at,username,role,event,route,params,person_ids,row_count,status,request_id,client_ip,prev_hash,hash');
    expect(csv.some((l) => l.includes(',login,'))).toBe(true);
    await page.getByRole('button', { name: 'Rebuild marts' }).click();
    await page.locator('[data-rebuild-state="succeeded"]').waitFor({ timeout: 45_000 });
    expect(await page.locator('[data-rebuild-state]').innerText()).toMatch(/Last rebuild succeeded in [\d.]+ s .*: data through \d+ \w+ \d{4}\./);
    expect(await page.getByRole('button', { name: 'Rebuild marts' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'admin.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('h1', { hasText: 'Sign in to Caseload' }).waitFor();
    expect(await page.getByRole('status').innerText()).toBe('You have signed out.');
    expect((await page.context().cookies()).find((c) => c.name === 'caseload_session')).toBeUndefined();
    expect(await page.evaluate(async () => (await fetch('/api/meta')).status)).toBe(401);
    session.errors.splice(0, session.errors.length, ...session.errors.filter((e) => !/401 \(Unauthorized\)/.test(e)));
    expect(session.errors).toEqual([]);
    await page.close();
  });

  it('shows an aggregate-only role its views only, with suppressed cells as "<11" on screen and in CSV exports', async () => {
    const page = await session.open('/?program=Heart%20Failure%20Transitions');
    await page.context().clearCookies();
    await page.reload();
    await signIn(page, testUsers.quality);
    await settle(page);
    expect(await page.locator('[data-testid="signed-in"]').innerText()).toMatch(/test-quality · Quality lead · small counts hidden/);
    expect(await page.locator('nav a').allInnerTexts()).toEqual(['Overview', 'Program']);
    const marks = page.locator('[data-suppressed]');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(new Set(await marks.allTextContents())).toEqual(new Set(['<11']));
    await page.screenshot({ path: join(screenshotDir, 'overview-suppressed.png'), fullPage: true });
    expect(await page.locator('[data-testid="control-charts"] [data-chart-suppressed]').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Program' }).click();
    await settle(page);
    for (const [index, caption] of ['Managed vs unmanaged,', 'Enrolled members by month from enrolment'].entries()) {
      const table = page.locator('.table-block', { has: page.locator('.table-caption', { hasText: caption }) });
      await table.locator('tbody tr').first().waitFor();
      const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
      const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Download CSV' }).click()]);
      const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n').slice(1);
      expect(lines.length).toBe(shown.length);
      let hidden = 0;
      lines.forEach((line, i) => {
        const cells = line.split(',');
        shown[i].forEach((text, j) => {
          if (text === '<11') {
            hidden++;
            expect(cells.includes('<11'), `row ${i} of table ${index}`).toBe(true);
          }
        });
        expect(cells.filter((c) => c === '<11').length).toBe(shown[i].filter((t) => t === '<11').length);
      });
      expect(hidden, `table ${index}`).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(screenshotDir, 'program-suppressed.png'), fullPage: true });

    await page.goto(`${session.base}/patients`);
    await page.locator('.state-empty', { hasText: 'not available for your role' }).waitFor();
    expect(session.errors).toEqual([]);
    await page.close();
  });
});
