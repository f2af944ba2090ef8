/**
 * Small-cell suppression (CMS policy) as an aggregate-only role sees it: counts of 1–10
 * hidden (0 shown), rates hidden with their numerator or denominator, and complementary
 * suppression so that no hidden count can be derived — checked by solving, as an attacker
 * would, the linear system of every number published for a year across cohorts and programs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppressCells } from '../../server/api/suppression/engine.ts';
import { monthCells, monthCubeOf, periodCells, type CubeRow } from '../../server/api/suppression/measuresCube.ts';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, type Client, type TestServer } from '../api/server.ts';
import { derivable, type Equation } from './linear.ts';

let server: TestServer;
let quality: Client;
let executive: Client;
let programs: string[];

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir);
  quality = await server.signIn(testUsers.quality);
  executive = await server.signIn(testUsers.executive);
  const meta = (await getJson(quality, '/api/meta')).body;
  programs = [...meta.filters.programs, 'none'];
}, 240_000);
afterAll(async () => {
  await server?.close();
  removeDir(server.dir);
});

describe('the suppression engine', () => {
  it('hides 1–10, shows 0 and 11', () => {
    const { hidden } = suppressCells({ values: [0, 1, 10, 11], relations: [] }, 11);
    expect([...hidden]).toEqual([0, 1, 1, 0]);
  });

  it('hides a second part when one part of a shown total is hidden (all = managed + unmanaged + other)', () => {
    // all, managed, unmanaged, other
    const { hidden } = suppressCells({ values: [250, 4, 200, 46], relations: [{ total: 0, parts: [1, 2, 3] }] }, 11);
    expect([...hidden]).toEqual([0, 1, 0, 1]);
  });

  it('keeps hiding until the hidden parts do not add up to a small count', () => {
    const { hidden } = suppressCells({ values: [230, 4, 200, 3, 23], relations: [{ total: 0, parts: [1, 2, 3, 4] }] }, 11);
    expect([...hidden]).toEqual([0, 1, 0, 1, 1]);
  });

  it('hides a period total whose only hidden month it would reveal (months fixed)', () => {
    const values = [60, 25, 5, 30];
    const { hidden } = suppressCells({ values, relations: [{ total: 0, parts: [1, 2, 3] }], fixed: [0, 1, 1, 1], hidden: [0, 0, 1, 0] }, 11);
    expect([...hidden]).toEqual([1, 0, 1, 0]);
  });

  it('covers a small run-out month by hiding a sibling month (smallest first), not the period total', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
    const values = [60, 25, 5, 30, 40, 20, 35, 45, 50, 55, 65, 70];
    const { hidden } = suppressCells({ values: [values.reduce((a, b) => a + b, 0), ...values], relations: [{ total: 0, parts: values.map((_, i) => i + 1) }] }, 11);
    expect(hidden[0], 'period total').toBe(0);
    expect([...hidden.slice(1)].map((h, i) => (h ? months[i] : null)).filter(Boolean)).toEqual(['2024-03', '2024-06']);

    // The same through the measures cube: December's managed readmissions are few (run-out month).
    const managed = (m: number) => (m === 11 ? 3 : 20 + m);
    const rows: CubeRow[] = months.flatMap((month, m) =>
      (['managed', 'unmanaged', 'other'] as const).map((cohort) => {
        const readmissions = cohort === 'managed' ? managed(m) : 100 + m;
        return { month, cohort, payer: 'all', program: 'all', member_months: 5000, admissions: 400, bed_days: 1600, ed_visits: 900, ed_treat_release: 700, ed_leading_to_admission: 200, index_stays: 400, readmissions };
      }),
    );
    for (const m of months) {
      const parts = rows.filter((r) => r.month === m);
      const sum = (k: string) => parts.reduce((a, r) => a + Number(r[k]), 0);
      rows.push({ ...parts[0], cohort: 'all', ...Object.fromEntries(Object.keys(parts[0]).filter((k) => !['month', 'cohort', 'payer', 'program'].includes(k)).map((k) => [k, sum(k)])) });
    }
    const period = { from: '2024-01', to: '2024-12', months: 12 };
    const slice = { condition: 'all', payer: 'all', program: 'all' } as Parameters<typeof monthCells>[2];
    const cube = monthCubeOf(rows, 11, period);
    const totals = periodCells(cube, period, slice, 11);
    expect(totals.managed.readmissions).toBe(months.reduce((a, _, m) => a + managed(m), 0));
    expect(totals.all.readmissions).not.toBeNull();
    const cells = monthCells(cube, period, slice);
    const hiddenManaged = cells.filter((c) => c.cohort === 'managed' && c.values.readmissions === null).map((c) => c.month);
    expect(hiddenManaged).toEqual(['2024-01-01', '2024-12-01']);
    const shown: Equation[] = [];
    const hiddenCells: { label: string; equation: Equation }[] = [];
    const eq = (ms: string[], cohort: string): Equation => new Map(ms.flatMap((m) => (cohort === 'all' ? cohorts : [cohort]).map((c) => [`${m}|${c}`, 1])));
    for (const c of cells) (c.values.readmissions === null ? hiddenCells.push({ label: `${c.month} ${c.cohort}`, equation: eq([c.month], c.cohort) }) : shown.push(eq([c.month], c.cohort)));
    for (const [cohort, v] of Object.entries(totals)) if (v.readmissions !== null) shown.push(eq(cells.map((c) => c.month), cohort));
    expect(derivable(shown, hiddenCells)).toEqual([]);
  });

  it('hides a linked amount with its count, and a threshold of 5 hides 1–4 only', () => {
    const { hidden } = suppressCells({ values: [3, 900], relations: [], links: [[0, 1]], isCount: (i) => i === 0 }, 11);
    expect([...hidden]).toEqual([1, 1]);
    expect([...suppressCells({ values: [4, 5], relations: [] }, 5).hidden]).toEqual([1, 0]);
  });
});

interface Point {
  month: string;
  cohort: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
}

const cohorts = ['managed', 'unmanaged', 'other'];
const period = { from: '2024-01', to: '2024-12' };

/** The unknown cells a published (month or period) × cohort × program number sums. */
function equationFor(months: string[], cohort: string, program: string): Equation {
  const eq: Equation = new Map();
  for (const m of months) for (const c of cohort === 'all' ? cohorts : [cohort]) for (const p of program === 'all' ? programs : [program]) eq.set(`${m}|${c}|${p}`, 1);
  return eq;
}

