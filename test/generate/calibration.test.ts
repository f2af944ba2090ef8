/**
 * Calibration of the default population against GENERATOR.md, computed independently
 * with DuckDB SQL over the generated CSVs (MEASURES.md rules, simplified where the
 * generator's data allows), plus truth.json contents and messiness counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/engine/db.ts';
import { ANCHOR, generate, type Generated, openGenerated } from './helpers.ts';

const MEMBERS = 8000;
let g: Generated;
let db: Database;
const one = async (sql: string) => (await db.one<Record<string, number>>(sql))!;
const num = async (sql: string) => Number(Object.values(await one(sql))[0]);

beforeAll(async () => {
  g = await generate({ members: MEMBERS, seed: 2024 });
  db = await openGenerated(g.dir);
  const DX = Array.from({ length: 25 }, (_, i) => `diagnosis_code_${i + 1}`).join(', ');
  const PX = Array.from({ length: 25 }, (_, i) => `procedure_code_${i + 1}`).join(', ');
  await db.run(`CREATE TABLE voids AS SELECT claim_id FROM claims GROUP BY 1 HAVING bool_or(right(bill_type_code, 1) = '8') OR bool_and(paid_amount::DOUBLE < 0)`);
  await db.run(`CREATE TABLE cdx AS SELECT DISTINCT claim_id, person_id, claim_start_date::DATE d, coalesce(bill_type_code LIKE '11%', false) ip, code
    FROM (UNPIVOT (SELECT claim_id, person_id, claim_start_date, bill_type_code, ${DX} FROM claims) ON COLUMNS('diagnosis_code_.*') INTO NAME k VALUE code)`);
  await db.run('CREATE TABLE dx AS SELECT DISTINCT person_id, code FROM cdx');
  // Acute inpatient claims without voids and replacement copies (the copies repeat their originals).
  await db.run(`CREATE TABLE ip AS SELECT claim_id, person_id, any_value(bill_type_code) bt, any_value(admit_source_code) src,
      min(${ANCHOR}) s, max(coalesce(discharge_date, claim_end_date)::DATE) e, any_value(discharge_disposition_code) disp, any_value(diagnosis_code_1) pdx,
      bool_or(revenue_center_code IN ('0450', '0451', '0452', '0459', '0981')) ed,
      list_distinct(flatten(list([${PX}]))) px
    FROM claims WHERE bill_type_code LIKE '11%' AND right(bill_type_code, 1) NOT IN ('7', '8') GROUP BY 1, 2`);
  // Episodes: a first claim (111/112) that is not a transfer-in starts one; continuing, last and transfer stays join it.
  await db.run(`CREATE TABLE ep AS WITH o AS (
      SELECT *, sum(CASE WHEN bt IN ('111', '112') AND coalesce(src, '') <> '4' THEN 1 ELSE 0 END) OVER (PARTITION BY person_id ORDER BY s, bt, claim_id) k FROM ip)
    SELECT person_id, k, min(s) admit, max(e) discharge, arg_max(disp, e) disp, arg_min(pdx, s) pdx, bool_or(ed) ed, list_distinct(flatten(list(px))) px FROM o GROUP BY 1, 2`);
  await db.run(`CREATE TABLE ep2 AS SELECT ep.*,
      EXISTS (SELECT 1 FROM mm WHERE mm.person_id = ep.person_id AND mm.m = date_trunc('month', admit)) in_mm,
      coalesce(f.always_planned = 'yes', false) OR (coalesce(f.acute, 'no') = 'no' AND EXISTS (SELECT 1 FROM facts p WHERE p.code_system = 'icd-10-pcs' AND list_contains(ep.px, p.code) AND p.potentially_planned IS NOT NULL)) planned,
      f.hwr_exclusion IS NOT NULL excluded
    FROM ep LEFT JOIN facts f ON f.code_system = 'icd-10-cm' AND f.code = ep.pdx`);
  await db.run(`CREATE TABLE edv AS SELECT DISTINCT person_id, coalesce(claim_line_start_date, claim_start_date)::DATE d FROM claims
    WHERE claim_id NOT IN (SELECT claim_id FROM voids) AND (
      (bill_type_code IS NOT NULL AND bill_type_code NOT LIKE '11%' AND (revenue_center_code IN ('0450', '0451', '0452', '0459', '0981') OR hcpcs_code BETWEEN '99281' AND '99285'))
      OR (claim_type = 'professional' AND (place_of_service_code = '23' OR hcpcs_code BETWEEN '99281' AND '99285')))`);
});
afterAll(() => {
  db?.close();
  g?.cleanup();
});

describe('generate: calibration against GENERATOR.md (DuckDB over the CSVs)', () => {
  it('has a Medicare-age population with churn, gaps and deaths', async () => {
    const p = await one(`SELECT count(DISTINCT person_id) members,
        avg((gender = 'female')::INT) female, avg((birth_date > '1957-01-01')::INT) under65,
        avg((first_start > '2022-01-01')::INT) joined_late, avg((last_end < '2024-12-31' AND death IS NULL)::INT) left_early,
        avg((death IS NOT NULL)::INT) died, avg((spans > 1)::INT) multi_span, avg(coalesce(gap, false)::INT) gap
      FROM (SELECT person_id, any_value(gender) gender, any_value(birth_date) birth_date, min(enrollment_start_date) first_start, any_value(death_date) death,
              max(coalesce(enrollment_end_date, '2024-12-31')) last_end, count(*) spans,
              bool_or(coalesce(enrollment_end_date, '2024-12-31')::DATE + 1 < lead_start) gap
            FROM (SELECT *, lead(enrollment_start_date::DATE) OVER (PARTITION BY person_id ORDER BY enrollment_start_date) lead_start FROM elig) GROUP BY 1)`);
    expect(p.members).toBe(MEMBERS);
    expect(p.female).toBeGreaterThan(0.5);
    expect(p.female).toBeLessThan(0.6);
    expect(p.under65).toBeGreaterThan(0.08);
    expect(p.under65).toBeLessThan(0.2);
    expect(p.joined_late).toBeGreaterThan(0.1);
    expect(p.left_early).toBeGreaterThan(0.05);
    expect(p.died).toBeGreaterThan(0.06);
    expect(p.died).toBeLessThan(0.2);
    expect(p.gap).toBeGreaterThan(0.01);
    expect(p.multi_span).toBeGreaterThan(p.gap);
  });

  it('codes the chronic conditions at CCW prevalence, heart failure mostly with hypertension or IHD', async () => {
    const p = await one(`WITH c AS (SELECT person_id,
        bool_or(regexp_matches(code, '^(I10|I11|I12|I13|I15|I16)')) htn, bool_or(regexp_matches(code, '^(E08|E09|E10|E11|E13)')) dm,
        bool_or(regexp_matches(code, '^(I50|I110|I130|I132|I0981)')) hf, bool_or(regexp_matches(code, '^I2[0-5]')) ihd FROM dx GROUP BY 1)
      SELECT sum(htn::INT) / ${MEMBERS} htn, sum(dm::INT) / ${MEMBERS} dm, sum(hf::INT) / ${MEMBERS} hf, sum(ihd::INT) / ${MEMBERS} ihd,
        sum((hf AND (htn OR ihd))::INT) / sum(hf::INT) hf_with FROM c`);
    expect(Math.abs(p.htn - 0.59)).toBeLessThan(0.03);
    expect(Math.abs(p.ihd - 0.278)).toBeLessThan(0.03);
    expect(Math.abs(p.dm - 0.275)).toBeLessThan(0.03);
    expect(Math.abs(p.hf - 0.146)).toBeLessThan(0.025);
    expect(p.hf_with).toBeGreaterThan(0.85);
    const spread = await num(`SELECT count(DISTINCT code) FROM dx WHERE code LIKE 'E11%'`);
    expect(spread).toBeGreaterThanOrEqual(8);
    const found = await num(`WITH c AS (SELECT * FROM cdx WHERE regexp_matches(code, '^(I1[0-6]|E1[013]|E0[89]|I50|I2[0-5])') AND claim_id NOT IN (SELECT claim_id FROM voids)),
        rule AS (SELECT person_id FROM c GROUP BY 1 HAVING bool_or(ip) OR count(DISTINCT d) FILTER (WHERE NOT ip) >= 2)
      SELECT (SELECT count(*) FROM rule) / count(DISTINCT person_id) FROM c`);
    expect(found).toBeGreaterThan(0.85);
  });

  it('admits about 270 per 1,000 member-years, much more with heart failure, with right-skewed stays and heavy tails', async () => {
    const memberMonths = await num('SELECT count(*) FROM mm');
    expect(memberMonths).toBe(g.truth.population.member_months);
    const admissions = await num('SELECT count(*) FROM ep2 WHERE in_mm');
    expect(admissions).toBe(g.truth.events.admissions);
    const rate = (12000 * admissions) / memberMonths;
    expect(rate).toBeGreaterThan(240);
    expect(rate).toBeLessThan(300);
    const alos = await num(`SELECT avg(greatest(1, discharge - admit)) FROM ep2 WHERE in_mm`);
    expect(alos).toBeGreaterThan(4.5);
    expect(alos).toBeLessThan(5.5);
    const los = await one(`SELECT median(greatest(1, discharge - admit)) med, avg((discharge - admit BETWEEN 14 AND 31)::INT) long FROM ep2 WHERE in_mm`);
    expect(los.med).toBeLessThan(alos);
    expect(los.long).toBeGreaterThan(0.01);
    const hf = await one(`WITH hf AS (SELECT DISTINCT person_id FROM dx WHERE regexp_matches(code, '^(I50|I110|I130|I132|I0981)')),
        m AS (SELECT person_id IN (SELECT person_id FROM hf) has_hf, count(*) n_months FROM mm GROUP BY 1),
        a AS (SELECT person_id IN (SELECT person_id FROM hf) has_hf, count(*) n FROM ep2 WHERE in_mm GROUP BY 1)
      SELECT max(12000 * n / n_months) FILTER (WHERE has_hf) with_hf, max(12000 * n / n_months) FILTER (WHERE NOT has_hf) no_hf FROM m JOIN a USING (has_hf)`);
    expect(hf.with_hf).toBeGreaterThan(2.5 * hf.no_hf);
    const top5 = await num(`WITH n AS (SELECT person_id, count(*) n FROM ep2 WHERE in_mm GROUP BY 1)
      SELECT sum(n) FILTER (WHERE r <= ${MEMBERS * 0.05}) / sum(n) FROM (SELECT n, row_number() OVER (ORDER BY n DESC) r FROM n)`);
    expect(top5).toBeGreaterThan(0.3);
  });

  it('readmits 17–19 % of index stays within 30 days, a few percent of readmissions planned', async () => {
    const r = await one(`WITH idx AS (SELECT * FROM ep2 i WHERE discharge <= DATE '2024-12-01' AND disp NOT IN ('20', '07', '30') AND NOT excluded
          AND EXISTS (SELECT 1 FROM mm WHERE mm.person_id = i.person_id AND mm.m = date_trunc('month', i.discharge))),
        nxt AS (SELECT i.person_id, i.k, arg_min(o.planned, o.admit) planned FROM idx i JOIN ep2 o ON o.person_id = i.person_id AND o.k <> i.k AND o.admit BETWEEN i.discharge AND i.discharge + 30 GROUP BY 1, 2)
      SELECT count(*) idx, count(nxt.k) FILTER (WHERE NOT nxt.planned) readmitted, count(nxt.k) FILTER (WHERE nxt.planned) planned FROM idx LEFT JOIN nxt USING (person_id, k)`);
    const rate = r.readmitted / r.idx;
    expect(rate).toBeGreaterThan(0.155);
    expect(rate).toBeLessThan(0.215);
    expect(Math.abs(rate - g.truth.events.readmission_rate)).toBeLessThan(0.01);
    const plannedShare = r.planned / (r.planned + r.readmitted);
    expect(plannedShare).toBeGreaterThan(0.01);
    expect(plannedShare).toBeLessThan(0.12);
  });

  it('counts several hundred ED visits per 1,000, mostly treated and released, as truth.json says', async () => {
    const e = await one(`WITH v AS (SELECT * FROM edv WHERE EXISTS (SELECT 1 FROM mm WHERE mm.person_id = edv.person_id AND mm.m = date_trunc('month', d))),
        lead AS (SELECT v.*, EXISTS (SELECT 1 FROM ep2 WHERE ep2.person_id = v.person_id AND ep2.admit BETWEEN v.d AND v.d + 1) admitted FROM v),
        only_ep AS (SELECT * FROM ep2 WHERE in_mm AND ed AND NOT EXISTS (SELECT 1 FROM v WHERE v.person_id = ep2.person_id AND ep2.admit BETWEEN v.d AND v.d + 1))
      SELECT (SELECT count(*) FROM lead) + (SELECT count(*) FROM only_ep) visits, (SELECT count(*) FILTER (WHERE NOT admitted) FROM lead) treat_release`);
    expect(e.visits).toBe(g.truth.events.ed_visits);
    expect(e.treat_release).toBe(g.truth.events.ed_treat_release);
    const rate = (12000 * e.visits) / g.truth.population.member_months;
    expect(rate).toBeGreaterThan(400);
    expect(rate).toBeLessThan(750);
    expect(e.treat_release / e.visits).toBeGreaterThan(0.55);
  });

  it('pays plausible amounts by claim type', async () => {
    const paid = async (where: string) => num(`SELECT avg(p) FROM (SELECT claim_id, sum(paid_amount::DOUBLE) p FROM claims WHERE ${where} AND claim_id NOT IN (SELECT claim_id FROM voids) GROUP BY 1)`);
    const inpatient = await paid(`bill_type_code = '111'`);
    expect(inpatient).toBeGreaterThan(4000);
    expect(inpatient).toBeLessThan(20000);
    const edFacility = await paid(`bill_type_code = '131'`);
    expect(edFacility).toBeGreaterThan(150);
    expect(edFacility).toBeLessThan(2000);
    const office = await paid(`hcpcs_code IN ('99213', '99214') AND claim_line_number = '1'`);
    expect(office).toBeGreaterThan(60);
    expect(office).toBeLessThan(180);
  });

  it('enrols a few percent of the target population, after high use (regression to the mean), mostly in the middle year', async () => {
    const target = await num(`SELECT count(DISTINCT person_id) FROM dx WHERE regexp_matches(code, '^(I1[0-6]|E1[013]|E0[89]|I50|I2[0-5])')`);
    const enrolled = await num('SELECT count(*) FROM prog');
    expect(enrolled).toBe(g.truth.enrollment.enrolled_members);
    expect(enrolled / target).toBeGreaterThan(0.02);
    expect(enrolled / target).toBeLessThan(0.07);
    expect(await num(`SELECT avg((enrollment_start_date BETWEEN '2023-01-01' AND '2023-12-31')::INT) FROM prog`)).toBeGreaterThan(0.7);
    const u = await one(`SELECT avg(n_before) n_before, avg(n_after) n_after FROM (SELECT p.person_id,
        (SELECT count(*) FROM ep2 WHERE ep2.person_id = p.person_id AND admit >= p.enrollment_start_date::DATE - 365 AND admit < p.enrollment_start_date::DATE) n_before,
        (SELECT count(*) FROM ep2 WHERE ep2.person_id = p.person_id AND admit >= p.enrollment_start_date::DATE AND admit < p.enrollment_start_date::DATE + 365) n_after FROM prog p)`);
    const overall = (12 * g.truth.events.admissions) / g.truth.population.member_months;
    expect(u.n_before).toBeGreaterThan(3 * overall);
    expect(u.n_after).toBeLessThan(0.7 * u.n_before);
    const caseloads = await db.all<{ n: number }>('SELECT case_manager_id, count(*)::INTEGER n FROM prog GROUP BY 1');
    expect(caseloads.length).toBeGreaterThanOrEqual(2);
    for (const c of caseloads) {
      expect(c.n).toBeGreaterThanOrEqual(10);
      expect(c.n).toBeLessThanOrEqual(250);
    }
    const open = await num('SELECT avg((enrollment_end_date IS NULL)::INT) FROM prog');
    expect(open).toBeGreaterThan(0.5);
    expect(open).toBeLessThan(0.95);
    const ccm = await num(`SELECT avg(has::INT) FROM (SELECT p.person_id, EXISTS (SELECT 1 FROM claims c WHERE c.person_id = p.person_id AND c.hcpcs_code IN ('99490', '99487')) has FROM prog p)`);
    expect(ccm).toBeGreaterThan(0.8);
    const tcm = await one(`SELECT avg((hcpcs_code IS NOT NULL AND enrolled)::INT) / avg(enrolled::INT) enrolled, avg((hcpcs_code IS NOT NULL AND NOT enrolled)::INT) / avg((NOT enrolled)::INT) other FROM (
        SELECT ep2.person_id, ep2.k, any_value(c.hcpcs_code) hcpcs_code,
          bool_or(p.person_id IS NOT NULL AND ep2.discharge BETWEEN p.enrollment_start_date::DATE AND coalesce(p.enrollment_end_date, '2024-12-31')::DATE) enrolled
        FROM ep2 LEFT JOIN claims c ON c.person_id = ep2.person_id AND c.hcpcs_code IN ('99495', '99496') AND c.claim_start_date::DATE BETWEEN ep2.discharge AND ep2.discharge + 14
        LEFT JOIN prog p ON p.person_id = ep2.person_id WHERE ep2.disp IN ('01', '06') GROUP BY 1, 2)`);
    expect(tcm.enrolled).toBeGreaterThan(2 * tcm.other);
  });

  it('exercises every stay and ED rule of MEASURES.md', async () => {
    const has = async (sql: string) => expect({ sql, n: await num(`SELECT count(*) FROM (${sql})`) > 0 }).toEqual({ sql, n: true });
    await has(`SELECT 1 FROM claims WHERE bill_type_code IN ('112', '113') AND discharge_disposition_code = '30'`);
    await has(`SELECT 1 FROM claims WHERE bill_type_code = '114'`);
    await has(`SELECT 1 FROM claims WHERE bill_type_code IN ('113', '114') AND admission_date IS NULL`);
    await has(`SELECT 1 FROM ip a JOIN ip b ON a.person_id = b.person_id AND a.disp = '02' AND b.src = '4' AND b.s BETWEEN a.e AND a.e + 1 JOIN claims ca ON ca.claim_id = a.claim_id JOIN claims cb ON cb.claim_id = b.claim_id WHERE ca.facility_npi <> cb.facility_npi`);
    await has(`SELECT 1 FROM claims c JOIN elig e USING (person_id) WHERE c.discharge_disposition_code = '20' AND c.bill_type_code LIKE '11%' AND c.discharge_date = e.death_date`);
    for (const disp of ['07', '03', '06', '02', '01']) await has(`SELECT 1 FROM claims WHERE bill_type_code LIKE '11%' AND discharge_disposition_code = '${disp}'`);
    await has(`SELECT 1 FROM claims WHERE bill_type_code LIKE '11%' AND diagnosis_code_1 = 'Z5111'`);
    await has(`SELECT 1 FROM claims c JOIN facts f ON f.code_system = 'icd-10-pcs' AND f.code = c.procedure_code_1 AND f.potentially_planned = 'pcs list' JOIN facts d ON d.code_system = 'icd-10-cm' AND d.code = c.diagnosis_code_1 AND d.acute = 'no'`);
    await has(`SELECT 1 FROM claims WHERE bill_type_code LIKE '11%' AND revenue_center_code = '0450'`);
    await has(`SELECT 1 FROM claims WHERE bill_type_code LIKE '11%' AND revenue_center_code IN ('0120', '0200') AND service_unit_quantity::DOUBLE > 1`);
    for (const rev of ['0451', '0452', '0459', '0981']) await has(`SELECT 1 FROM claims WHERE bill_type_code = '131' AND revenue_center_code = '${rev}'`);
    await has(`SELECT 1 FROM claims WHERE place_of_service_code = '23' AND hcpcs_code = '99285'`);
    await has(`SELECT 1 FROM claims WHERE bill_type_code LIKE '21%'`);
    for (const code of ['99490', '99439', '99487', '99495', '99496', '99213', '99214']) await has(`SELECT 1 FROM claims WHERE hcpcs_code = '${code}'`);
    await has(`SELECT 1 FROM claims WHERE bill_type_code LIKE '11%' AND drg_code_type = 'ms-drg' AND procedure_code_1 IS NOT NULL`);
  });
});

describe('generate: truth.json', () => {
  it('records every parameter, the truth and the row counts', async () => {
    const t = g.truth;
    expect(t.parameters).toEqual({ members: MEMBERS, seed: 2024, effect: -0.15, start: '2022-01-01', months: 36, format: 'csv', mess: true });
    expect(t.period).toEqual({ start: '2022-01-01', end: '2024-12-31', months: 36, data_through: '2024-12-31' });
    expect(t.truth.admission_relative_change).toBe(-0.15);
    expect(t.truth.ed_relative_change).toBe(-0.15);
    expect(t.truth.hazard_ratio).toBeCloseTo(0.85, 12);
    expect(t.model.admissions.base).toBeGreaterThan(0);
    const rows = Object.fromEntries(t.files.map((f: { file: string; rows: number }) => [f.file, f.rows]));
    expect(rows['medical_claim.csv']).toBe(await num('SELECT count(*) FROM claims'));
    expect(rows['eligibility.csv']).toBe(await num('SELECT count(*) FROM elig'));
    expect(rows['program_enrollment.csv']).toBe(await num('SELECT count(*) FROM prog'));
    const byProgram = await db.all<{ program: string; n: number }>('SELECT program, count(*)::INTEGER n FROM prog GROUP BY 1');
    for (const p of byProgram) expect(t.enrollment.by_program[p.program]).toBe(p.n);
    const byManager = await db.all<{ id: string; n: number }>('SELECT case_manager_id id, count(*)::INTEGER n FROM prog GROUP BY 1');
    for (const m of byManager) expect(t.enrollment.case_managers.find((c: { case_manager_id: string }) => c.case_manager_id === m.id).members).toBe(m.n);
    expect(t.counterfactual.admissions_counterfactual).toBeGreaterThan(t.counterfactual.admissions_observed);
  });

  it('counts every injected messiness exactly as it appears in the files', async () => {
    const m = g.truth.messiness;
    expect(await num(`SELECT count(DISTINCT claim_id) FROM claims WHERE diagnosis_code_1 IS NULL`)).toBe(m.blank_principal_diagnosis);
    expect(await num(`SELECT count(DISTINCT claim_id) FROM claims WHERE bill_type_code LIKE '11%' AND facility_npi IS NULL`)).toBe(m.null_facility);
    expect(await num(`SELECT count(DISTINCT claim_id) FROM claims WHERE right(bill_type_code, 1) = '7'`)).toBe(m.replacements);
    expect(await num(`SELECT count(*) FROM voids`)).toBe(m.voids);
    expect(await num(`SELECT count(*) - count(DISTINCT (claim_id, claim_line_number)) FROM claims`)).toBe(m.duplicated_lines);
    expect(await num(`SELECT count(DISTINCT claim_id) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM elig e WHERE e.person_id = c.person_id
        AND CASE WHEN c.bill_type_code IS NOT NULL THEN coalesce(c.admission_date, c.claim_start_date) ELSE c.claim_start_date END::DATE BETWEEN e.enrollment_start_date::DATE AND coalesce(e.enrollment_end_date, '2024-12-31')::DATE)`)).toBe(m.claims_outside_eligibility);
    expect(await num('SELECT count(*) FROM ep2 WHERE NOT in_mm')).toBe(m.events_outside_eligibility.admissions);
    for (const key of ['blank_principal_diagnosis', 'null_facility', 'replacements', 'voids', 'duplicated_lines', 'claims_outside_eligibility']) expect(m[key]).toBeGreaterThan(0);
    const claims = await num('SELECT count(DISTINCT claim_id) FROM claims');
    expect((m.blank_principal_diagnosis + m.replacements + m.voids) / claims).toBeLessThan(0.01);
    // Replacements keep the original's person, facility and start.
    expect(await num(`SELECT count(*) FROM (SELECT DISTINCT claim_id, person_id, facility_npi, ${ANCHOR} s FROM claims WHERE right(bill_type_code, 1) = '7') r
        WHERE NOT EXISTS (SELECT 1 FROM claims o WHERE o.person_id = r.person_id AND o.facility_npi = r.facility_npi AND right(o.bill_type_code, 1) NOT IN ('7', '8')
          AND CASE WHEN o.bill_type_code IS NOT NULL THEN coalesce(o.admission_date, o.claim_start_date) ELSE o.claim_start_date END::DATE = r.s)`)).toBe(0);
  });

  it('writes clean data with --no-mess', async () => {
    const clean = await generate({ members: 1500, seed: 2024, mess: false });
    const cdb = await openGenerated(clean.dir);
    try {
      const m = clean.truth.messiness;
      expect(m.enabled).toBe(false);
      for (const key of ['blank_principal_diagnosis', 'null_facility', 'replacements', 'voids', 'duplicated_lines', 'claims_outside_eligibility']) expect(m[key]).toBe(0);
      expect(m.events_outside_eligibility).toEqual({ admissions: 0, ed_visits: 0 });
      const n = async (sql: string) => Number((await cdb.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM (${sql})`))!.n);
      expect(await n(`SELECT 1 FROM claims WHERE diagnosis_code_1 IS NULL OR right(bill_type_code, 1) IN ('7', '8') OR paid_amount::DOUBLE < 0 OR (bill_type_code LIKE '11%' AND facility_npi IS NULL)`)).toBe(0);
      expect(await n(`SELECT claim_id, claim_line_number FROM claims GROUP BY ALL HAVING count(*) > 1`)).toBe(0);
      expect(await n(`SELECT 1 FROM claims c WHERE NOT EXISTS (SELECT 1 FROM elig e WHERE e.person_id = c.person_id
          AND CASE WHEN c.bill_type_code IS NOT NULL THEN coalesce(c.admission_date, c.claim_start_date) ELSE c.claim_start_date END BETWEEN e.enrollment_start_date AND coalesce(e.enrollment_end_date, '2024-12-31'))`)).toBe(0);
    } finally {
      cdb.close();
      clean.cleanup();
    }
  });
});
