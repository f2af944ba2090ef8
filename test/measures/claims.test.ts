/**
 * MEASURES.md §3 — claims used: header fields, claim classes, code types, bill types,
 * reversals, replacements. One scenario, one person per rule; every person is eligible
 * for all of 2024 and data_through is 2024-12-31.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './fixture.ts';
import { eligibility, inpatient, outpatient, professional } from './rows.ts';

const persons = ['MODE', 'DUP', 'BT4', 'NOTYPE', 'ICD9', 'ICD10V', 'VOID', 'NEG', 'HALFNEG', 'REVTARGET', 'REPL', 'REPLBLANK', 'REPLOTHER', 'REPL2', 'NODX'];

describe('§3 claims used', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: persons.map((p) => eligibility(p, '2024-01-01', '2024-12-31')),
        medical_claim: [
          // MODE: three lines disagree. facility: F2, F1, F1 → F1 (2 of 3). diagnosis_code_1:
          // I5023, J189, blank → tie 1–1, the lowest line (1) wins → I5023. disposition:
          // 01, 20, 20 → 20 (expired).
          inpatient({ claim_id: 'M1', line: 1, person_id: 'MODE', from: '2024-03-01', to: '2024-03-04', facility: 'F2', dx: 'I5023', disposition: '01' }),
          inpatient({ claim_id: 'M1', line: 2, person_id: 'MODE', from: '2024-03-01', to: '2024-03-04', facility: 'F1', dx: 'J189', disposition: '20' }),
          inpatient({ claim_id: 'M1', line: 3, person_id: 'MODE', from: '2024-03-01', to: '2024-03-04', facility: 'F1', dx: null, disposition: '20' }),
          // DUP: the same stay sent twice under two claim ids: same facility, overlapping
          // dates → one stay, one admission, LOS 4 (not 8).
          inpatient({ claim_id: 'D1', person_id: 'DUP', from: '2024-04-01', to: '2024-04-05' }),
          inpatient({ claim_id: 'D2', person_id: 'DUP', from: '2024-04-01', to: '2024-04-05' }),
          // BT4: bill type '0111' is '111' after normalising → acute inpatient.
          inpatient({ claim_id: 'B1', person_id: 'BT4', from: '2024-05-01', to: '2024-05-02', bill_type: '0111' }),
          // NOTYPE: claim_type blank but a bill type present → institutional → acute inpatient.
          inpatient({ claim_id: 'N1', person_id: 'NOTYPE', from: '2024-05-10', to: '2024-05-12', extra: { claim_type: '' } }),
          // ICD9: I5023 declared as ICD-9 matches no list → not in the target population.
          inpatient({ claim_id: 'I9', person_id: 'ICD9', from: '2024-06-01', to: '2024-06-03', dx: 'I5023', extra: { diagnosis_code_type: 'icd-9-cm' } }),
          // ICD10V: 'ICD10' is a spelling of ICD-10 → heart failure on a stay → target.
          inpatient({ claim_id: 'I10', person_id: 'ICD10V', from: '2024-06-01', to: '2024-06-03', dx: 'I5023', extra: { diagnosis_code_type: 'ICD10' } }),
          // VOID: frequency 8 → reversal, excluded: no admission.
          inpatient({ claim_id: 'V1', person_id: 'VOID', from: '2024-07-01', to: '2024-07-03', bill_type: '118' }),
          // NEG: every line paid < 0 → reversal, excluded: no ED visit.
          outpatient({ claim_id: 'NG1', line: 1, person_id: 'NEG', date: '2024-07-05', revenue: '0450', paid: -300 }),
          outpatient({ claim_id: 'NG1', line: 2, person_id: 'NEG', date: '2024-07-05', revenue: '0300', paid: -50 }),
          // HALFNEG: one negative and one positive line → not a reversal → one ED visit.
          outpatient({ claim_id: 'HN1', line: 1, person_id: 'HALFNEG', date: '2024-07-06', revenue: '0450', paid: -300 }),
          outpatient({ claim_id: 'HN1', line: 2, person_id: 'HALFNEG', date: '2024-07-06', revenue: '0300', paid: 50 }),
          // REVTARGET: two diabetes claims on different dates, but one is reversed (all
          // lines negative) → only one qualifying "other claim" → not target.
          professional({ claim_id: 'RT1', person_id: 'REVTARGET', date: '2024-02-01', dx: 'E119' }),
          professional({ claim_id: 'RT2', person_id: 'REVTARGET', date: '2024-03-01', dx: 'E119', paid: -100 }),
          // REPL: R1 (111) 03-01 → 03-10 at F1 is replaced by R2 (117) at F1 with the same
          // start → R1 excluded; the stay is R2 alone: 03-01 → 03-04, LOS 3 (not 9).
          inpatient({ claim_id: 'R1', person_id: 'REPL', from: '2024-03-01', to: '2024-03-10', facility: 'F1' }),
          inpatient({ claim_id: 'R2', person_id: 'REPL', from: '2024-03-01', to: '2024-03-04', facility: 'F1', bill_type: '117' }),
          // REPLBLANK: both facilities blank ("two blanks equal") → replaced: LOS 2.
          inpatient({ claim_id: 'RB1', person_id: 'REPLBLANK', from: '2024-04-01', to: '2024-04-10', facility: null }),
          inpatient({ claim_id: 'RB2', person_id: 'REPLBLANK', from: '2024-04-01', to: '2024-04-03', facility: null, bill_type: '117' }),
          // REPLOTHER: different facility → not replaced: stays at F1 and F2 overlap, both
          // known and different → two stays, one transfer episode 04-01 → 04-10, LOS 9.
          inpatient({ claim_id: 'RO1', person_id: 'REPLOTHER', from: '2024-04-01', to: '2024-04-10', facility: 'F1' }),
          inpatient({ claim_id: 'RO2', person_id: 'REPLOTHER', from: '2024-04-01', to: '2024-04-03', facility: 'F2', bill_type: '117' }),
          // REPL2: two frequency-7 claims of one stay: the later claim id (RC3) is the final
          // version; RC1 (original) and RC2 (first replacement) are replaced → LOS 5.
          inpatient({ claim_id: 'RC1', person_id: 'REPL2', from: '2024-09-01', to: '2024-09-03', facility: 'F1' }),
          inpatient({ claim_id: 'RC2', person_id: 'REPL2', from: '2024-09-01', to: '2024-09-04', facility: 'F1', bill_type: '117' }),
          inpatient({ claim_id: 'RC3', person_id: 'REPL2', from: '2024-09-01', to: '2024-09-06', facility: 'F1', bill_type: '117' }),
          // NODX: a professional claim without diagnosis_code_1 (it has a second code) →
          // counted in data quality; its other code still counts for the target rule.
          professional({ claim_id: 'ND1', person_id: 'NODX', date: '2024-02-01', dx: null, extra: { diagnosis_code_2: 'I10' } }),
          professional({ claim_id: 'ND2', person_id: 'NODX', date: '2024-02-02', dx: 'I10' }),
        ],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  const episodes = (person: string) =>
    s.rows(`SELECT admission_date, discharge_date, los, facility_npi, principal_dx, discharge_disposition, stay_count FROM mart_episode WHERE person_id = $p ORDER BY admission_date`, { p: person });
  const isTarget = async (person: string) =>
    (await s.rows<{ t: boolean }>(`SELECT bool_or(is_target) AS t FROM mart_member_month WHERE person_id = $p`, { p: person }))[0].t;

  it('header fields are the most frequent non-blank value across lines, ties to the lowest line', async () => {
    expect(await episodes('MODE')).toEqual([
      { admission_date: '2024-03-01', discharge_date: '2024-03-04', los: 3, facility_npi: 'F1', principal_dx: 'I5023', discharge_disposition: '20', stay_count: 1 },
    ]);
    // Disposition 20 (expired) → not an index stay.
    const [e] = await s.rows(`SELECT is_index, index_exclusion_reason FROM mart_episode WHERE person_id = 'MODE'`);
    expect(e).toEqual({ is_index: false, index_exclusion_reason: 'died' });
  });

  it('a duplicated inpatient claim merges into one stay (one admission, LOS counted once)', async () => {
    expect(await episodes('DUP')).toEqual([
      { admission_date: '2024-04-01', discharge_date: '2024-04-05', los: 4, facility_npi: 'F1', principal_dx: 'J189', discharge_disposition: '01', stay_count: 1 },
    ]);
  });

  it("bill type '0111' is acute inpatient; a blank claim_type with a bill type is institutional", async () => {
    expect(await episodes('BT4')).toHaveLength(1);
    expect(await episodes('NOTYPE')).toHaveLength(1);
  });

  it('a code of another declared type matches no list; ICD-10 spellings do', async () => {
    expect(await isTarget('ICD9')).toBe(false);
    expect(await isTarget('ICD10V')).toBe(true);
    // Only I9 declares another code type ('icd-9-cm'); blank and 'ICD10' are ICD-10 → 1 claim.
    expect(await s.quality('non_icd10_diagnosis_claims')).toBe(1);
  });

  it('reversals (frequency 8, or every line negative) are excluded and counted', async () => {
    expect(await episodes('VOID')).toEqual([]);
    expect(await s.rows(`SELECT visit_date FROM mart_ed_visit WHERE person_id = 'NEG'`)).toEqual([]);
    expect(await s.rows(`SELECT visit_date FROM mart_ed_visit WHERE person_id = 'HALFNEG'`)).toEqual([{ visit_date: '2024-07-06' }]);
    // Reversed: V1, NG1, RT2 → 3.
    expect(await s.quality('reversed_claims')).toBe(3);
  });

  it('a reversed claim does not count toward the target population', async () => {
    expect(await isTarget('REVTARGET')).toBe(false);
  });

  it('a frequency-7 claim replaces the same person/facility/start claims; two blanks are equal', async () => {
    expect((await episodes('REPL')).map((e) => [e.discharge_date, e.los])).toEqual([['2024-03-04', 3]]);
    expect((await episodes('REPLBLANK')).map((e) => [e.discharge_date, e.los])).toEqual([['2024-04-03', 2]]);
    expect((await episodes('REPLOTHER')).map((e) => [e.discharge_date, e.los, e.stay_count])).toEqual([['2024-04-10', 9, 2]]);
    expect((await episodes('REPL2')).map((e) => [e.discharge_date, e.los])).toEqual([['2024-09-06', 5]]);
    // Replaced: R1, RB1, RC1, RC2 → 4 (RO1 is at another facility).
    expect(await s.quality('replaced_claims')).toBe(4);
  });

  it('a claim without a principal diagnosis keeps its other codes and is counted', async () => {
    // ND1 (no diagnosis_code_1, I10 in position 2) and ND2 (I10) are two other claims on
    // different dates → hypertension → target.
    expect(await isTarget('NODX')).toBe(true);
    expect(await s.quality('claims_without_principal_diagnosis', 'professional')).toBe(1);
  });

  it('the report counts only used claims', async () => {
    const { cohorts } = await s.report();
    // Admissions: MODE, DUP, BT4, NOTYPE, ICD9, ICD10V, REPL, REPLBLANK, REPLOTHER, REPL2
    // = 10 (VOID reversed). ED visits: HALFNEG only = 1 (NEG reversed).
    expect(cohorts.all.admissions).toBe(10);
    expect(cohorts.all.ed_visits).toBe(1);
    // Bed days: 3 + 4 + 1 + 2 + 2 + 2 + 3 + 2 + 9 + 5 = 33.
    expect(cohorts.all.bed_days).toBe(33);
    expect(cohorts.all.member_months).toBe(persons.length * 12);
  });
});
