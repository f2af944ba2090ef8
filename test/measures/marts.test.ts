/**
 * The marts readers build on (docs/marts.md) agree with the rules and with the report:
 * the monthly cube and its roll-ups, the patient mart (windows, last discharge, follow-up),
 * the timeline, the programme pre/post mart and data quality. data_through 2024-12-31.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './fixture.ts';
import { eligibility, enrolment, inpatient, outpatient, professional } from './rows.ts';

describe('marts', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: [
          eligibility('P1', '2023-01-01', null, { birth_date: '1950-07-01', gender: 'female' }),
          eligibility('P2', '2024-01-01', '2024-12-31', { payer: 'medicaid', birth_date: '1980-01-01', gender: 'male' }),
          eligibility('P3', '2024-04-01', '2024-05-31', { payer: 'commercial', birth_date: '1960-01-01', gender: 'female' }),
        ],
        program_enrollment: [enrolment('P1', '2024-06-15', null, { program: 'HF', case_manager_id: 'cm1', case_manager_name: 'Ann', acuity: 'high' })],
        medical_claim: [
          // P1: heart failure on a stay (target). Stays 03-01 → 03-05 (unmanaged month) and
          // 11-20 → 11-25 (managed). Office visit 5 days after the first discharge; TCM 10 days
          // after the second (so the last discharge has a 14-day but no 7-day follow-up); a
          // CCM contact; one treat-and-release ED visit on 08-01.
          inpatient({ claim_id: 'I1', person_id: 'P1', from: '2024-03-01', to: '2024-03-05', dx: 'I5023', extra: { paid_amount: 8000 } }),
          professional({ claim_id: 'O1', person_id: 'P1', date: '2024-03-10', hcpcs: '99213', dx: 'I5023', paid: 100 }),
          professional({ claim_id: 'C1', person_id: 'P1', date: '2024-07-01', hcpcs: '99490', dx: 'I5023', paid: 60 }),
          outpatient({ claim_id: 'E1', person_id: 'P1', date: '2024-08-01', revenue: '0450', paid: 500 }),
          inpatient({ claim_id: 'I2', person_id: 'P1', from: '2024-11-20', to: '2024-11-25', dx: 'I5023', extra: { paid_amount: 9000 } }),
          professional({ claim_id: 'T1', person_id: 'P1', date: '2024-12-05', hcpcs: '99495', dx: 'I5023', paid: 200 }),
          // P2: not target; one ED visit in February.
          outpatient({ claim_id: 'E2', person_id: 'P2', date: '2024-02-01', revenue: '0450', paid: 400 }),
          // P3 (commercial, April–May, never enrolled): diabetes and hypertension, each coded on two
          // claims with distinct ids on different dates (§2) → unmanaged target with two conditions.
          // One treat-and-release ED visit on 04-10.
          professional({ claim_id: 'D1', person_id: 'P3', date: '2024-04-02', dx: 'E119', paid: 50, extra: { diagnosis_code_2: 'I10' } }),
          professional({ claim_id: 'D2', person_id: 'P3', date: '2024-05-03', dx: 'E119', paid: 50, extra: { diagnosis_code_2: 'I10' } }),
          outpatient({ claim_id: 'E3', person_id: 'P3', date: '2024-04-10', revenue: '0450', paid: 300 }),
          // A line without a claim start date cannot be used → rejected by ingest.
          professional({ claim_id: 'BAD', person_id: 'P2', date: '2024-02-02', extra: { claim_start_date: '' } }),
        ],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  it('the monthly cube sums to the report over any range of whole months', async () => {
    const report = await s.report({ from: '2024-01-01', to: '2024-12-31' });
    for (const cohort of ['all', 'managed', 'unmanaged', 'other'] as const) {
      const [sum] = await s.rows(
        `SELECT sum(member_months)::INTEGER AS member_months, sum(admissions)::INTEGER AS admissions, sum(bed_days)::INTEGER AS bed_days,
                sum(ed_visits)::INTEGER AS ed_visits, sum(ed_treat_release)::INTEGER AS ed_treat_release,
                sum(index_stays)::INTEGER AS index_stays, sum(readmissions)::INTEGER AS readmissions
         FROM mart_measures_monthly
         WHERE cohort = $c AND condition = 'any' AND payer = 'all' AND program = 'all' AND month BETWEEN '2024-01-01' AND '2024-12-01'`,
        { c: cohort },
      );
      const r = report.cohorts[cohort];
      expect(sum, cohort).toEqual({
        member_months: r.member_months, admissions: r.admissions, bed_days: r.bed_days, ed_visits: r.ed_visits,
        ed_treat_release: r.ed_treat_release, index_stays: r.index_stays, readmissions: r.readmissions,
      });
    }
  });

  it('cube cells: condition, payer and programme slices', async () => {
    // March 2024: P1 is unmanaged with heart failure; admitted 03-01 (LOS 4), index.
    expect(
      await s.rows(`SELECT member_months, members, admissions, bed_days, index_stays FROM mart_measures_monthly
                    WHERE month = '2024-03-01' AND cohort = 'unmanaged' AND condition = 'heart_failure' AND payer = 'all' AND program = 'all'`),
    ).toEqual([{ member_months: 1, members: 1, admissions: 1, bed_days: 4, index_stays: 1 }]);
    // February 2024, payer medicaid: P2 with its ED visit; P1 (medicare) is not in the row.
    expect(
      await s.rows(`SELECT member_months, ed_visits FROM mart_measures_monthly
                    WHERE month = '2024-02-01' AND cohort = 'all' AND condition = 'any' AND payer = 'medicaid' AND program = 'all'`),
    ).toEqual([{ member_months: 1, ed_visits: 1 }]);
    // Programme HF: P1's managed months June–December 2024 = 7.
    expect(
      await s.rows(`SELECT sum(member_months)::INTEGER AS mm FROM mart_measures_monthly
                    WHERE cohort = 'all' AND condition = 'any' AND payer = 'all' AND program = 'HF'`),
    ).toEqual([{ mm: 7 }]);
    // paid: March = I1 8000 + O1 100.
    expect(
      await s.rows(`SELECT paid_amount FROM mart_measures_monthly
                    WHERE month = '2024-03-01' AND cohort = 'all' AND condition = 'any' AND payer = 'all' AND program = 'all'`),
    ).toEqual([{ paid_amount: 8100 }]);
  });

  it('cube cells: a person with two conditions is in both condition rows and once in any', async () => {
    // April 2024, unmanaged: P1 (heart failure, enrolled only from June) and P3 (diabetes and
    // hypertension, ED visit 04-10); P2 is not in the target population (cohort other).
    const april = await s.rows(
      `SELECT condition, member_months, members, ed_visits, paid_amount FROM mart_measures_monthly
       WHERE month = '2024-04-01' AND cohort = 'unmanaged' AND payer = 'all' AND program = 'all' ORDER BY condition`,
    );
    expect(april).toEqual([
      { condition: 'any', member_months: 2, members: 2, ed_visits: 1, paid_amount: 350 },
      { condition: 'diabetes', member_months: 1, members: 1, ed_visits: 1, paid_amount: 350 },
      { condition: 'heart_failure', member_months: 1, members: 1, ed_visits: 0, paid_amount: 0 },
      { condition: 'hypertension', member_months: 1, members: 1, ed_visits: 1, paid_amount: 350 },
    ]);
    // Every member month of April: P1, P2, P3.
    expect(
      await s.rows(`SELECT member_months, ed_visits FROM mart_measures_monthly
                    WHERE month = '2024-04-01' AND cohort = 'all' AND condition = 'any' AND payer = 'all' AND program = 'all'`),
    ).toEqual([{ member_months: 3, ed_visits: 1 }]);
  });

  it('patient mart: windows, last discharge, follow-up', async () => {
    const [p1] = await s.rows(`SELECT * FROM mart_patient WHERE person_id = 'P1'`);
    expect(p1).toMatchObject({
      sex: 'female', age: 74, is_target: true, conditions: ['heart_failure'], condition_count: 1,
      current_cohort: 'managed', program: 'HF', case_manager_id: 'cm1', case_manager_name: 'Ann', acuity: 'high', enrolled_since: '2024-06-15',
      payer: 'medicare',
      // Both admissions and the ED visit are in (2023-12-31, 2024-12-31]; bed days 4 + 5.
      admissions_12m: 2, bed_days_12m: 9, ed_visits_12m: 1, admissions_prior_12m: 0, ed_visits_prior_12m: 0,
      paid_12m: 8000 + 100 + 60 + 500 + 9000 + 200, paid_prior_12m: 0,
      last_discharge_date: '2024-11-25', last_discharge_disposition: '01', days_since_discharge: 36,
      // 11-20 is 260 days after 03-05: not a readmission.
      readmitted_last: false,
      // TCM on 12-05 is day 10 after 11-25.
      followup_7d: false, followup_14d: true, last_office_visit: '2024-12-05', in_hospital: false,
    });
    const [p2] = await s.rows(`SELECT current_cohort, is_target, conditions, last_discharge_date, followup_7d FROM mart_patient WHERE person_id = 'P2'`);
    expect(p2).toEqual({ current_cohort: 'other', is_target: false, conditions: [], last_discharge_date: null, followup_7d: null });
  });

  it('timeline: one row per episode, ED visit and other claim, with its kind', async () => {
    const rows = await s.rows(`SELECT event_date, kind FROM mart_patient_timeline WHERE person_id = 'P1' ORDER BY event_date, kind`);
    expect(rows).toEqual([
      { event_date: '2024-03-01', kind: 'inpatient' },
      { event_date: '2024-03-10', kind: 'office' },
      { event_date: '2024-07-01', kind: 'ccm' },
      { event_date: '2024-08-01', kind: 'ed' },
      { event_date: '2024-11-20', kind: 'inpatient' },
      { event_date: '2024-12-05', kind: 'tcm' },
    ]);
  });

  it('programme pre/post: member months and events by month relative to enrolment', async () => {
    const rows = await s.rows<{ relative_month: number; member_months: number; admissions: number; bed_days: number }>(
      `SELECT relative_month, member_months, admissions, bed_days FROM mart_program_pre_post WHERE program = 'HF' ORDER BY relative_month`,
    );
    // Enrolled June 2024: member months from June 2023 (−12) to December 2024 (+6).
    expect(rows.map((r) => r.relative_month)).toEqual([-12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
    expect(rows.every((r) => r.member_months === 1)).toBe(true);
    // March 2024 is −3 (LOS 4); November 2024 is +5 (LOS 5).
    expect(rows.filter((r) => r.admissions > 0).map((r) => [r.relative_month, r.admissions, r.bed_days])).toEqual([[-3, 1, 4], [5, 1, 5]]);
  });

  it('data quality counts rejected rows by rule', async () => {
    expect(await s.quality('rejected_rows', 'all')).toBe(1);
    const rows = await s.rows(`SELECT detail, value FROM mart_data_quality WHERE metric = 'rejected_rows' AND detail <> 'all'`);
    expect(rows).toHaveLength(1);
    expect(String(rows[0].detail)).toMatch(/^medical_claim: /);
  });
});
