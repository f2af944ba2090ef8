/**
 * Every Vega-Lite spec the server can produce is valid against the Vega-Lite JSON schema
 * and compiles with vega-lite to a Vega spec that vega parses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse } from 'vega';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, type Client, type TestServer } from './server.ts';
import { measureIds } from '../../server/api/measures.ts';
import { cohortIds } from '../../server/api/schemas.ts';
import { trendSpec, sparklineSpec } from '../../server/charts/trend.ts';
import { timelineSpec } from '../../server/charts/timeline.ts';
import { prePostSpec } from '../../server/charts/prePost.ts';
import { comparisonSpec } from '../../server/charts/comparison.ts';
import { measures } from '../../server/api/measures.ts';

const schemaPath = fileURLToPath(new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false });
const validate = ajv.compile(schema);

let server: TestServer;
const specs: [string, TopLevelSpec][] = [];

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir);
  let as: Client = server.admin;
  const add = async (name: string, path: string, pick: (body: any) => TopLevelSpec | TopLevelSpec[] | null) => {
    const { status, body } = await getJson(as, path);
    expect(status, path).toBe(200);
    const picked = pick(body);
    for (const [i, spec] of (Array.isArray(picked) ? picked : [picked]).entries()) if (spec) specs.push([`${name}${Array.isArray(picked) ? ` #${i}` : ''}`, spec]);
  };
  for (const measure of measureIds) {
    await add(`trend ${measure}`, `/api/overview/trend?measure=${measure}`, (b) => b);
    for (const cohort of cohortIds) await add(`trend ${measure} ${cohort}`, `/api/overview/trend?measure=${measure}&cohort=${cohort}&condition=diabetes`, (b) => b);
  }
  await add('trend, a period without data', '/api/overview/trend?measure=admissions_per_1000&from=1990-01&to=1990-12', (b) => b);
  await add('kpi sparklines', '/api/overview/kpis', (b) => b.kpis.map((k: { sparkline: TopLevelSpec }) => k.sparkline));
  await add('kpi sparklines, one month', '/api/overview/kpis?from=2024-05&to=2024-05', (b) => b.kpis.map((k: { sparkline: TopLevelSpec }) => k.sparkline));
  await add('comparison', '/api/program/comparison', (b) => b.spec);
  await add('comparison, empty slice', '/api/program/comparison?payer=nobody', (b) => b.spec);
  await add('pre-post', '/api/program/pre-post', (b) => b.spec);
  await add('pre-post, unknown program', '/api/program/pre-post?program=none', (b) => b.spec);
  const { body: list } = await getJson(server.admin, '/api/patients/worklist?pageSize=3');
  for (const row of list.rows) await add(`timeline ${row.person_id}`, `/api/patients/${row.person_id}/timeline`, (b) => b.spec);
  await add(`timeline 6 months`, `/api/patients/${list.rows[0].person_id}/timeline?months=6`, (b) => b.spec);
  // As an aggregate-only role: suppressed months, rows and panels (shaded bands, "<11" marks).
  as = await server.signIn(testUsers.quality);
  for (const program of ['all', 'Heart Failure Transitions', 'Complex Care']) {
    for (const measure of measureIds) await add(`suppressed trend ${measure} ${program}`, `/api/overview/trend?measure=${measure}&program=${encodeURIComponent(program)}`, (b) => b);
    await add(`suppressed sparklines ${program}`, `/api/overview/kpis?program=${encodeURIComponent(program)}`, (b) => b.kpis.map((k: { sparkline: TopLevelSpec | null }) => k.sparkline));
    await add(`suppressed comparison ${program}`, `/api/program/comparison?program=${encodeURIComponent(program)}`, (b) => b.spec);
    await add(`suppressed pre-post ${program}`, `/api/program/pre-post?program=${encodeURIComponent(program)}`, (b) => b.spec);
  }
  // Builders called directly with edge cases the sample may not hold.
  specs.push(['timeline without events', timelineSpec([], '2023-01-01', '2024-12-31')]);
  const event = { end_date: null, label: null, claim_id: 'c', data_source: null, episode_id: null, paid_amount: null };
  specs.push(['timeline with stays only', timelineSpec([{ ...event, event_date: '2024-02-01', end_date: '2024-02-03', kind: 'inpatient' }], '2023-01-01', '2024-12-31')]);
  specs.push(['timeline with contacts only', timelineSpec([{ ...event, event_date: '2024-02-01', kind: 'office' }], '2023-01-01', '2024-12-31')]);
  specs.push(['trend without points', trendSpec(measures.alos, [], ['managed', 'unmanaged', 'all'])]);
  specs.push(['sparkline with nulls', sparklineSpec(measures.readmission_rate, [{ month: '2024-01-01', cohort: 'managed', value: null, lower: null, upper: null, numerator: 0, denominator: 0 }], ['managed'])]);
  specs.push(['pre-post without rows', prePostSpec([{ id: 'admissions', label: 'Admissions per 1,000', unit: 'per 1,000', numeratorLabel: 'Admissions', points: [] }], 'all')]);
  specs.push(['comparison without rows', comparisonSpec([{ measure: measures.alos, rows: [] }], ['managed'], '')]);
});
afterAll(async () => {
  await server.close();
  removeDir(server.dir);
});

describe('Vega-Lite specs', () => {
  it('collects every kind of spec', () => {
    expect(specs.length).toBeGreaterThan(40);
  });

  it('validates every spec against the Vega-Lite JSON schema', () => {
    for (const [name, spec] of specs) {
      const ok = validate(spec);
      expect(ok ? [] : validate.errors!.slice(0, 3).map((e) => `${e.instancePath} ${e.message}`), name).toEqual([]);
    }
  });

  it('compiles every spec with vega-lite, without warnings, to a Vega spec vega parses', () => {
    for (const [name, spec] of specs) {
      const warnings: string[] = [];
      const logger = { level: () => logger, error: (...m: unknown[]) => warnings.push(`error ${m.join(' ')}`), warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger };
      const { spec: vega } = compile(spec, { logger: logger as never });
      expect(warnings, name).toEqual([]);
      expect(() => parse(vega), name).not.toThrow();
    }
  });

  it('carries its data inline as named datasets and gives every chart a title or description', () => {
    for (const [name, spec] of specs) {
      const s = spec as { datasets?: object; title?: unknown; description?: string; data?: { url?: string } };
      expect(s.datasets, name).toBeDefined();
      expect(JSON.stringify(spec), name).not.toMatch(/"url"\s*:/);
      expect(s.title ?? s.description, name).toBeTruthy();
    }
  });
});
