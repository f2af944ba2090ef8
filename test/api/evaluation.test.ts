/**
 * The program evaluation and control-chart routes over HTTP: response shape, validation
 * (400), the cost-only re-pricing against a full engine run, and control-chart specs valid
 * against the Vega-Lite schema with special causes marked as the engine flags them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse } from 'vega';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, type TestServer } from './server.ts';
import { evaluateProgram } from '../../server/evaluation/evaluate.ts';
import { controlCharts } from '../../server/evaluation/control-charts.ts';
import { recostSavings } from '../../server/evaluation/recost.ts';

const schemaPath = fileURLToPath(new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url));
const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

let server: TestServer;

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir);
}, 240_000);
afterAll(async () => {
  await server?.close();
  if (server) removeDir(server.dir);
});

const interval = expect.objectContaining({ estimate: expect.any(Number), ci_low: expect.any(Number), ci_high: expect.any(Number) });

describe('GET /api/program/evaluation', () => {
  it('returns naive and matched estimates with intervals, matching, balance, risk adjustment and savings', async () => {
    const { status, body } = await getJson(server.admin, '/api/program/evaluation');
    expect(status).toBe(200);
    for (const [measure, suffix] of [['admissions', 'per_1000'], ['ed_visits', 'per_1000'], ['readmissions', 'per_1000'], ['paid_pmpm', 'pmpm']]) {
      const block = body[measure];
      expect(block.naive[`managed_${suffix}`], measure).toEqual(expect.any(Number));
      if (suffix === 'per_1000') expect(block.naive.managed_ci, measure).toHaveLength(2);
      expect(block.did[suffix], measure).toEqual(interval);
      expect(block.did[suffix].ci_low).toBeLessThanOrEqual(block.did[suffix].ci_high);
    }
    expect(body.matching.treated).toBeGreaterThan(0);
    expect(body.matching.matched).toBeGreaterThan(0);
    expect(body.matching.treated - body.matching.matched).toBe(body.matching.dropped);
    expect(Object.values(body.matching.dropped_reasons).reduce((a: number, b) => a + Number(b), 0)).toBe(body.matching.dropped);
    expect(body.balance.length).toBeGreaterThan(5);
    expect(body.balance[0]).toEqual(expect.objectContaining({ label: expect.any(String), smd_before: expect.any(Number), smd_after: expect.any(Number) }));
    expect(body.risk_adjustment.cohorts.managed.admissions.oe).toEqual(interval);
    const s = body.savings;
    expect(s.program_period.admissions_avoided).toEqual(interval);
    expect(s.program_period.roi).toEqual(interval);
    expect(s.program_period.program_cost).toBeGreaterThan(0);
    expect(s.inputs.cost_per_fte).toBe(100_000);
    expect(s.assumptions.length).toBeGreaterThan(4);
  }, 120_000);

  it('re-prices savings for a new cost without re-running the engine, matching a full run exactly', async () => {
    const started = Date.now();
    const { status, body } = await getJson(server.admin, '/api/program/evaluation?cost=pmpm&pmpm=150');
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(body.savings.inputs.pmpm).toBe(150);
    expect(body.savings.program_period.program_cost).toBeCloseTo(150 * body.savings.inputs.managed_member_months, 6);
    // The server evaluates inside a request's read transaction (one snapshot); so does this full run.
    const full = await server.db.transaction(() => evaluateProgram(server.db, { cost: { kind: 'pmpm', pmpm: 150 } }));
    expect(body.savings).toEqual(JSON.parse(JSON.stringify(full.savings)));
    const fte = await getJson(server.admin, '/api/program/evaluation?cost=fte&fte=2&cost_per_fte=90000');
    expect(fte.body.savings).toEqual(JSON.parse(JSON.stringify(recostSavings(full.savings, { kind: 'fte', fte: 2, costPerFte: 90_000 }))));
    const fullFte = await server.db.transaction(() => evaluateProgram(server.db, { cost: { kind: 'fte', fte: 2, costPerFte: 90_000 } }));
    expect(fte.body.savings).toEqual(JSON.parse(JSON.stringify(fullFte.savings)));
    expect(fte.body.savings.program_period.roi.estimate).not.toBeCloseTo(body.savings.program_period.roi.estimate, 3);
  }, 120_000);

  it('evaluates another period on request', async () => {
    const { status, body } = await getJson(server.admin, '/api/program/evaluation?from=2024-01&to=2024-12');
    expect(status).toBe(200);
    expect(body.period).toEqual(expect.objectContaining({ from: '2024-01-01', to: '2024-12-31' }));
  }, 120_000);

  it('answers 400 to bad parameters and 401 without a session', async () => {
    for (const qs of ['cost=pmpm', 'cost=pmpm&pmpm=-1', 'cost=pmpm&pmpm=1e9', 'cost=pmpm&pmpm=abc', 'cost=fte&fte=5000', 'cost=fte&cost_per_fte=-5', 'pmpm=100', 'cost=pmpm&pmpm=100&fte=2', 'cost=lease', 'from=2024-13', 'from=2024-06&to=2024-01', 'from=2000-01&to=2024-12']) {
      const { status, body } = await getJson(server.admin, `/api/program/evaluation?${qs}`);
      expect(status, qs).toBe(400);
      expect(body.error, qs).toBeTruthy();
    }
    expect((await getJson(server.anonymous, '/api/program/evaluation')).status).toBe(401);
  });
});

describe('GET /api/overview/control-charts', () => {
  it('returns three valid Vega-Lite control charts per cohort with special causes as the engine flags them', async () => {
    for (const cohort of ['all', 'managed', 'unmanaged', 'other']) {
      const { status, body } = await getJson(server.admin, `/api/overview/control-charts?cohort=${cohort}`);
      expect(status, cohort).toBe(200);
      expect(body.charts.map((c: { id: string }) => c.id)).toEqual(['admissions', 'ed_visits', 'readmission_rate']);
      const engine = await controlCharts(server.db, { cohort: cohort as 'all' });
      for (const chart of body.charts as { id: 'admissions' | 'ed_visits' | 'readmission_rate'; kind: string; laney: boolean; spec: TopLevelSpec }[]) {
        const name = `${cohort} ${chart.id}`;
        expect(chart.kind, name).toBe(chart.id === 'readmission_rate' ? 'p' : 'u');
        expect(validate(chart.spec) ? [] : validate.errors!.slice(0, 3), name).toEqual([]);
        const warnings: string[] = [];
        const logger = { level: () => logger, error: (...m: unknown[]) => warnings.push(m.join(' ')), warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger };
        expect(() => parse(compile(chart.spec, { logger: logger as never }).spec), name).not.toThrow();
        expect(warnings, name).toEqual([]);
        const rows = (chart.spec as unknown as { datasets: { control: { status: string; numerator: number; denominator: number; ucl: number | null }[] } }).datasets.control;
        const points = engine[chart.id].points;
        expect(rows.length).toBe(points.length);
        rows.forEach((r, i) => {
          expect(r.status, `${name} ${i}`).toBe(points[i].signals.length > 0 ? 'Special cause' : 'Common cause');
          expect(r.numerator).toBe(points[i].numerator);
          expect(r.denominator).toBe(points[i].denominator);
        });
        expect(JSON.stringify(chart.spec)).toContain('"tooltip"');
      }
    }
  }, 120_000);

  it('marks special causes in the signal colour and at least one exists in the sample', async () => {
    const { body } = await getJson(server.admin, '/api/overview/control-charts?cohort=all');
    const total = body.charts.reduce((a: number, c: { special_causes: number }) => a + c.special_causes, 0);
    expect(total).toBeGreaterThan(0);
    expect(JSON.stringify(body.charts[0].spec)).toContain('#D55E00');
  });

  it('filters by period and slice, and answers 400 to bad parameters', async () => {
    const { status, body } = await getJson(server.admin, '/api/overview/control-charts?cohort=managed&from=2024-01&to=2024-06&condition=diabetes');
    expect(status).toBe(200);
    expect([body.from, body.to]).toEqual(['2024-01-01', '2024-06-30']);
    expect(body.charts[0].spec.datasets.control).toHaveLength(6);
    for (const qs of ['cohort=everyone', 'laney=sometimes', 'from=2024-1', 'from=2024-06&to=2024-01', 'condition=gout', 'payer=' + 'x'.repeat(101)]) {
      expect((await getJson(server.admin, `/api/overview/control-charts?${qs}`)).status, qs).toBe(400);
    }
  });

  it('hides small counts from aggregate-only roles', async () => {
    const quality = await server.signIn(testUsers.quality);
    const { status, body } = await getJson(quality, '/api/overview/control-charts?cohort=managed');
    expect(status).toBe(200);
    for (const chart of body.charts) {
      if (chart.suppressed) {
        expect(chart.spec, chart.id).toBeNull();
        continue;
      }
      for (const r of chart.spec.datasets.control) {
        for (const v of [r.numerator, r.denominator]) if (v !== null) expect(v === 0 || v >= 11, chart.id).toBe(true);
        if (r.numerator === null) expect(r.value).toBeNull();
      }
    }
  });
});