/** Every number an aggregate-only user is shown for one column over the year: trends and KPI totals, for every program and all. */
async function published(client: Client, column: { measure: string; side: 'numerator' | 'denominator' }[]) {
  const shown: Equation[] = [];
  const hidden: { label: string; equation: Equation }[] = [];
  const months: string[] = [];
  const add = (label: string, eq: Equation, value: number | null, raw?: number) => {
    if (value === null) hidden.push({ label, equation: eq });
    else {
      shown.push(eq);
      if (raw !== undefined) expect(value, label).toBe(raw);
    }
  };
  for (const program of ['all', ...programs]) {
    for (const { measure, side } of column) {
      for (const cohort of [undefined, 'other']) {
        const q = `measure=${measure}&from=${period.from}&to=${period.to}&program=${encodeURIComponent(program)}${cohort ? `&cohort=${cohort}` : ''}`;
        const { body } = await getJson(client, `/api/overview/trend?${q}`);
        for (const p of body.datasets.trend as Point[]) {
          if (!months.includes(p.month)) months.push(p.month);
          add(`${measure} ${side} ${p.month} ${p.cohort} ${program}`, equationFor([p.month], p.cohort, program), p[side]);
        }
      }
      const { body: kpis } = await getJson(client, `/api/overview/kpis?from=${period.from}&to=${period.to}&program=${encodeURIComponent(program)}`);
      const kpi = kpis.kpis.find((k: { measure: string }) => k.measure === measure);
      if (kpi) for (const c of ['managed', 'unmanaged', 'all']) add(`${measure} ${side} period ${c} ${program}`, equationFor(months.length ? months : ['x'], c, program), kpi.cohorts[c][side]);
    }
  }
  return { shown, hidden, months };
}

