/** The API over real HTTP against a real DuckDB file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, type TestServer } from './server.ts';
import { apiRoutes } from '../../server/api/routes/index.ts';
import { kpiMeasures, measures } from '../../server/api/measures.ts';

let server: TestServer;

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir);
});
afterAll(async () => {
  await server.close();
  removeDir(server.dir);
});

describe('health and OpenAPI', () => {
  it('answers health', async () => {
    const { status, body } = await getJson(server.admin, '/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });

  it('publishes a valid OpenAPI 3.1 document describing every route with its access level', async () => {
    const { status, body } = await getJson(server.admin, '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(body);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    for (const route of server.secure.routes) {
      const op = body.paths[`/api${route.path.replace(/:(\w+)/g, '{$1}')}`]?.[route.method ?? 'get'];
      expect(op, route.path).toBeDefined();
      expect(['public', 'aggregate', 'patient', 'admin']).toContain(op['x-access']);
      if (route.access !== 'public') expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
    const trend = body.paths['/api/overview/trend'].get.parameters;
    expect(trend.find((p: { name: string }) => p.name === 'measure')).toMatchObject({ required: true, in: 'query', schema: { enum: expect.arrayContaining(['alos']) } });
  });

  it('marks every person-level route as patient access and sends no-store', async () => {
    const patientPaths = apiRoutes.filter((r) => r.access === 'patient').map((r) => r.path);
    expect(patientPaths).toEqual(expect.arrayContaining(['/patients/worklist', '/patients/:personId', '/drill', '/patients/:personId/claims']));
    const { headers } = await getJson(server.admin, '/api/patients/worklist');
    expect(headers.get('cache-control')).toBe('no-store');
  });
});

describe('parameter validation', () => {
  const cases: [string, string][] = [
    ['/api/overview/kpis?from=2024-13', 'from'],
    ['/api/overview/kpis?from=2024-06&to=2024-01', 'from'],
    ['/api/overview/kpis?condition=gout', 'condition'],
    ['/api/overview/kpis?form=2024-01', 'form'],
    ['/api/overview/trend', 'measure'],
    ['/api/overview/trend?measure=deaths', 'measure'],
    ['/api/patients/worklist?pageSize=5000', 'pageSize'],
    ['/api/patients/worklist?page=0', 'page'],
    ['/api/patients/worklist?sort=name', 'sort'],
    ['/api/patients/case-finding?dir=up', 'dir'],
    ['/api/drill?events=admissions&month=2024-3', 'month'],
    ['/api/drill?month=2024-03', 'events'],
    ['/api/drill?events=admissions&from=2024-05&to=2024-02', 'from'],
    ['/api/drill?events=admissions&month=2024-03&cohort=vip', 'cohort'],
    ['/api/patients/P1/claims', 'claimId'],
    ['/api/overview/kpis?from=2024-01&from=2024-02', 'from'],
  ];
  it.each(cases)('%s → 400 naming %s', async (path, parameter) => {
    const { status, body } = await getJson(server.admin, path);
    expect(status).toBe(400);
    expect(body.error).toMatch(/invalid/i);
    expect(body.issues.map((i: { path: string }) => i.path)).toContain(parameter);
    expect(body.issues.every((i: { message: string }) => i.message.length > 0)).toBe(true);
  });

  it('answers 404 as JSON for an unknown patient and an unknown route', async () => {
    const patient = await getJson(server.admin, '/api/patients/NO-SUCH-PERSON');
    expect(patient.status).toBe(404);
    expect(patient.body.error).toMatch(/no patient/);
    const route = await getJson(server.admin, '/api/nothing-here');
    expect(route.status).toBe(404);
  });

  it('treats a parameter as data, never as SQL', async () => {
    const { status, body } = await getJson(server.admin, `/api/overview/kpis?payer=${encodeURIComponent("x' OR 1=1 --")}`);
    expect(status).toBe(200);
    expect(body.kpis[0].cohorts.all.denominator).toBe(0);
  });
});

describe('numbers come from the marts', () => {
  it('KPI numerators and denominators equal the summed mart for the period', async () => {
    const { body } = await getJson(server.admin, '/api/overview/kpis?from=2024-01&to=2024-06');
    expect(body.period).toMatchObject({ from: '2024-01', to: '2024-06', months: 6 });
    expect(body.previous).toMatchObject({ from: '2023-07', to: '2023-12' });
    const rows = await server.db.all<{ cohort: string; mm: number; adm: number; idx: number; readm: number; bd: number }>(
      `SELECT cohort, sum(member_months)::DOUBLE mm, sum(admissions)::DOUBLE adm, sum(index_stays)::DOUBLE idx, sum(readmissions)::DOUBLE readm, sum(bed_days)::DOUBLE bd
         FROM mart_measures_monthly WHERE month BETWEEN DATE '2024-01-01' AND DATE '2024-06-01' AND condition = 'any' AND payer = 'all' AND program = 'all' GROUP BY 1`,
    );
    for (const row of rows.filter((r) => r.cohort !== 'other')) {
      const adm = body.kpis.find((k: { measure: string }) => k.measure === 'admissions_per_1000').cohorts[row.cohort];
      expect(adm.numerator).toBe(row.adm);
      expect(adm.denominator).toBe(row.mm);
      expect(adm.value).toBeCloseTo((12000 * row.adm) / row.mm, 9);
      expect(adm.lower).toBeLessThan(adm.value);
      expect(adm.upper).toBeGreaterThan(adm.value);
      const readm = body.kpis.find((k: { measure: string }) => k.measure === 'readmission_rate').cohorts[row.cohort];
      expect(readm.value).toBeCloseTo(row.readm / row.idx, 12);
      const alos = body.kpis.find((k: { measure: string }) => k.measure === 'alos').cohorts[row.cohort];
      expect(alos.value).toBeCloseTo(row.bd / row.adm, 12);
    }
    expect(body.kpis.map((k: { measure: string }) => k.measure)).toEqual(kpiMeasures);
  });

  it('a drill-down lists exactly the events counted in the chart point', async () => {
    for (const measure of ['admissions_per_1000', 'ed_visits_per_1000', 'readmission_rate'] as const) {
      const { body: spec } = await getJson(server.admin, `/api/overview/trend?measure=${measure}&from=2024-01&to=2024-12`);
      const points = spec.datasets.trend.filter((p: { numerator: number }) => p.numerator > 0);
      expect(points.length).toBeGreaterThan(0);
      const point = points[Math.floor(points.length / 2)];
      const events = measures[measure].events;
      const { body } = await getJson(server.admin, `/api/drill?events=${events}&month=${point.month.slice(0, 7)}&cohort=${point.cohort}&pageSize=500`);
      const expected = measure === 'readmission_rate' ? point.denominator : point.numerator;
      expect(body.total, `${measure} ${point.month} ${point.cohort}`).toBe(expected);
      expect(body.rows).toHaveLength(expected);
      if (measure === 'readmission_rate') expect(body.rows.filter((r: { readmitted: boolean }) => r.readmitted)).toHaveLength(point.numerator);
    }
  });

  it('a drill-down over a period lists exactly the events counted in the period KPI', async () => {
    const { body: kpis } = await getJson(server.admin, '/api/overview/kpis?from=2024-01&to=2024-12');
    for (const [measure, events, side] of [['admissions_per_1000', 'admissions', 'numerator'], ['ed_visits_per_1000', 'ed_visits', 'numerator'], ['readmission_rate', 'readmissions', 'denominator']] as const) {
      for (const cohort of ['managed', 'unmanaged', 'all']) {
        const expected = kpis.kpis.find((k: { measure: string }) => k.measure === measure).cohorts[cohort][side];
        const { body } = await getJson(server.admin, `/api/drill?events=${events}&cohort=${cohort}&from=2024-01&to=2024-12&pageSize=1`);
        expect(body.total, `${events} ${cohort}`).toBe(expected);
      }
    }
  });

  it('pages patient lists consistently and sorts them by the requested column', async () => {
    const all = await getJson(server.admin, '/api/patients/case-finding?pageSize=500');
    const first = await getJson(server.admin, '/api/patients/case-finding?pageSize=10&page=1');
    const second = await getJson(server.admin, '/api/patients/case-finding?pageSize=10&page=2');
    expect(first.body.total).toBe(all.body.total);
    expect([...first.body.rows, ...second.body.rows]).toEqual(all.body.rows.slice(0, 20));
    const eds = all.body.rows.map((r: { ed_visits_12m: number }) => r.ed_visits_12m);
    expect(eds).toEqual([...eds].sort((a, b) => b - a));
    expect(all.body.rows.every((r: { current_cohort: string }) => r.current_cohort === 'unmanaged')).toBe(true);
    const paid = await getJson(server.admin, '/api/patients/case-finding?pageSize=500&sort=paid_12m&dir=asc');
    const values = paid.body.rows.map((r: { paid_12m: number }) => r.paid_12m);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('Arrow IPC', () => {
  it('sends patient lists as an Arrow stream that decodes to the JSON rows', async () => {
    const json = await getJson(server.admin, '/api/patients/worklist?pageSize=40');
    const response = await server.admin.fetch(`/api/patients/worklist?pageSize=40`, { headers: { accept: 'application/vnd.apache.arrow.stream' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(Number(response.headers.get('x-total-count'))).toBe(json.body.total);
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    expect(table.numRows).toBe(json.body.rows.length);
    const decoded = table.toArray().map((row) => {
      const out = row.toJSON() as Record<string, unknown>;
      for (const [k, v] of Object.entries(out)) if (v && typeof v === 'object' && 'toArray' in v) out[k] = [...(v as { toArray(): unknown[] }).toArray()];
      return out;
    });
    expect(decoded).toEqual(json.body.rows);
  });

  it('encodes an empty page', async () => {
    const response = await server.admin.fetch(`/api/patients/discharged?withinDays=1&caseManager=nobody`, { headers: { accept: 'application/vnd.apache.arrow.stream' } });
    expect(response.status).toBe(200);
    expect(tableFromIPC(new Uint8Array(await response.arrayBuffer())).numRows).toBe(0);
  });
});

describe('errors and suppression', () => {
  it('answers an internal error with a generic body and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-api-empty-'));
    const { Database } = await import('../../server/engine/db.ts');
    const emptyPath = `${dir}/empty.duckdb`;
    (await Database.open(emptyPath)).close();
    const broken = await startServer(emptyPath, dir);
    try {
      const response = await broken.admin.fetch('/api/meta');
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: 'Internal error' });
      expect(text).not.toMatch(/at |\.ts|Catalog/);
    } finally {
      await broken.close();
      removeDir(dir);
    }
  });

  it('hides small cells as suppressed, never as 0, for an aggregate-only role', async () => {
    const small = await server.db.one<{ month: string; program: string }>(
      `SELECT strftime(month, '%Y-%m') AS month, program FROM mart_measures_monthly
        WHERE cohort = 'managed' AND condition = 'any' AND payer = 'all' AND admissions BETWEEN 1 AND 10 ORDER BY month LIMIT 1`,
    );
    expect(small).toBeDefined();
    const quality = await server.signIn(testUsers.quality);
    const { body } = await getJson(quality, `/api/overview/kpis?from=${small!.month}&to=${small!.month}&program=${encodeURIComponent(small!.program)}`);
    const managed = body.kpis.find((k: { measure: string }) => k.measure === 'admissions_per_1000').cohorts.managed;
    expect(managed).toMatchObject({ suppressed: true, value: null, numerator: null });
  });
});
