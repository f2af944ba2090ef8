/**
 * MEASURES.md §4 — acute inpatient stays (merging), episodes (transfers), length of
 * stay, admissions, bed days, ALOS. Everyone is eligible for 2024; data_through
 * 2024-12-31; facility F1 unless given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './fixture.ts';
import { eligibility, inpatient } from './rows.ts';

const persons = ['INTERIM', 'NEXTDAY', 'NEXTDAY30', 'GAP30', 'NULLFAC', 'NULLONLY', 'REFFAC', 'LASTCLAIM', 'CHAIN3', 'NOTRANSFER'];

describe('§4 stays and episodes', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: persons.map((p) => eligibility(p, '2024-01-01', '2024-12-31')),
        medical_claim: [
          // INTERIM: interim bills 112/113/114 carry the admission date 06-01, so each starts
          // 06-01 (§3 start = coalesce(admission_date, claim_start_date)) and they overlap →
          // one stay 06-01 → 08-10, LOS 70, anchored in June.
          inpatient({ claim_id: 'IN1', person_id: 'INTERIM', from: '2024-06-01', to: '2024-06-30', bill_type: '112', disposition: '30', extra: { discharge_date: '' } }),
          inpatient({ claim_id: 'IN2', person_id: 'INTERIM', from: '2024-07-01', to: '2024-07-31', bill_type: '113', disposition: '30', extra: { admission_date: '2024-06-01', discharge_date: '' } }),
          inpatient({ claim_id: 'IN3', person_id: 'INTERIM', from: '2024-08-01', to: '2024-08-10', bill_type: '114', extra: { admission_date: '2024-06-01' } }),
          // NEXTDAY: next-day claim at the same facility, first disposition 01 → two stays;
          // same facility → no transfer → two episodes (LOS 4 and 2).
          inpatient({ claim_id: 'ND1', person_id: 'NEXTDAY', from: '2024-01-01', to: '2024-01-05' }),
          inpatient({ claim_id: 'ND2', person_id: 'NEXTDAY', from: '2024-01-06', to: '2024-01-08' }),
          // NEXTDAY30: the same with disposition 30 (still a patient) → one stay, LOS 7.
          inpatient({ claim_id: 'N31', person_id: 'NEXTDAY30', from: '2024-01-01', to: '2024-01-05', disposition: '30' }),
          inpatient({ claim_id: 'N32', person_id: 'NEXTDAY30', from: '2024-01-06', to: '2024-01-08' }),
          // GAP30: disposition 30 but the next claim starts two days later → two stays (4, 1).
          inpatient({ claim_id: 'G1', person_id: 'GAP30', from: '2024-01-01', to: '2024-01-05', disposition: '30' }),
          inpatient({ claim_id: 'G2', person_id: 'GAP30', from: '2024-01-07', to: '2024-01-08' }),
          // NULLFAC: a null facility matches any → one stay 02-01 → 02-08 (LOS 7), facility F1.
          inpatient({ claim_id: 'NF1', person_id: 'NULLFAC', from: '2024-02-01', to: '2024-02-05', facility: null }),
          inpatient({ claim_id: 'NF2', person_id: 'NULLFAC', from: '2024-02-03', to: '2024-02-08', facility: 'F1' }),
          // NULLONLY: no claim has a facility → a stay with a null facility (data quality).
          inpatient({ claim_id: 'NO1', person_id: 'NULLONLY', from: '2024-02-10', to: '2024-02-12', facility: null }),
          // REFFAC: null (03-01 → 03-10), F1 (03-02 → 03-04), F2 (03-05 → 03-06). The second
          // joins (null matches) and fixes the stay's facility to F1; the third is compared
          // with F1, not with the null first claim → a new stay. That stay (F2) is admitted
          // within the first stay (≤ 03-10 + 1), both facilities known and different →
          // a transfer: one episode 03-01 → 03-10, LOS 9, two stays.
          inpatient({ claim_id: 'RF1', person_id: 'REFFAC', from: '2024-03-01', to: '2024-03-10', facility: null }),
          inpatient({ claim_id: 'RF2', person_id: 'REFFAC', from: '2024-03-02', to: '2024-03-04', facility: 'F1' }),
          inpatient({ claim_id: 'RF3', person_id: 'REFFAC', from: '2024-03-05', to: '2024-03-06', facility: 'F2' }),
          // LASTCLAIM: the "last claim" is the one with the latest end (LC1, disposition 30),
          // not the last one merged (LC2, 01) → LC3 the day after 04-10 joins: one stay
          // 04-01 → 04-12, LOS 11.
          inpatient({ claim_id: 'LC1', person_id: 'LASTCLAIM', from: '2024-04-01', to: '2024-04-10', disposition: '30' }),
          inpatient({ claim_id: 'LC2', person_id: 'LASTCLAIM', from: '2024-04-02', to: '2024-04-05', disposition: '01' }),
          inpatient({ claim_id: 'LC3', person_id: 'LASTCLAIM', from: '2024-04-11', to: '2024-04-12' }),
          // CHAIN3: F1 → F2 (admitted the day after) → F3 (admitted on F2's discharge day) →
          // one episode 05-01 → 05-10, LOS 9, principal diagnosis from the first stay (I214),
          // disposition from the last (01).
          inpatient({ claim_id: 'C1', person_id: 'CHAIN3', from: '2024-05-01', to: '2024-05-03', facility: 'F1', disposition: '02', dx: 'I214' }),
          inpatient({ claim_id: 'C2', person_id: 'CHAIN3', from: '2024-05-04', to: '2024-05-06', facility: 'F2', disposition: '02' }),
          inpatient({ claim_id: 'C3', person_id: 'CHAIN3', from: '2024-05-06', to: '2024-05-10', facility: 'F3', disposition: '01' }),
          // NOTRANSFER: F2 admitted two days after F1's discharge → two episodes (2 and 2).
          inpatient({ claim_id: 'NT1', person_id: 'NOTRANSFER', from: '2024-06-01', to: '2024-06-03', facility: 'F1', disposition: '02' }),
          inpatient({ claim_id: 'NT2', person_id: 'NOTRANSFER', from: '2024-06-05', to: '2024-06-07', facility: 'F2' }),
        ],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  const episodes = (person: string) =>
    s.rows(`SELECT admission_date AS adm, discharge_date AS dis, los, stay_count AS stays FROM mart_episode WHERE person_id = $p ORDER BY admission_date`, { p: person });

  it('interim claims of one admission are one stay', async () => {
    expect(await episodes('INTERIM')).toEqual([{ adm: '2024-06-01', dis: '2024-08-10', los: 70, stays: 1 }]);
  });

  it('a claim starting the day after merges only when the stay is still a patient (30)', async () => {
    expect(await episodes('NEXTDAY')).toEqual([
      { adm: '2024-01-01', dis: '2024-01-05', los: 4, stays: 1 },
      { adm: '2024-01-06', dis: '2024-01-08', los: 2, stays: 1 },
    ]);
    expect(await episodes('NEXTDAY30')).toEqual([{ adm: '2024-01-01', dis: '2024-01-08', los: 7, stays: 1 }]);
    expect(await episodes('GAP30')).toHaveLength(2);
  });

  it('a null facility matches any; the stay takes its first known facility', async () => {
    expect(await episodes('NULLFAC')).toEqual([{ adm: '2024-02-01', dis: '2024-02-08', los: 7, stays: 1 }]);
    const [fac] = await s.rows(`SELECT facility_npi FROM mart_episode WHERE person_id = 'NULLFAC'`);
    expect(fac.facility_npi).toBe('F1');
    expect(await s.quality('stays_with_null_facility')).toBe(1);
  });

  it("'same facility' compares with the stay's first claim that has a facility", async () => {
    expect(await episodes('REFFAC')).toEqual([{ adm: '2024-03-01', dis: '2024-03-10', los: 9, stays: 2 }]);
  });

  it('the last claim of a stay is the one with the latest end', async () => {
    expect(await episodes('LASTCLAIM')).toEqual([{ adm: '2024-04-01', dis: '2024-04-12', los: 11, stays: 1 }]);
  });

  it('a transfer chain of three stays is one episode', async () => {
    const rows = await s.rows(
      `SELECT admission_date AS adm, discharge_date AS dis, los, stay_count AS stays, principal_dx, discharge_disposition, is_index
       FROM mart_episode WHERE person_id = 'CHAIN3'`,
    );
    expect(rows).toEqual([{ adm: '2024-05-01', dis: '2024-05-10', los: 9, stays: 3, principal_dx: 'I214', discharge_disposition: '01', is_index: true }]);
    expect(await episodes('NOTRANSFER')).toHaveLength(2);
  });

  it('report: admissions, bed days and ALOS', async () => {
    const { cohorts } = await s.report();
    // Episodes: INTERIM 1, NEXTDAY 2, NEXTDAY30 1, GAP30 2, NULLFAC 1, NULLONLY 1, REFFAC 1,
    // LASTCLAIM 1, CHAIN3 1, NOTRANSFER 2 = 13.
    // Bed days: 70 + (4 + 2) + 7 + (4 + 1) + 7 + 2 + 9 + 11 + 9 + (2 + 2) = 130.
    expect([cohorts.all.admissions, cohorts.all.bed_days, cohorts.all.alos]).toEqual([13, 130, 130 / 13]);
    // 10 persons × 12 member months.
    expect(cohorts.all.admissions_per_1000).toBe((12000 * 13) / 120);
  });

  it('bed days count the whole LOS of episodes admitted in the period, even past its end', async () => {
    // June only: INTERIM (70 days, into August) and NOTRANSFER's two episodes (2 + 2).
    const { cohorts } = await s.report({ from: '2024-06-01', to: '2024-06-30' });
    expect([cohorts.all.admissions, cohorts.all.bed_days]).toEqual([3, 74]);
  });
});