describe('what an aggregate-only role is shown', () => {
  const columns = {
    admissions: [{ measure: 'admissions_per_1000', side: 'numerator' as const }, { measure: 'alos', side: 'denominator' as const }],
    readmissions: [{ measure: 'readmission_rate', side: 'numerator' as const }],
    index_stays: [{ measure: 'readmission_rate', side: 'denominator' as const }],
    member_months: [{ measure: 'admissions_per_1000', side: 'denominator' as const }],
    ed_visits: [{ measure: 'ed_visits_per_1000', side: 'numerator' as const }],
  };

  it.each(Object.entries(columns))('no hidden %s count (month or period, any cohort, any program) can be solved from the shown ones', async (_name, column) => {
    const { shown, hidden } = await published(quality, column);
    expect(hidden.length, 'the sample has small cells to hide').toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(0);
    expect(derivable(shown, hidden)).toEqual([]);
  });

  it('hides every count from 1 to 10 and shows every 0 (never "0" for a hidden cell)', async () => {
    let small = 0;
    let zeros = 0;
    for (const program of ['all', ...programs]) {
      const { body } = await getJson(quality, `/api/overview/trend?measure=readmission_rate&from=2022-01&to=2024-12&program=${encodeURIComponent(program)}&cohort=managed`);
      const { body: raw } = await getJson(server.admin, `/api/overview/trend?measure=readmission_rate&from=2022-01&to=2024-12&program=${encodeURIComponent(program)}&cohort=managed`);
      (body.datasets.trend as Point[]).forEach((p, i) => {
        const truth = (raw.datasets.trend as Point[])[i];
        for (const side of ['numerator', 'denominator'] as const) {
          if (truth[side]! >= 1 && truth[side]! <= 10) {
            small++;
            expect(p[side], `${p.month} ${side}`).toBeNull();
          }
          if (truth[side] === 0) {
            zeros++;
            expect(p[side]).toBe(0);
          }
          if (p[side] !== null) expect(p[side]).toBe(truth[side]);
        }
      });
    }
    expect(small).toBeGreaterThan(0);
    expect(zeros).toBeGreaterThan(0);
  });

  it('hides a rate, its interval and the change whenever its numerator or denominator is hidden (a readmission rate over few index stays included)', async () => {
    let hiddenRates = 0;
    let fewIndexStays = 0;
    for (const program of ['all', ...programs]) {
      for (const month of ['2023-03', '2024-06', '2024-12']) {
        const { body } = await getJson(executive, `/api/overview/kpis?from=${month}&to=${month}&program=${encodeURIComponent(program)}`);
        const { body: raw } = await getJson(server.admin, `/api/overview/kpis?from=${month}&to=${month}&program=${encodeURIComponent(program)}`);
        body.kpis.forEach((kpi: { measure: string; cohorts: Record<string, Point & { change: number | null; previous: Point }> }, k: number) => {
          for (const [cohort, v] of Object.entries(kpi.cohorts)) {
            const truth = raw.kpis[k].cohorts[cohort];
            if (v.numerator === null || v.denominator === null) {
              hiddenRates++;
              expect(v).toMatchObject({ value: null, lower: null, upper: null, change: null, suppressed: true });
            }
            if (kpi.measure === 'readmission_rate' && truth.denominator >= 1 && truth.denominator <= 10) {
              fewIndexStays++;
              expect(v).toMatchObject({ value: null, lower: null, upper: null, denominator: null, suppressed: true });
              expect([0, null]).toContain(v.numerator);
            }
          }
        });
      }
    }
    expect(hiddenRates).toBeGreaterThan(0);
    expect(fewIndexStays).toBeGreaterThan(0);
  });

  it('puts no hidden number into a chart spec: trend points, tooltips and the comparison carry nulls and a suppressed mark', async () => {
    const { body: spec } = await getJson(quality, '/api/overview/trend?measure=admissions_per_1000&program=Complex%20Care');
    const points = spec.datasets.trend as Point[];
    const hiddenPoints = points.filter((p) => p.suppressed);
    expect(hiddenPoints.length).toBeGreaterThan(0);
    for (const p of hiddenPoints) expect([p.value, p.lower, p.upper].every((v) => v === null) && (p.numerator === null || p.denominator === null)).toBe(true);
    expect(spec.datasets.hidden.length).toBe(new Set(hiddenPoints.map((p) => p.month)).size);
    expect(spec.title.subtitle).toMatch(/suppressed \(<11\)/);
    const { body: comparison } = await getJson(quality, '/api/program/comparison?program=Heart%20Failure%20Transitions');
    const rows = comparison.rows.filter((r: Point) => r.suppressed);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.value).toBeNull();
    const panels = Object.values(comparison.spec.datasets as Record<string, Point[]>).flat();
    for (const p of panels.filter((x) => x.suppressed)) expect(p.value).toBeNull();
    expect(JSON.stringify(comparison.spec)).toContain('<11 (suppressed)');
  });

  it('protects before/after enrolment rows: no hidden program month can be solved from the all-programs rows', async () => {
    let hiddenCells = 0;
    for (const column of ['admissions', 'ed_visits', 'members', 'member_months', 'bed_days', 'paid_amount'] as const) {
      const shown: Equation[] = [];
      const hidden: { label: string; equation: Equation }[] = [];
      for (const program of ['all', ...programs.filter((p) => p !== 'none')]) {
        const { body } = await getJson(quality, `/api/program/pre-post?program=${encodeURIComponent(program)}`);
        for (const row of body.rows as Record<string, number | null>[]) {
          const eq: Equation = new Map((program === 'all' ? programs.filter((p) => p !== 'none') : [program]).map((p) => [`${row.relative_month}|${p}`, 1]));
          if (row[column] === null) hidden.push({ label: `${column} ${row.relative_month} ${program}`, equation: eq });
          else shown.push(eq);
        }
      }
      hiddenCells += hidden.length;
      expect(derivable(shown, hidden), column).toEqual([]);
    }
    expect(hiddenCells).toBeGreaterThan(0);
  });

  it('shows admins and case managers every number unsuppressed', async () => {
    const caseManager = await server.signIn(testUsers.case_manager);
    for (const who of [server.admin, caseManager]) {
      const { body } = await getJson(who, '/api/overview/trend?measure=readmission_rate&program=Complex%20Care');
      expect((body.datasets.trend as Point[]).every((p) => p.numerator !== null && p.denominator !== null && !p.suppressed)).toBe(true);
      expect((await getJson(who, '/api/overview/kpis')).body.suppression).toBeNull();
    }
    expect((await getJson(quality, '/api/overview/kpis')).body.suppression).toEqual({ threshold: 11 });
  });
});

describe('a configured threshold', () => {
  it('hides counts below it only (threshold 5: 1–4)', async () => {
    const { dir, path } = await createTestDatabase();
    const five = await startServer(path, dir, { config: { smallCellThreshold: 5 } });
    try {
      const client = await five.signIn(testUsers.quality);
      let shownFiveToTen = 0;
      for (const program of ['all', ...programs]) {
        for (const cohort of ['managed', 'other']) {
          const q = `/api/overview/trend?measure=admissions_per_1000&from=2022-01&to=2024-12&cohort=${cohort}&program=${encodeURIComponent(program)}`;
          const truth = (await getJson(five.admin, q)).body.datasets.trend as Point[];
          (((await getJson(client, q)).body.datasets.trend) as Point[]).forEach((p, i) => {
            if (truth[i].numerator! >= 1 && truth[i].numerator! <= 4) expect(p.numerator).toBeNull();
            if (p.numerator !== null && p.numerator >= 5 && p.numerator <= 10) shownFiveToTen++;
          });
        }
      }
      expect(shownFiveToTen).toBeGreaterThan(0);
      expect((await getJson(client, '/api/auth/session')).body.suppression).toEqual({ threshold: 5 });
    } finally {
      await five.close();
      removeDir(dir);
    }
  });
});
