/**
 * Small-cell suppression of the evaluation routes for aggregate-only roles: a control chart
 * with a hidden month is withheld whole (no values, no centre, no limits), and the program
 * evaluation's counts are hidden with complements — checked by solving the shown numbers
 * as a linear system, as an attacker would. Admins see every value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, type Client, type TestServer } from '../api/server.ts';
import { derivable, type Equation } from './linear.ts';

let server: TestServer;
let quality: Client;

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir);
  quality = await server.signIn(testUsers.quality);
}, 240_000);
afterAll(async () => {
  await server?.close();
  if (server) removeDir(server.dir);
});

type Chart = { id: string; suppressed: boolean; centre: number | null; spec: { datasets: { control: { numerator: number; denominator: number }[] } } | null };
const small = (n: number) => n >= 1 && n <= 10;

describe('control charts', () => {
  it('withhold a chart whole from a quality user when any of its months is small, and show it to an admin', async () => {
    let withheld = 0;
    for (const program of ['Complex Care', 'Heart Failure Transitions', 'all']) {
      for (const cohort of ['managed', 'other']) {
        const q = `/api/overview/control-charts?cohort=${cohort}&program=${encodeURIComponent(program)}&from=2023-01&to=2024-12`;
        const admin = (await getJson(server.admin, q)).body.charts as Chart[];
        const shown = (await getJson(quality, q)).body.charts as Chart[];
        admin.forEach((truth, i) => {
          expect(truth.suppressed).toBe(false);
          const rows = truth.spec!.datasets.control;
          const hasSmall = rows.some((r) => small(r.numerator) || small(r.denominator));
          const chart = shown[i];
          if (hasSmall) {
            withheld++;
            expect(chart, `${program} ${cohort} ${truth.id}`).toMatchObject({ suppressed: true, spec: null, centre: null });
            expect((chart as unknown as { message: string }).message).toBe('Suppressed: some months count fewer than 11 events');
          }
          if (!chart.suppressed) expect(chart.spec!.datasets.control).toEqual(rows);
        });
      }
    }
    expect(withheld, 'the sample has charts with small months').toBeGreaterThan(0);
  }, 120_000);
});

const reasons = ['baseline_under_12_months', 'no_follow_up_month', 'no_match_within_caliper'];

describe('program evaluation', () => {
  it('hides small matching and observed counts from a quality user so that none can be solved from the shown ones; an admin sees them all', async () => {
    // A one-month period: few events per cohort.
    const q = '/api/program/evaluation?from=2024-06&to=2024-06';
    const { body: truth } = await getJson(server.admin, q);
    const { body: shown } = await getJson(quality, q);
    expect(truth.suppressed).toEqual([]);
    expect(truth.matching.treated).toBe(truth.matching.matched + truth.matching.dropped);

    const cells: { label: string; truth: number; shown: number | null; eq: Equation }[] = [];
    const cell = (label: string, t: number, s: number | null, eq: Equation = new Map([[label, 1]])) => cells.push({ label, truth: t, shown: s, eq });
    const m = truth.matching;
    const u = (...keys: string[]) => new Map(keys.map((k) => [k, 1]));
    cell('matched', m.matched, shown.matching.matched, u('matched'));
    for (const r of reasons) cell(r, m.dropped_reasons[r] ?? 0, r in shown.matching.dropped_reasons || shown.matching.dropped_reasons[r] === null ? shown.matching.dropped_reasons[r] : 0, u(r));
    cell('treated', m.treated, shown.matching.treated, u('matched', ...reasons));
    cell('dropped', m.dropped, shown.matching.dropped, u(...reasons));
    cell('eligible', m.eligible, shown.matching.eligible, u('matched', 'no_match_within_caliper'));
    for (const k of ['member_months', 'index_stays', 'admissions', 'ed_visits', 'readmissions']) {
      for (const c of ['all', 'managed', 'unmanaged', 'other']) {
        const get = (b: { risk_adjustment: { cohorts: Record<string, Record<string, { observed: number | null } | number | null>> } }) => {
          const v = b.risk_adjustment.cohorts[c][k];
          return typeof v === 'object' && v !== null ? v.observed : v;
        };
        cell(`${k} ${c}`, get(truth) as number, get(shown), c === 'all' ? u(`${k} managed`, `${k} unmanaged`, `${k} other`) : u(`${k} ${c}`));
      }
    }
    let smallCells = 0;
    for (const c of cells) {
      if (small(c.truth)) {
        smallCells++;
        expect(c.shown, c.label).toBeNull();
      }
      if (c.shown !== null) expect(c.shown, c.label).toBe(c.truth);
    }
    expect(smallCells, 'the sample has small cells in one month').toBeGreaterThan(0);
    const hidden = cells.filter((c) => c.shown === null && c.truth !== 0).map((c) => ({ label: c.label, equation: c.eq }));
    const published = cells.filter((c) => c.shown !== null).map((c) => c.eq);
    expect(derivable(published, hidden)).toEqual([]);
    for (const c of ['all', 'managed', 'unmanaged', 'other']) {
      for (const k of ['admissions', 'ed_visits', 'readmissions']) {
        const r = shown.risk_adjustment.cohorts[c][k];
        if (r.observed === null) expect([r.oe, r.observed_rate], `${c} ${k}`).toEqual([null, null]);
      }
    }
    expect(shown.suppressed.length).toBeGreaterThan(0);
    // Balance: share × group size is a count, so the quality user gets SMDs only.
    expect(truth.balance.some((r: { treated_before: number | null }) => r.treated_before !== null)).toBe(true);
    for (const row of shown.balance) {
      expect([row.treated_before, row.comparison_before, row.treated_after, row.comparison_after], row.covariate).toEqual([null, null, null, null]);
    }
    expect(shown.balance.map((r: { smd_before: number | null }) => r.smd_before)).toEqual(truth.balance.map((r: { smd_before: number | null }) => r.smd_before));
  }, 180_000);
});
