/**
 * MEASURES.md §9 worked examples (persons A, B, C), end to end: CSV → ingest → build →
 * report. Expected numbers are worked out by hand from the rules, reasoning above each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './fixture.ts';
import { eligibility, enrolment, inpatient, professional } from './rows.ts';

describe('§9 worked examples', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: [eligibility('A', '2024-01-01', '2024-12-31'), eligibility('B', '2024-01-01', '2024-12-31'), eligibility('C', '2024-01-01', '2024-12-31')],
        program_enrollment: [enrolment('A', '2024-03-15')],
        medical_claim: [
          inpatient({ claim_id: 'A1', person_id: 'A', facility: 'F1', from: '2024-02-01', to: '2024-02-05', disposition: '01' }),
          professional({ claim_id: 'A2', person_id: 'A', date: '2024-02-01', pos: '23', hcpcs: '99284' }),
          inpatient({ claim_id: 'A3', person_id: 'A', facility: 'F1', from: '2024-02-20', to: '2024-02-20', disposition: '01', dx: 'I5023' }),
          inpatient({ claim_id: 'B1', person_id: 'B', facility: 'F1', from: '2024-05-01', to: '2024-05-03', disposition: '02' }),
          inpatient({ claim_id: 'B2', person_id: 'B', facility: 'F2', from: '2024-05-03', to: '2024-05-09', disposition: '01' }),
          inpatient({ claim_id: 'C1', person_id: 'C', facility: 'F1', from: '2024-07-01', to: '2024-07-31', disposition: '30' }),
          inpatient({ claim_id: 'C2', person_id: 'C', facility: 'F1', from: '2024-08-01', to: '2024-08-04', disposition: '01' }),
        ],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  it('person A: 12 member months, Jan–Feb unmanaged (heart failure on a stay), Mar–Dec managed', async () => {
    // A is in the target population: I5023 (heart failure, I50*) is on an acute inpatient
    // stay (A3). The enrolment starts 03-15, so March overlaps it → managed from March.
    const months = await s.rows(`SELECT strftime(month, '%m') AS m, cohort FROM mart_member_month WHERE person_id = 'A' ORDER BY month`);
    expect(months).toHaveLength(12);
    expect(months.slice(0, 2).map((r) => r.cohort)).toEqual(['unmanaged', 'unmanaged']);
    expect(months.slice(2).every((r) => r.cohort === 'managed')).toBe(true);
  });

  it('person A: two episodes (LOS 4 and same-day 1); the first is readmitted 15 days later, the second is not', async () => {
    const episodes = await s.rows(
      `SELECT admission_date, discharge_date, los, is_index, readmitted, days_to_readmission FROM mart_episode WHERE person_id = 'A' ORDER BY admission_date`,
    );
    expect(episodes).toEqual([
      // 02-05 − 02-01 = 4 days; discharged alive (01) → index; next episode admitted 02-20,
      // 15 days after discharge, no procedures → not planned → readmitted.
      { admission_date: '2024-02-01', discharge_date: '2024-02-05', los: 4, is_index: true, readmitted: true, days_to_readmission: 15 },
      // Same-day episode counts 1; it is an index too; nothing follows → not readmitted.
      { admission_date: '2024-02-20', discharge_date: '2024-02-20', los: 1, is_index: true, readmitted: false, days_to_readmission: null },
    ]);
  });

  it('person A: the POS-23 line on 02-01 is one ED visit that leads to the admission of 02-01', async () => {
    const visits = await s.rows(`SELECT visit_date, led_to_admission, source, cohort FROM mart_ed_visit WHERE person_id = 'A'`);
    expect(visits).toEqual([{ visit_date: '2024-02-01', led_to_admission: true, source: 'outpatient', cohort: 'unmanaged' }]);
  });

  it('person B: a transfer F1 → F2 is one episode, admitted 05-01, discharged 05-09, LOS 8, one index', async () => {
    const episodes = await s.rows(
      `SELECT admission_date, discharge_date, los, stay_count, is_index, discharge_disposition FROM mart_episode WHERE person_id = 'B'`,
    );
    expect(episodes).toEqual([
      { admission_date: '2024-05-01', discharge_date: '2024-05-09', los: 8, stay_count: 2, is_index: true, discharge_disposition: '01' },
    ]);
  });

  it('person C: a continuing claim (disposition 30, next claim the day after) is one stay, LOS 34, anchored in July', async () => {
    // 07-01 → 08-04 is 34 days; one stay → one episode, admitted in July.
    const episodes = await s.rows(`SELECT admission_date, discharge_date, los, stay_count, claim_count FROM mart_episode WHERE person_id = 'C'`);
    expect(episodes).toEqual([{ admission_date: '2024-07-01', discharge_date: '2024-08-04', los: 34, stay_count: 1, claim_count: 2 }]);
  });

  it('the report over 2024 has the hand-computed numbers for every cohort', async () => {
    const report = await s.report();
    // Default period: first day of the earliest eligibility month → data_through.
    expect(report.data_through).toBe('2024-12-31');
    expect(report.period).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    // all: 36 member months (3 × 12), 3 members; admissions A×2 + B + C = 4; bed days
    // 4 + 1 + 8 + 34 = 47; one ED visit, which led to admission; index stays A×2, B, C = 4
    // (C discharged 08-04 ≤ 12-31 − 30), one readmitted (A's first).
    expect(report.cohorts.all).toEqual({
      member_months: 36, members: 3,
      admissions: 4, admissions_per_1000: (12000 * 4) / 36,
      ed_visits: 1, ed_visits_per_1000: (12000 * 1) / 36,
      ed_treat_release: 0, ed_treat_release_per_1000: 0,
      ed_leading_to_admission: 1,
      index_stays: 4, readmissions: 1, readmission_rate: 1 / 4,
      bed_days: 47, alos: 47 / 4,
    });
    // managed: A's March–December (10 months); no events then; index stays 0 → rate null.
    expect(report.cohorts.managed).toEqual({
      member_months: 10, members: 1,
      admissions: 0, admissions_per_1000: 0,
      ed_visits: 0, ed_visits_per_1000: 0,
      ed_treat_release: 0, ed_treat_release_per_1000: 0,
      ed_leading_to_admission: 0,
      index_stays: 0, readmissions: 0, readmission_rate: null,
      bed_days: 0, alos: null,
    });
    // unmanaged: A's January–February (2 months); both of A's episodes, the ED visit, both
    // index stays (discharged in February) and the readmission.
    expect(report.cohorts.unmanaged).toEqual({
      member_months: 2, members: 1,
      admissions: 2, admissions_per_1000: (12000 * 2) / 2,
      ed_visits: 1, ed_visits_per_1000: (12000 * 1) / 2,
      ed_treat_release: 0, ed_treat_release_per_1000: 0,
      ed_leading_to_admission: 1,
      index_stays: 2, readmissions: 1, readmission_rate: 1 / 2,
      bed_days: 5, alos: 5 / 2,
    });
    // other: B and C (no target condition: J189), 24 months; B's and C's episodes.
    expect(report.cohorts.other).toEqual({
      member_months: 24, members: 2,
      admissions: 2, admissions_per_1000: (12000 * 2) / 24,
      ed_visits: 0, ed_visits_per_1000: 0,
      ed_treat_release: 0, ed_treat_release_per_1000: 0,
      ed_leading_to_admission: 0,
      index_stays: 2, readmissions: 0, readmission_rate: 0,
      bed_days: 42, alos: 42 / 2,
    });
  });

  it('a mid-month period filters events on their anchor dates', async () => {
    const { cohorts } = await s.report({ from: '2024-02-02', to: '2024-05-02' });
    // Member months: February–May overlap the period → 4 × 3 persons = 12.
    // Admissions: A's 02-20 and B's 05-01 (A's 02-01 is before the period) → 2; bed days
    // 1 + 8 = 9. ED: the visit of 02-01 is outside → 0.
    // Index stays by discharge date: A's 02-05 (readmitted) and 02-20; B's 05-09 is after
    // the period → 2 index stays, 1 readmission.
    expect(cohorts.all).toMatchObject({ member_months: 12, admissions: 2, bed_days: 9, ed_visits: 0, index_stays: 2, readmissions: 1 });
  });
});
