/**
 * MEASURES.md §3a — encounter extracts become claim-shaped records in staging, so
 * §4–§6 apply unchanged. Everyone is eligible for 2024; data_through 2024-12-31 unless
 * the test says otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvRow } from './fixture.ts';
import { scenario, type Scenario } from './fixture.ts';
import { eligibility, inpatient } from './rows.ts';

const persons = ['EIP', 'EED', 'EEDADMIT', 'EOPEN', 'EBOTH', 'EBOTHDIFF', 'ECONDDATE', 'ECONDSAME', 'ESNOMED', 'EPROC'];

function encounter(encounter_id: string, person_id: string, type: string, start: string, end: string | null, more: CsvRow = {}): CsvRow {
  return {
    encounter_id, person_id, encounter_type: type, encounter_start_date: start, encounter_end_date: end ?? '',
    facility_id: 'H1', discharge_disposition_code: type === 'acute inpatient' ? '01' : '', primary_diagnosis_code: 'J189', paid_amount: 500, ...more,
  };
}
const condition = (condition_id: string, person_id: string, encounter_id: string, recorded_date: string, code: string, type = ''): CsvRow =>
  ({ condition_id, person_id, encounter_id, recorded_date, normalized_code_type: type, normalized_code: code });

describe('§3a encounter extracts', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: persons.map((p) => eligibility(p, '2024-01-01', '2024-12-31')),
        encounter: [
          // EIP: an acute inpatient encounter → bill type 111 claim: one admission, LOS 4,
          // an index stay; heart failure on a stay → target.
          encounter('E1', 'EIP', 'acute inpatient', '2024-02-01', '2024-02-05', { primary_diagnosis_code: 'I50.23' }),
          // EED: an ED encounter (→ 131 claim with a 0450 line) and an office visit, each with
          // a diabetes condition, on different dates → one ED visit, target (diabetes).
          encounter('E2', 'EED', 'emergency department', '2024-03-01', '2024-03-01', { primary_diagnosis_code: 'R079' }),
          encounter('E3', 'EED', 'office visit', '2024-04-01', '2024-04-01', { primary_diagnosis_code: '' }),
          // EEDADMIT: ED then admitted the same day → the ED visit leads to admission.
          encounter('E4', 'EEDADMIT', 'emergency department', '2024-05-01', '2024-05-01'),
          encounter('E5', 'EEDADMIT', 'acute inpatient', '2024-05-01', '2024-05-03'),
          // EOPEN: in hospital since 12-20 (blank end) → open through data_through: admitted,
          // LOS 11 (12-31 − 12-20), never an index.
          encounter('E6', 'EOPEN', 'acute inpatient', '2024-12-20', null, { discharge_disposition_code: '' }),
          // EBOTH: the same stay in claims (facility F1) and in an encounter at F1 → one stay.
          encounter('E7', 'EBOTH', 'acute inpatient', '2024-06-01', '2024-06-05', { facility_id: 'F1' }),
          // EBOTHDIFF: the encounter names the facility differently (H9) → two stays at
          // different facilities that chain into one episode → still one admission.
          encounter('E8', 'EBOTHDIFF', 'acute inpatient', '2024-06-01', '2024-06-05', { facility_id: 'H9' }),
          // ECONDDATE: an office visit on 07-10 that a condition joins by date.
          encounter('E9', 'ECONDDATE', 'office visit', '2024-07-10', '2024-07-10', { primary_diagnosis_code: '' }),
          // EPROC: index 09-01 → 09-03; then 09-10 → 09-12 with I2510 and a potentially planned
          // procedure (0270046) → planned → the index is not readmitted.
          encounter('E10', 'EPROC', 'acute inpatient', '2024-09-01', '2024-09-03'),
          encounter('E11', 'EPROC', 'acute inpatient', '2024-09-10', '2024-09-12', { primary_diagnosis_code: 'I2510' }),
        ],
        condition: [
          condition('C1', 'EED', 'E2', '2024-03-01', 'E119'),
          condition('C2', 'EED', 'E3', '2024-04-01', 'E119'),
          // ECONDDATE: no encounter id, recorded on the office-visit date → joins E9; the
          // second is on a date with no encounter → an "other claim" of its own. Two other
          // claims on different dates → hypertension.
          condition('C3', 'ECONDDATE', '', '2024-07-10', 'I10'),
          condition('C4', 'ECONDDATE', '', '2024-08-10', 'I10'),
          // ECONDSAME: two stand-alone conditions on one date → one date → not target.
          condition('C5', 'ECONDSAME', '', '2024-07-10', 'I10'),
          condition('C6', 'ECONDSAME', '', '2024-07-10', 'I10'),
          // ESNOMED: SNOMED CT codes match no list, even one that looks like ICD-10.
          condition('C7', 'ESNOMED', '', '2024-07-10', '44054006', 'snomed-ct'),
          condition('C8', 'ESNOMED', '', '2024-08-10', 'E119', 'snomed-ct'),
        ],
        procedure: [{ procedure_id: 'P1', person_id: 'EPROC', encounter_id: 'E11', procedure_date: '2024-09-10', normalized_code_type: '', normalized_code: '0270046' }],
        medical_claim: [
          inpatient({ claim_id: 'EB1', person_id: 'EBOTH', from: '2024-06-01', to: '2024-06-05', facility: 'F1' }),
          inpatient({ claim_id: 'EB2', person_id: 'EBOTHDIFF', from: '2024-06-01', to: '2024-06-05', facility: 'F1' }),
        ],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  const episodes = (person: string) =>
    s.rows(`SELECT admission_date AS adm, discharge_date AS dis, los, is_index, readmitted, is_open FROM mart_episode WHERE person_id = $p ORDER BY admission_date`, { p: person });
  const conditions = async (person: string) =>
    (await s.rows<{ c: string[] | null }>(`SELECT conditions AS c FROM mart_patient WHERE person_id = $p`, { p: person }))[0].c;

  it('an acute inpatient encounter is an admission and an index stay', async () => {
    expect(await episodes('EIP')).toEqual([{ adm: '2024-02-01', dis: '2024-02-05', los: 4, is_index: true, readmitted: false, is_open: false }]);
    expect(await conditions('EIP')).toEqual(['heart_failure']);
  });

  it('an ED encounter is an ED visit and carries its diagnoses', async () => {
    expect(await s.rows(`SELECT visit_date, led_to_admission FROM mart_ed_visit WHERE person_id = 'EED'`)).toEqual([{ visit_date: '2024-03-01', led_to_admission: false }]);
    expect(await conditions('EED')).toEqual(['diabetes']);
    expect(await s.rows(`SELECT visit_date, led_to_admission FROM mart_ed_visit WHERE person_id = 'EEDADMIT'`)).toEqual([{ visit_date: '2024-05-01', led_to_admission: true }]);
  });

  it('an inpatient encounter with a blank end is open through data_through and never an index', async () => {
    expect(await episodes('EOPEN')).toEqual([{ adm: '2024-12-20', dis: '2024-12-31', los: 11, is_index: false, readmitted: null, is_open: true }]);
    expect(await s.quality('open_inpatient_encounters')).toBe(1);
    expect(await s.rows(`SELECT in_hospital FROM mart_patient WHERE person_id = 'EOPEN'`)).toEqual([{ in_hospital: true }]);
  });

  it('a stay in both claims and encounters counts once', async () => {
    expect(await episodes('EBOTH')).toHaveLength(1);
    expect(await s.rows(`SELECT stay_count FROM mart_episode WHERE person_id = 'EBOTH'`)).toEqual([{ stay_count: 1 }]);
    expect(await s.rows(`SELECT stay_count FROM mart_episode WHERE person_id = 'EBOTHDIFF'`)).toEqual([{ stay_count: 2 }]);
  });

  it('conditions join by encounter, else by date, else stand alone; other code systems match nothing', async () => {
    expect(await conditions('ECONDDATE')).toEqual(['hypertension']);
    expect(await conditions('ECONDSAME')).toEqual([]);
    expect(await conditions('ESNOMED')).toEqual([]);
  });

  it('procedure rows make an encounter stay planned', async () => {
    expect((await episodes('EPROC')).map((e) => e.readmitted)).toEqual([false, false]);
    expect(await s.quality('planned_readmissions')).toBe(1);
  });

  it('report', async () => {
    const { cohorts } = await s.report();
    // Admissions: EIP, EEDADMIT, EOPEN, EBOTH, EBOTHDIFF, EPROC × 2 = 7;
    // bed days 4 + 2 + 11 + 4 + 4 + 2 + 2 = 29. ED visits: EED, EEDADMIT = 2, one leading.
    // Index stays: EIP, EEDADMIT, EBOTH, EBOTHDIFF, EPROC × 2 = 6 (EOPEN never); none readmitted.
    expect(cohorts.all).toMatchObject({
      member_months: 120, admissions: 7, bed_days: 29, ed_visits: 2, ed_leading_to_admission: 1, ed_treat_release: 1,
      index_stays: 6, readmissions: 0,
    });
  });
});

describe('§1 default data_through includes encounters', () => {
  it('is the latest claim end or encounter date (an open encounter by its start)', async () => {
    const s = await scenario({
      eligibility: [eligibility('P', '2024-01-01')],
      medical_claim: [inpatient({ claim_id: 'X1', person_id: 'P', from: '2024-08-01', to: '2024-08-04' })],
      encounter: [encounter('E1', 'P', 'acute inpatient', '2024-09-15', null)],
    });
    try {
      const report = await s.report();
      expect(report.data_through).toBe('2024-09-15');
      // The open stay runs through data_through: admitted and "discharged" 09-15 → LOS 1.
      expect(await s.rows(`SELECT los, is_open FROM mart_episode WHERE admission_date = '2024-09-15'`)).toEqual([{ los: 1, is_open: true }]);
      // Open eligibility through data_through: January–September.
      expect(report.cohorts.all.member_months).toBe(9);
    } finally {
      s.close();
    }
  });
});

describe('§3a an encounter extract alone (no claims file)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: ['ONLYED', 'ONLYCOND'].map((p) => eligibility(p, '2024-01-01', '2024-12-31')),
        encounter: [
          // ONLYED: an ED encounter on 03-01, admitted on 03-02 (the day after) → the ED visit
          // leads to admission (§5); one admission, LOS 3.
          encounter('O1', 'ONLYED', 'emergency department', '2024-03-01', '2024-03-01'),
          encounter('O2', 'ONLYED', 'acute inpatient', '2024-03-02', '2024-03-05'),
          // A later ED visit with an admission two days after → treat-and-release.
          encounter('O3', 'ONLYED', 'emergency department', '2024-06-01', '2024-06-01'),
          encounter('O4', 'ONLYED', 'acute inpatient', '2024-06-03', '2024-06-04'),
        ],
        // ONLYCOND: diabetes recorded on two dates with no encounter at all → two "other
        // claims" on different dates → target (§2), with no encounter rows for the person.
        condition: [condition('K1', 'ONLYCOND', '', '2024-02-01', 'E11.9'), condition('K2', 'ONLYCOND', '', '2024-05-01', 'E119')],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  it('an ED encounter followed by an admission the next day leads to admission; two days later does not', async () => {
    expect(await s.rows(`SELECT visit_date, led_to_admission FROM mart_ed_visit WHERE person_id = 'ONLYED' ORDER BY 1`)).toEqual([
      { visit_date: '2024-03-01', led_to_admission: true },
      { visit_date: '2024-06-01', led_to_admission: false },
    ]);
  });

  it('conditions recorded without any encounter still flag the target population', async () => {
    expect(await s.rows(`SELECT conditions AS c FROM mart_patient WHERE person_id = 'ONLYCOND'`)).toEqual([{ c: ['diabetes'] }]);
  });

  it('report', async () => {
    const { cohorts } = await s.report();
    expect(cohorts.all).toMatchObject({ member_months: 24, admissions: 2, bed_days: 4, ed_visits: 2, ed_leading_to_admission: 1, ed_treat_release: 1 });
  });
});
