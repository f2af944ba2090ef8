/**
 * MEASURES.md §6 — index episodes, planned episodes (CMS PRA v4 + AHRQ CCS), 30-day
 * outcome, cohorts of index stays. Everyone is eligible for 2024 unless noted;
 * data_through 2024-12-31, so index discharges must be on or before 2024-12-01.
 * Diagnosis codes used: J189 pneumonia (CCS 122, acute by CCS), I214 AMI (CCS 100,
 * acute by CCS; ischemic heart disease), I2510 chronic IHD (CCS 101, not acute), N186
 * ESRD (CCS 158, not acute), Z5111 chemotherapy (CCS 45: always planned, and an HWR
 * exclusion), C189 colon cancer (CCS 14, excluded), F329 depression (CCS 657, excluded).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './fixture.ts';
import { eligibility, enrolment, inpatient, professional } from './rows.ts';

const persons = ['DIED20', 'DIEDDATE', 'DIEDLATER', 'DIED41', 'AMA', 'EDGE', 'RUNOUT', 'CANCER', 'PSYCH', 'NODX', 'PLANNED', 'POTCODE',
  'POTACUTE', 'POTCCS', 'ALWAYSPROC', 'DAY30', 'DAY31', 'CROSS', 'TRANSFER', 'PROCTYPE'];

const ip = (person_id: string, n: number, from: string, to: string, more: Partial<Parameters<typeof inpatient>[0]> = {}) =>
  inpatient({ claim_id: `${person_id}-${n}`, person_id, from, to, ...more });

describe('§6 30-day all-cause unplanned readmission', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: [
          ...persons.map((p) =>
            eligibility(p, '2024-01-01', '2024-12-31', p === 'DIEDDATE' ? { death_date: '2024-03-05' } : p === 'DIEDLATER' ? { death_date: '2024-03-06' } : {}),
          ),
          // OUTSIDE: eligible only through June.
          eligibility('OUTSIDE', '2024-01-01', '2024-06-30'),
        ],
        program_enrollment: [enrolment('CROSS', '2024-06-01')],
        medical_claim: [
          ip('DIED20', 1, '2024-03-01', '2024-03-05', { disposition: '20' }),
          ip('DIEDDATE', 1, '2024-03-01', '2024-03-05'),
          ip('DIEDLATER', 1, '2024-03-01', '2024-03-05'),
          ip('DIED41', 1, '2024-03-01', '2024-03-05', { disposition: '41' }),
          ip('AMA', 1, '2024-03-01', '2024-03-05', { disposition: '07' }),
          ip('EDGE', 1, '2024-11-28', '2024-12-01'),
          ip('RUNOUT', 1, '2024-11-28', '2024-12-02'),
          ip('CANCER', 1, '2024-03-01', '2024-03-05', { dx: 'C189' }),
          ip('PSYCH', 1, '2024-03-01', '2024-03-05', { dx: 'F329' }),
          ip('NODX', 1, '2024-03-01', '2024-03-05', { dx: null }),
          ip('PLANNED', 1, '2024-02-01', '2024-02-10'),
          ip('PLANNED', 2, '2024-02-15', '2024-02-17', { dx: 'Z5111' }),
          ip('PLANNED', 3, '2024-02-25', '2024-02-27'),
          ip('POTCODE', 1, '2024-04-01', '2024-04-03'),
          ip('POTCODE', 2, '2024-04-10', '2024-04-12', { dx: 'I2510', extra: { procedure_code_1: '0270046' } }),
          ip('POTACUTE', 1, '2024-04-01', '2024-04-03'),
          ip('POTACUTE', 2, '2024-04-10', '2024-04-12', { dx: 'I214', extra: { procedure_code_1: '0270046' } }),
          ip('POTCCS', 1, '2024-05-01', '2024-05-03'),
          ip('POTCCS', 2, '2024-05-10', '2024-05-12', { dx: 'N186', extra: { procedure_code_1: '0FT44ZZ' } }),
          ip('ALWAYSPROC', 1, '2024-06-01', '2024-06-03'),
          ip('ALWAYSPROC', 2, '2024-06-10', '2024-06-20', { dx: 'I214', extra: { procedure_code_2: '0TY00Z0' } }),
          ip('DAY30', 1, '2024-08-01', '2024-08-05'),
          ip('DAY30', 2, '2024-09-04', '2024-09-06'),
          ip('DAY31', 1, '2024-08-01', '2024-08-05'),
          ip('DAY31', 2, '2024-09-05', '2024-09-06'),
          professional({ claim_id: 'CROSS-p1', person_id: 'CROSS', date: '2024-01-10', dx: 'E119' }),
          professional({ claim_id: 'CROSS-p2', person_id: 'CROSS', date: '2024-01-20', dx: 'E119' }),
          ip('CROSS', 1, '2024-05-20', '2024-05-28'),
          ip('CROSS', 2, '2024-06-05', '2024-06-07'),
          ip('OUTSIDE', 1, '2024-06-15', '2024-06-20'),
          ip('OUTSIDE', 2, '2024-07-05', '2024-07-08'),
          ip('TRANSFER', 1, '2024-07-01', '2024-07-03', { facility: 'F1', disposition: '02' }),
          ip('TRANSFER', 2, '2024-07-03', '2024-07-08', { facility: 'F2' }),
          ip('PROCTYPE', 1, '2024-09-01', '2024-09-03'),
          ip('PROCTYPE', 2, '2024-09-10', '2024-09-12', { dx: 'I2510', extra: { procedure_code_1: '0270046', procedure_code_type: 'icd-9-pcs' } }),
        ],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  const outcome = (person: string) =>
    s.rows<{ is_index: boolean; reason: string | null; readmitted: boolean | null; planned: boolean; cohort: string | null }>(
      `SELECT is_index, index_exclusion_reason AS reason, readmitted, is_planned AS planned, discharge_cohort AS cohort
       FROM mart_episode WHERE person_id = $p ORDER BY admission_date`,
      { p: person },
    );

  it('condition 2: dying (disposition 20/41, or a death date on or before discharge) removes the index', async () => {
    expect((await outcome('DIED20'))[0]).toMatchObject({ is_index: false, reason: 'died' });
    expect((await outcome('DIED41'))[0]).toMatchObject({ is_index: false, reason: 'died' });
    expect((await outcome('DIEDDATE'))[0]).toMatchObject({ is_index: false, reason: 'died' });
    // Death the day after discharge: discharged alive → index.
    expect((await outcome('DIEDLATER'))[0]).toMatchObject({ is_index: true, readmitted: false });
  });

  it('condition 3: against medical advice (07) is not an index', async () => {
    expect((await outcome('AMA'))[0]).toMatchObject({ is_index: false, reason: 'against medical advice' });
  });

  it('condition 1: discharge at most data_through − 30 (2024-12-01)', async () => {
    expect((await outcome('EDGE'))[0]).toMatchObject({ is_index: true });
    expect((await outcome('RUNOUT'))[0]).toMatchObject({ is_index: false, reason: 'within 30 days of data_through' });
    expect(await s.quality('index_candidates_lost_to_runout')).toBe(1);
  });

  it('condition 4: HWR exclusion categories (cancer, psychiatric) remove the index; a blank principal diagnosis does not', async () => {
    expect((await outcome('CANCER'))[0]).toMatchObject({ is_index: false, reason: 'excluded diagnosis' });
    expect((await outcome('PSYCH'))[0]).toMatchObject({ is_index: false, reason: 'excluded diagnosis' });
    expect((await outcome('NODX'))[0]).toMatchObject({ is_index: true });
  });

  it('a planned first readmission (always-planned diagnosis CCS 45) means not readmitted, even with an unplanned one after it', async () => {
    // Episode 2 (02-15, Z5111) is the first within 30 days of 02-10 and planned → episode 1
    // is not readmitted; episode 3 (02-25) does not count. Episode 2 is excluded (CCS 45 is
    // "medical treatment of cancer"); episode 3 is an index with nothing after it.
    expect(await outcome('PLANNED')).toEqual([
      { is_index: true, reason: null, readmitted: false, planned: false, cohort: 'other' },
      { is_index: false, reason: 'excluded diagnosis', readmitted: null, planned: true, cohort: 'other' },
      { is_index: true, reason: null, readmitted: false, planned: false, cohort: 'other' },
    ]);
  });

  it('potentially planned procedures are planned only while the principal diagnosis is not acute', async () => {
    // 0270046 is on the potentially planned ICD-10-PCS list; I2510 is not acute → planned.
    expect((await outcome('POTCODE')).map((e) => [e.readmitted, e.planned])).toEqual([[false, false], [false, true]]);
    // Same procedure, principal I214: acute by its CCS (100) → not planned → readmitted.
    expect((await outcome('POTACUTE')).map((e) => [e.readmitted, e.planned])).toEqual([[true, false], [false, false]]);
    // 0FT44ZZ is potentially planned by its CCS (84); N186 is not acute → planned.
    expect((await outcome('POTCCS')).map((e) => [e.readmitted, e.planned])).toEqual([[false, false], [false, true]]);
    // 0TY00Z0 (kidney transplant, CCS 105) is always planned, even with an acute diagnosis.
    expect((await outcome('ALWAYSPROC')).map((e) => [e.readmitted, e.planned])).toEqual([[false, false], [false, true]]);
    // A procedure declared ICD-9 matches no list → not planned → readmitted.
    expect((await outcome('PROCTYPE')).map((e) => [e.readmitted, e.planned])).toEqual([[true, false], [false, false]]);
    // Planned first readmissions found: PLANNED, POTCODE, POTCCS, ALWAYSPROC.
    expect(await s.quality('planned_readmissions')).toBe(4);
  });

  it('the window is 0–30 days after discharge', async () => {
    // 08-05 + 30 = 09-04 → readmitted; 09-05 is day 31 → not.
    expect((await outcome('DAY30'))[0].readmitted).toBe(true);
    expect((await outcome('DAY31'))[0].readmitted).toBe(false);
  });

  it('a readmission across a cohort change counts in the cohort of the index discharge month', async () => {
    // CROSS: target (diabetes); enrolled from 06-01. Index discharged 05-28 (unmanaged),
    // readmitted 06-05 (a managed month) → the readmission belongs to unmanaged.
    expect(await outcome('CROSS')).toEqual([
      { is_index: true, reason: null, readmitted: true, planned: false, cohort: 'unmanaged' },
      { is_index: true, reason: null, readmitted: false, planned: false, cohort: 'managed' },
    ]);
  });

  it('the outcome need not be in a member month; an index must be discharged in one', async () => {
    // OUTSIDE: eligible through June. Episode 2 (07-05) is outside eligibility but still
    // readmits episode 1; it cannot be an index itself and is counted as outside.
    expect(await outcome('OUTSIDE')).toEqual([
      { is_index: true, reason: null, readmitted: true, planned: false, cohort: 'other' },
      { is_index: false, reason: 'outside eligibility', readmitted: null, planned: false, cohort: null },
    ]);
    expect(await s.quality('events_outside_eligibility', 'admissions')).toBe(1);
  });

  it('a transfer chain is one index stay', async () => {
    expect(await outcome('TRANSFER')).toEqual([{ is_index: true, reason: null, readmitted: false, planned: false, cohort: 'other' }]);
  });

  it('report: index stays and readmissions per cohort (anchored on the index discharge)', async () => {
    const { cohorts } = await s.report();
    // Index stays: DIEDLATER, EDGE, NODX, OUTSIDE, TRANSFER (1 each) + PLANNED, POTCODE,
    // POTACUTE, POTCCS, ALWAYSPROC, DAY30, DAY31, CROSS, PROCTYPE (2 each) = 23.
    // Readmitted: POTACUTE, DAY30, CROSS, OUTSIDE, PROCTYPE (their first episode) = 5.
    expect([cohorts.all.index_stays, cohorts.all.readmissions, cohorts.all.readmission_rate]).toEqual([23, 5, 5 / 23]);
    // Unmanaged (target by I214/I2510 on a stay, or CROSS by diabetes, before June):
    // POTCODE 2, POTACUTE 2, ALWAYSPROC 2, PROCTYPE 2, CROSS 1 = 9; readmitted POTACUTE,
    // PROCTYPE, CROSS = 3.
    expect([cohorts.unmanaged.index_stays, cohorts.unmanaged.readmissions]).toEqual([9, 3]);
    // Managed: CROSS's second episode (June).
    expect([cohorts.managed.index_stays, cohorts.managed.readmissions, cohorts.managed.readmission_rate]).toEqual([1, 0, 0]);
    // Other: 23 − 9 − 1 = 13; readmitted DAY30, OUTSIDE = 2.
    expect([cohorts.other.index_stays, cohorts.other.readmissions]).toEqual([13, 2]);
    // Admissions: 32 episodes, one (OUTSIDE's second) outside eligibility → 31.
    expect(cohorts.all.admissions).toBe(31);
    // Member months: 20 persons × 12 + OUTSIDE 6 = 246.
    expect(cohorts.all.member_months).toBe(246);
  });
});
