import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibility, medicalClaim, programEnrollment } from '../../server/engine/contract.ts';
import type { Database } from '../../server/engine/db.ts';
import { plannedReasons, unplannedReasons } from '../../server/generate/codes/admissions.ts';
import { codeCatalog } from '../../server/generate/codes/catalog.ts';
import { isValidNpi } from '../../server/generate/providers.ts';
import { generate, type Generated, openGenerated } from './helpers.ts';

let g: Generated;
let db: Database;
beforeAll(async () => {
  g = await generate({ members: 2500, seed: 17 });
  db = await openGenerated(g.dir);
});
afterAll(() => {
  db?.close();
  g?.cleanup();
});

const DX = Array.from({ length: 25 }, (_, i) => `diagnosis_code_${i + 1}`);
const PX = Array.from({ length: 25 }, (_, i) => `procedure_code_${i + 1}`);
const count = async (sql: string) => Number((await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`))?.n);

describe('generate: file structure', () => {
  it('writes the canonical columns in contract order', () => {
    for (const spec of [eligibility, medicalClaim, programEnrollment]) {
      const header = readFileSync(join(g.dir, `${spec.name}.csv`), 'utf8').split('\n', 1)[0];
      expect(header.split(',')).toEqual(spec.columns.map((c) => c.name));
    }
  });

  it('writes codes in the shapes real extracts use', async () => {
    expect(await count(`SELECT 1 FROM claims WHERE claim_type NOT IN ('institutional', 'professional') OR (claim_type = 'institutional') <> (bill_type_code IS NOT NULL)`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE NOT regexp_full_match(bill_type_code, '[0-9]{3}')`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE NOT regexp_full_match(revenue_center_code, '[0-9]{4}')`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE NOT regexp_full_match(discharge_disposition_code, '[0-9]{2}') OR NOT regexp_full_match(place_of_service_code, '[0-9]{2}')`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE (drg_code IS NULL) <> (drg_code_type IS NULL) OR drg_code_type <> 'ms-drg' OR NOT regexp_full_match(drg_code, '[0-9]{3}')`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE NOT regexp_full_match(hcpcs_code, '[0-9]{5}|[A-Z][0-9]{4}')`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE data_source <> 'synthetic' OR data_source IS NULL`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE claim_start_date::DATE > claim_end_date::DATE OR claim_line_start_date::DATE > claim_line_end_date::DATE OR admission_date::DATE > discharge_date::DATE`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE claim_end_date > '2024-12-31' OR claim_line_end_date > '2024-12-31'`)).toBe(0);
    expect(await count(`SELECT 1 FROM claims WHERE bill_type_code LIKE '11%' AND (drg_code IS NULL OR admission_date IS NULL AND bill_type_code IN ('111', '112'))`)).toBe(0);
    const npis = await db.all<{ npi: string }>(`SELECT DISTINCT unnest([rendering_npi, billing_npi, facility_npi]) AS npi FROM claims`);
    const bad = npis.map((r) => r.npi).filter((n) => n !== null && !isValidNpi(n));
    expect(bad).toEqual([]);
  });

  it('writes only codes that exist in the public code lists (datasets/generator/code_facts.csv)', async () => {
    const unknown = async (column: string, system: string) =>
      db.all(`SELECT DISTINCT code FROM (UNPIVOT (SELECT ${column} FROM claims) ON COLUMNS(*) INTO NAME k VALUE code) WHERE code NOT IN (SELECT code FROM facts WHERE code_system = $1)`, [system]);
    expect(await unknown(DX.join(', '), 'icd-10-cm')).toEqual([]);
    expect(await unknown(PX.join(', '), 'icd-10-pcs')).toEqual([]);
    expect(await unknown('hcpcs_code', 'hcpcs')).toEqual([]);
    expect(await unknown('drg_code', 'ms-drg')).toEqual([]);
    expect(await count(`SELECT 1 FROM (UNPIVOT (SELECT ${DX.join(', ')} FROM claims) ON COLUMNS(*) INTO NAME k VALUE code) WHERE NOT regexp_full_match(code, '[A-Z][0-9][0-9A-Z]{1,5}')`)).toBe(0);
  });

  it('keeps code_facts.csv in step with the generator code tables', async () => {
    const catalog = codeCatalog();
    const facts = await db.all<{ code_system: string; code: string }>('SELECT code_system, code FROM facts ORDER BY ALL');
    const bySystem = (s: string) => facts.filter((f) => f.code_system === s).map((f) => f.code).sort();
    expect(bySystem('icd-10-cm')).toEqual(catalog.icd10cm);
    expect(bySystem('icd-10-pcs')).toEqual(catalog.icd10pcs);
    expect(bySystem('hcpcs')).toEqual(catalog.hcpcs);
    expect(bySystem('ms-drg')).toEqual(catalog.msDrg);
    expect(catalog.revenue.every((r) => /^\d{4}$/.test(r))).toBe(true);
  });

  it('classifies admission reasons the way the CMS Planned Readmission Algorithm and HWR exclusions do', async () => {
    const rows = await db.all<Record<string, string | null>>('SELECT * FROM facts');
    const facts = new Map(rows.map((f) => [`${f.code_system}:${f.code}`, Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v ?? ''])) as Record<string, string>]));
    const dx = (code: string) => facts.get(`icd-10-cm:${code}`)!;
    const pcsOf = (reason: (typeof unplannedReasons)[number]) => {
      const p = reason.procedure?.pcs;
      if (!p) return [];
      return ('items' in p ? (p.items as string[]) : Object.values(p as Record<string, string>)).map((c) => facts.get(`icd-10-pcs:${c}`)!);
    };
    for (const reason of Object.values(plannedReasons)) {
      for (const principal of reason.principal.items) {
        const f = dx(principal);
        const byProcedure = f.acute === 'no' && pcsOf(reason).every((p) => p.potentially_planned !== '');
        expect({ reason: reason.key, planned: f.always_planned === 'yes' || byProcedure }).toEqual({ reason: reason.key, planned: true });
      }
    }
    const pcsListRoute = Object.values(plannedReasons).flatMap(pcsOf).filter((p) => p.potentially_planned === 'pcs list');
    expect(pcsListRoute.length).toBeGreaterThan(0);
    for (const reason of unplannedReasons) {
      for (const principal of reason.principal.items.filter((c) => c !== 'HF' && c !== 'CANCER')) {
        const f = dx(principal);
        expect(f.always_planned).toBe('no');
        if (reason.procedure) expect({ reason: reason.key, principal, acute: f.acute }).toEqual({ reason: reason.key, principal, acute: 'yes' });
        expect({ reason: reason.key, excluded: f.hwr_exclusion !== '' }).toEqual({ reason: reason.key, excluded: reason.key === 'psychiatric' });
      }
    }
    for (const code of ['C3490', 'C189', 'C50911', 'C9000']) expect(dx(code).hwr_exclusion).toBe('Medical Treatment of Cancer');
  });

  it('writes consistent eligibility spans and program enrolments', async () => {
    expect(await count(`SELECT 1 FROM elig WHERE gender NOT IN ('female', 'male') OR payer_type <> 'medicare' OR data_source <> 'synthetic' OR enrollment_start_date::DATE > enrollment_end_date::DATE`)).toBe(0);
    expect(await count(`SELECT 1 FROM elig a JOIN elig b USING (person_id) WHERE a.enrollment_start_date < b.enrollment_start_date AND coalesce(a.enrollment_end_date, '9999') >= b.enrollment_start_date`)).toBe(0);
    expect(await count(`SELECT 1 FROM elig WHERE death_date IS NOT NULL AND (enrollment_end_date IS NULL OR enrollment_end_date > death_date)`)).toBe(0);
    expect(await count(`SELECT 1 FROM (SELECT person_id, max(enrollment_end_date) e, any_value(death_date) d FROM elig WHERE death_date IS NOT NULL GROUP BY 1) WHERE e <> d AND e > strftime(date_trunc('month', d::DATE), '%Y-%m-%d')`)).toBe(0);
    expect(await count(`SELECT 1 FROM prog WHERE program NOT IN ('Complex Care', 'Heart Failure Transitions') OR acuity NOT IN ('high', 'moderate', 'low') OR case_manager_id IS NULL OR case_manager_name IS NULL`)).toBe(0);
    expect(await count(`SELECT 1 FROM prog p WHERE NOT EXISTS (SELECT 1 FROM elig e WHERE e.person_id = p.person_id AND p.enrollment_start_date BETWEEN e.enrollment_start_date AND coalesce(e.enrollment_end_date, '2024-12-31'))`)).toBe(0);
    expect(await count(`SELECT person_id FROM prog GROUP BY 1 HAVING count(*) > 1`)).toBe(0);
  });
});
