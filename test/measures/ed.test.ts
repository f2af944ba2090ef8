/**
 * MEASURES.md §5 — emergency department visits: ED lines, one visit per person per date,
 * leading to admission, admitted through the ED without an outpatient claim.
 * Everyone is eligible for 2024; data_through 2024-12-31.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './fixture.ts';
import { eligibility, inpatient, outpatient, professional } from './rows.ts';

const persons = ['IPONLY', 'TWOLINES', 'DAYBEFORE', 'DAYAFTER', 'TWODAYS', 'LINEDATE', 'IPHCPCS', 'G0380', 'URGENT'];

describe('§5 emergency department visits', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: [
          ...persons.map((p) => eligibility(p, '2024-01-01', '2024-12-31')),
          // EDOUT: eligible January–June only.
          eligibility('EDOUT', '2024-01-01', '2024-06-30'),
        ],
        medical_claim: [
          // IPONLY: ED revenue (0450) only on the inpatient claim → admitted through the ED:
          // one ED visit anchored on the admission date, leading to admission.
          inpatient({ claim_id: 'IO1', line: 1, person_id: 'IPONLY', from: '2024-02-01', to: '2024-02-04', extra: { revenue_center_code: '0450' } }),
          inpatient({ claim_id: 'IO1', line: 2, person_id: 'IPONLY', from: '2024-02-01', to: '2024-02-04' }),
          // TWOLINES: two facility ED lines (0450, 0451) and a physician line (99284) on one
          // date → one visit, treated and released.
          outpatient({ claim_id: 'TL1', line: 1, person_id: 'TWOLINES', date: '2024-03-01', revenue: '0450' }),
          outpatient({ claim_id: 'TL1', line: 2, person_id: 'TWOLINES', date: '2024-03-01', revenue: '0451' }),
          professional({ claim_id: 'TL2', person_id: 'TWOLINES', date: '2024-03-01', pos: '23', hcpcs: '99284' }),
          // DAYBEFORE: ED on 03-09, admitted 03-10 (the day after) → leads to admission. The
          // inpatient claim also has an ED line, but the outpatient visit already leads to
          // the episode → still one event.
          outpatient({ claim_id: 'DB1', person_id: 'DAYBEFORE', date: '2024-03-09', revenue: '0450' }),
          inpatient({ claim_id: 'DB2', person_id: 'DAYBEFORE', from: '2024-03-10', to: '2024-03-12', extra: { revenue_center_code: '0450' } }),
          // DAYAFTER: ED on 04-11, admitted 04-10 → does not lead to it (treat-and-release).
          inpatient({ claim_id: 'DA1', person_id: 'DAYAFTER', from: '2024-04-10', to: '2024-04-12' }),
          outpatient({ claim_id: 'DA2', person_id: 'DAYAFTER', date: '2024-04-11', revenue: '0450' }),
          // TWODAYS: ED on 05-01 and 05-02, admitted 05-02 → two visits, both leading.
          outpatient({ claim_id: 'TD1', person_id: 'TWODAYS', date: '2024-05-01', revenue: '0450' }),
          outpatient({ claim_id: 'TD2', person_id: 'TWODAYS', date: '2024-05-02', revenue: '0981' }),
          inpatient({ claim_id: 'TD3', person_id: 'TWODAYS', from: '2024-05-02', to: '2024-05-05' }),
          // LINEDATE: one professional claim 06-01 → 06-03 with ED lines dated 06-01 and
          // 06-03 → two visits (the line date decides).
          professional({ claim_id: 'LD1', line: 1, person_id: 'LINEDATE', date: '2024-06-01', pos: '23', extra: { claim_end_date: '2024-06-03' } }),
          professional({ claim_id: 'LD1', line: 2, person_id: 'LINEDATE', date: '2024-06-01', pos: '11', hcpcs: '99283', extra: { claim_end_date: '2024-06-03', claim_line_start_date: '2024-06-03', claim_line_end_date: '2024-06-03' } }),
          // IPHCPCS: an ED HCPCS code on an acute inpatient claim is not an ED line, and only
          // revenue codes mark "admitted through the ED" → no ED visit.
          inpatient({ claim_id: 'IH1', person_id: 'IPHCPCS', from: '2024-07-01', to: '2024-07-03', extra: { hcpcs_code: '99284' } }),
          // G0380: G0380 on an outpatient institutional claim is an ED line; on a
          // professional claim (POS 11) it is not → one visit.
          outpatient({ claim_id: 'GI1', person_id: 'G0380', date: '2024-07-01', revenue: '0300', hcpcs: 'G0380' }),
          professional({ claim_id: 'GP1', person_id: 'G0380', date: '2024-07-05', hcpcs: 'G0380' }),
          // URGENT: revenue 0456 (urgent care) is not on the ED list → no visit.
          outpatient({ claim_id: 'UR1', person_id: 'URGENT', date: '2024-08-01', revenue: '0456' }),
          // EDOUT: an ED visit in August, outside eligibility → in no rate, counted in data quality.
          outpatient({ claim_id: 'EO1', person_id: 'EDOUT', date: '2024-08-01', revenue: '0450' }),
        ],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  const visits = (person: string) =>
    s.rows(`SELECT visit_date AS d, led_to_admission AS led, source FROM mart_ed_visit WHERE person_id = $p ORDER BY visit_date`, { p: person });

  it('an episode admitted through the ED with no outpatient ED claim is one ED visit', async () => {
    expect(await visits('IPONLY')).toEqual([{ d: '2024-02-01', led: true, source: 'inpatient_only' }]);
  });

  it('facility and physician ED lines on one date are one visit', async () => {
    expect(await visits('TWOLINES')).toEqual([{ d: '2024-03-01', led: false, source: 'outpatient' }]);
  });

  it('a visit leads to admission when an episode is admitted that day or the day after', async () => {
    expect(await visits('DAYBEFORE')).toEqual([{ d: '2024-03-09', led: true, source: 'outpatient' }]);
    expect(await visits('DAYAFTER')).toEqual([{ d: '2024-04-11', led: false, source: 'outpatient' }]);
    expect(await visits('TWODAYS')).toEqual([
      { d: '2024-05-01', led: true, source: 'outpatient' },
      { d: '2024-05-02', led: true, source: 'outpatient' },
    ]);
  });

  it('the ED line date, not the claim date, makes the visit', async () => {
    expect((await visits('LINEDATE')).map((v) => v.d)).toEqual(['2024-06-01', '2024-06-03']);
  });

  it('ED lines by claim class: HCPCS on inpatient claims and G0380 on professional claims do not count', async () => {
    expect(await visits('IPHCPCS')).toEqual([]);
    expect((await visits('G0380')).map((v) => v.d)).toEqual(['2024-07-01']);
    expect(await visits('URGENT')).toEqual([]);
  });

  it('an ED visit outside eligibility has no cohort and is counted in data quality', async () => {
    expect(await s.rows(`SELECT visit_date, cohort FROM mart_ed_visit WHERE person_id = 'EDOUT'`)).toEqual([{ visit_date: '2024-08-01', cohort: null }]);
    expect(await s.quality('events_outside_eligibility', 'ed_visits')).toBe(1);
  });

  it('report: ED visits, leading to admission, treat-and-release', async () => {
    const { cohorts } = await s.report();
    // Visits: IPONLY 1, TWOLINES 1, DAYBEFORE 1, DAYAFTER 1, TWODAYS 2, LINEDATE 2, G0380 1 = 9.
    // Leading: IPONLY 1, DAYBEFORE 1, TWODAYS 2 = 4 → treat-and-release 5.
    expect([cohorts.all.ed_visits, cohorts.all.ed_leading_to_admission, cohorts.all.ed_treat_release]).toEqual([9, 4, 5]);
    // EDOUT's August visit is outside eligibility: not counted.
    // Member months: 9 persons × 12 + EDOUT 6 = 114.
    expect(cohorts.all.member_months).toBe(114);
    expect(cohorts.all.ed_visits_per_1000).toBe((12000 * 9) / 114);
    expect(cohorts.all.ed_treat_release_per_1000).toBe((12000 * 5) / 114);
    // Admissions: IPONLY, DAYBEFORE, DAYAFTER, TWODAYS, IPHCPCS = 5.
    expect(cohorts.all.admissions).toBe(5);
  });
});
