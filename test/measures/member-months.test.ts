/**
 * MEASURES.md §1–§2 — member months, target population, cohorts, members; report
 * periods. data_through is 2024-12-31; expected numbers are worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../server/errors.ts';
import { scenario, type Scenario } from './fixture.ts';
import { eligibility, enrolment, inpatient, outpatient, professional } from './rows.ts';

const fullYear = ['DEATH', 'T2SAME', 'T2DIFF', 'T1IP', 'TOUTPROF', 'TSAMEID', 'HF110', 'HT119', 'PROG', 'PROGOTHER'];

describe('§2 member months, target population and cohorts', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: [
          // OVL: two overlapping spans Jan 15 – Mar 31 and Mar 1 – May 10 → Jan–May, March once = 5.
          eligibility('OVL', '2024-01-15', '2024-03-31'),
          eligibility('OVL', '2024-03-01', '2024-05-10', { plan: 'other' }),
          // GAP: January, then a single day in March → 2 months (February is not one).
          eligibility('GAP', '2024-01-01', '2024-01-31'),
          eligibility('GAP', '2024-03-01', '2024-03-01', { plan: 'other' }),
          // OPEN: open from Oct 15 → through data_through: Oct, Nov, Dec = 3.
          eligibility('OPEN', '2024-10-15'),
          // DEATH: a death date does not shorten eligibility → 12.
          eligibility('DEATH', '2024-01-01', '2024-12-31', { death_date: '2024-06-10' }),
          ...fullYear.filter((p) => p !== 'DEATH').map((p) => eligibility(p, '2024-01-01', '2024-12-31')),
          // PROGOPEN: open eligibility (12 months in 2024, more after data_through).
          eligibility('PROGOPEN', '2024-01-01'),
        ],
        program_enrollment: [
          // PROG (target): enrolled Apr 30 – Jun 1 → April (one day), May, June managed.
          enrolment('PROG', '2024-04-30', '2024-06-01'),
          // PROGOTHER (not target): Feb 10 – Feb 20 → February managed, the rest other.
          enrolment('PROGOTHER', '2024-02-10', '2024-02-20'),
          // PROGOPEN (not target): from Nov 5, still enrolled → Nov, Dec managed.
          enrolment('PROGOPEN', '2024-11-05'),
        ],
        medical_claim: [
          // T2SAME: two claims with diabetes on the SAME date → not target.
          professional({ claim_id: 'S1', person_id: 'T2SAME', date: '2024-02-01', dx: 'E119' }),
          professional({ claim_id: 'S2', person_id: 'T2SAME', date: '2024-02-01', dx: 'E119' }),
          // T2DIFF: two claims on different dates → diabetes → target.
          professional({ claim_id: 'DF1', person_id: 'T2DIFF', date: '2024-02-01', dx: 'E1165' }),
          professional({ claim_id: 'DF2', person_id: 'T2DIFF', date: '2024-05-01', dx: 'E1165' }),
          // T1IP: one acute inpatient stay with I10 in position 5 → hypertension → target.
          inpatient({ claim_id: 'IP1', person_id: 'T1IP', from: '2024-03-01', to: '2024-03-03', extra: { diagnosis_code_5: 'I10' } }),
          // TOUTPROF: an outpatient institutional claim and a professional claim, different
          // dates → two other claims → ischemic heart disease → target.
          outpatient({ claim_id: 'OP1', person_id: 'TOUTPROF', date: '2024-02-01', revenue: '0510', dx: 'I2510' }),
          professional({ claim_id: 'OP2', person_id: 'TOUTPROF', date: '2024-02-03', dx: 'I2510' }),
          // TSAMEID: the same claim_id in two data sources on different dates is not two
          // distinct claim_ids → not target.
          professional({ claim_id: 'X', person_id: 'TSAMEID', date: '2024-02-01', dx: 'E119', extra: { data_source: 'a' } }),
          professional({ claim_id: 'X', person_id: 'TSAMEID', date: '2024-03-01', dx: 'E119', extra: { data_source: 'b' } }),
          // HF110: I11.0 is heart failure (exact code) and hypertension (I11*).
          professional({ claim_id: 'H1', person_id: 'HF110', date: '2024-02-01', dx: 'I110' }),
          professional({ claim_id: 'H2', person_id: 'HF110', date: '2024-02-02', dx: 'I110' }),
          // HT119: I11.9 is hypertension only.
          professional({ claim_id: 'H3', person_id: 'HT119', date: '2024-02-01', dx: 'I119' }),
          professional({ claim_id: 'H4', person_id: 'HT119', date: '2024-02-02', dx: 'I119' }),
          // PROG: target by two diabetes claims.
          professional({ claim_id: 'P1', person_id: 'PROG', date: '2024-01-10', dx: 'E119' }),
          professional({ claim_id: 'P2', person_id: 'PROG', date: '2024-01-20', dx: 'E119' }),
        ],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  const months = async (person: string) =>
    (await s.rows<{ m: string; cohort: string }>(`SELECT strftime(month, '%Y-%m') AS m, cohort FROM mart_member_month WHERE person_id = $p ORDER BY month`, { p: person }));

  it('overlapping spans count each month once; a one-day span makes a member month; open spans run to data_through', async () => {
    expect((await months('OVL')).map((r) => r.m)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect((await months('GAP')).map((r) => r.m)).toEqual(['2024-01', '2024-03']);
    expect((await months('OPEN')).map((r) => r.m)).toEqual(['2024-10', '2024-11', '2024-12']);
    expect(await months('DEATH')).toHaveLength(12);
  });

  it('target population: one coded stay, or two coded other claims with distinct ids on different dates', async () => {
    const conditions = await s.rows<{ person_id: string; conditions: string[] }>(
      `SELECT person_id, conditions FROM mart_patient WHERE is_target ORDER BY person_id`,
    );
    expect(conditions).toEqual([
      { person_id: 'HF110', conditions: ['heart_failure', 'hypertension'] },
      { person_id: 'HT119', conditions: ['hypertension'] },
      { person_id: 'PROG', conditions: ['diabetes'] },
      { person_id: 'T1IP', conditions: ['hypertension'] },
      { person_id: 'T2DIFF', conditions: ['diabetes'] },
      { person_id: 'TOUTPROF', conditions: ['ihd'] },
    ]);
  });

  it('cohort per month: managed when a programme span overlaps the month, else unmanaged if target, else other', async () => {
    const prog = await months('PROG');
    expect(prog.filter((r) => r.cohort === 'managed').map((r) => r.m)).toEqual(['2024-04', '2024-05', '2024-06']);
    expect(prog.filter((r) => r.cohort === 'unmanaged')).toHaveLength(9);
    const other = await months('PROGOTHER');
    expect(other.filter((r) => r.cohort === 'managed').map((r) => r.m)).toEqual(['2024-02']);
    expect(other.filter((r) => r.cohort === 'other')).toHaveLength(11);
    expect((await months('PROGOPEN')).filter((r) => r.cohort === 'managed').map((r) => r.m)).toEqual(['2024-11', '2024-12']);
  });

  it('report over the default period: member months and members per cohort', async () => {
    const { period, cohorts } = await s.report();
    expect(period).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    // all: OVL 5 + GAP 2 + OPEN 3 + 11 persons × 12 = 142; 14 persons.
    expect([cohorts.all.member_months, cohorts.all.members]).toEqual([142, 14]);
    // managed: PROG 3 + PROGOTHER 1 + PROGOPEN 2 = 6; 3 persons.
    expect([cohorts.managed.member_months, cohorts.managed.members]).toEqual([6, 3]);
    // unmanaged: T2DIFF, T1IP, TOUTPROF, HF110, HT119 × 12 + PROG 9 = 69; 6 persons.
    expect([cohorts.unmanaged.member_months, cohorts.unmanaged.members]).toEqual([69, 6]);
    // other: OVL 5 + GAP 2 + OPEN 3 + DEATH 12 + T2SAME 12 + TSAMEID 12 + PROGOTHER 11 +
    // PROGOPEN 10 = 67; 8 persons. PROG and PROGOTHER count in two cohorts each, so the
    // cohorts' members (3 + 6 + 8 = 17) exceed all (14).
    expect([cohorts.other.member_months, cohorts.other.members]).toEqual([67, 8]);
    // T1IP's stay is the only admission (in an unmanaged month): 12,000 × 1 / 69.
    expect(cohorts.unmanaged.admissions).toBe(1);
    expect(cohorts.unmanaged.admissions_per_1000).toBe((12000 * 1) / 69);
    expect(cohorts.managed.admissions_per_1000).toBe(0);
  });

  it('a mid-month period counts every month it overlaps', async () => {
    const { cohorts } = await s.report({ from: '2024-02-15', to: '2024-04-10' });
    // Feb, Mar, Apr: OVL 3 + GAP 1 (Mar) + 11 full-year persons × 3 = 37; OPEN has none.
    expect([cohorts.all.member_months, cohorts.all.members]).toEqual([37, 13]);
    // managed: PROG April + PROGOTHER February = 2.
    expect([cohorts.managed.member_months, cohorts.managed.members]).toEqual([2, 2]);
    // unmanaged: 5 target persons × 3 + PROG Feb, Mar = 17.
    expect([cohorts.unmanaged.member_months, cohorts.unmanaged.members]).toEqual([17, 6]);
    // other: OVL 3 + GAP 1 + DEATH 3 + T2SAME 3 + TSAMEID 3 + PROGOTHER 2 + PROGOPEN 3 = 18.
    expect([cohorts.other.member_months, cohorts.other.members]).toEqual([18, 7]);
  });

  it('open spans run through the period end when it is after data_through', async () => {
    const { cohorts } = await s.report({ from: '2025-01-01', to: '2025-02-28' });
    // Only open spans reach 2025: OPEN (other) and PROGOPEN, still enrolled (managed).
    expect([cohorts.all.member_months, cohorts.managed.member_months, cohorts.other.member_months]).toEqual([4, 2, 2]);
    expect(cohorts.all.members).toBe(2);
  });

  it('rejects a period that ends before it starts, or beyond the built member months', async () => {
    await expect(s.report({ from: '2024-05-01', to: '2024-04-30' })).rejects.toBeInstanceOf(UsageError);
    await expect(s.report({ from: '2025-01-01', to: '2026-01-01' })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('§2 attributes of a member month when spans overlap', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(
      {
        eligibility: [
          // SWITCH: Jan 1 – Mar 15 (ffs) and Mar 10 – May 31 (advantage): March has both; the
          // span that started last (Mar 10) gives its plan → ffs, ffs, advantage ×3.
          eligibility('SWITCH', '2024-01-01', '2024-03-15'),
          eligibility('SWITCH', '2024-03-10', '2024-05-31', { plan: 'advantage' }),
          // NESTED: all year (ffs) with June alone on advantage: June → advantage (started
          // last), and July returns to ffs although the year span started first.
          eligibility('NESTED', '2024-01-01', '2024-12-31'),
          eligibility('NESTED', '2024-06-01', '2024-06-30', { plan: 'advantage' }),
          // TOUCH: spans that do not overlap but share February (ends Feb 10, next starts
          // Feb 20): February counts once, on the later span → ffs, advantage ×3.
          eligibility('TOUCH', '2024-01-01', '2024-02-10'),
          eligibility('TOUCH', '2024-02-20', '2024-04-30', { plan: 'advantage' }),
          eligibility('TWOPROG', '2024-01-01', '2024-12-31'),
          // Age bands (age in whole years on the first day of the month):
          // B65 turns 65 on 2024-03-15 → February and March 64 ('<65'), April 65. Its two
          // spans share March, so the months come from both the single-span and the
          // overlapping-span paths.
          eligibility('B65', '2024-02-01', '2024-03-20', { birth_date: '1959-03-15' }),
          eligibility('B65', '2024-03-10', '2024-04-30', { birth_date: '1959-03-15' }),
          // B1ST turns 65 on 2024-03-01, the first day of March → March is '65-74'.
          eligibility('B1ST', '2024-02-01', '2024-03-31', { birth_date: '1959-03-01' }),
          // LEAP, born 1948-02-29, is 74 on 2023-02-01 and 75 by 2023-03-01 (2023 has no Feb 29).
          eligibility('LEAP', '2023-02-01', '2023-03-31', { birth_date: '1948-02-29' }),
          // B85 turns 85 on 2024-06-10 → June '75-84', July '85+'.
          eligibility('B85', '2024-06-01', '2024-07-31', { birth_date: '1939-06-10' }),
          // NEWBORN is born 2024-05-20, after the first day of May → May 'unknown', June '<65';
          // NOBIRTH has no birth date → 'unknown'.
          eligibility('NEWBORN', '2024-05-01', '2024-06-30', { birth_date: '2024-05-20' }),
          eligibility('NOBIRTH', '2024-05-01', '2024-05-31'),
        ],
        program_enrollment: [
          // TWOPROG: care-transitions (cm1) Jan 15 – Mar 31 and chronic-care (cm2) Mar 1 –
          // Apr 30: Jan–Feb care-transitions since Jan 15; March both → the enrolment that
          // started last, chronic-care since Mar 1; April chronic-care; May on not managed.
          enrolment('TWOPROG', '2024-01-15', '2024-03-31'),
          enrolment('TWOPROG', '2024-03-01', '2024-04-30', { program: 'chronic-care', case_manager_id: 'cm2' }),
        ],
        medical_claim: [professional({ claim_id: 'C1', person_id: 'TWOPROG', date: '2024-02-01', dx: 'J189' })],
      },
      { dataThrough: '2024-12-31' },
    );
  });
  afterAll(() => s.close());

  const plans = async (person: string) =>
    (await s.rows<{ plan: string }>(`SELECT plan FROM mart_member_month WHERE person_id = $p ORDER BY month`, { p: person })).map((r) => r.plan);

  it('takes payer and plan from the span that started last, month by month', async () => {
    expect(await plans('SWITCH')).toEqual(['ffs', 'ffs', 'advantage', 'advantage', 'advantage']);
    expect(await plans('NESTED')).toEqual([...Array(5).fill('ffs'), 'advantage', ...Array(6).fill('ffs')]);
    expect(await plans('TOUCH')).toEqual(['ffs', 'advantage', 'advantage', 'advantage']);
  });

  it('gives the age band on the first day of each month', async () => {
    const bands = async (person: string) =>
      (await s.rows<{ age_band: string }>(`SELECT age_band FROM mart_member_month WHERE person_id = $p ORDER BY month`, { p: person })).map((r) => r.age_band);
    expect(await bands('B65')).toEqual(['<65', '<65', '65-74']);
    expect(await bands('B1ST')).toEqual(['<65', '65-74']);
    expect(await bands('LEAP')).toEqual(['65-74', '75-84']);
    expect(await bands('B85')).toEqual(['75-84', '85+']);
    expect(await bands('NEWBORN')).toEqual(['unknown', '<65']);
    expect(await bands('NOBIRTH')).toEqual(['unknown']);
  });

  it('takes programme, case manager and enrolled-since from the enrolment that started last', async () => {
    const rows = await s.rows<{ m: string; cohort: string; program: string | null; case_manager_id: string | null; enrolled_since: string | null }>(
      `SELECT strftime(month, '%Y-%m') AS m, cohort, program, case_manager_id, enrolled_since
       FROM mart_member_month WHERE person_id = 'TWOPROG' AND month <= DATE '2024-05-01' ORDER BY month`,
    );
    expect(rows).toEqual([
      { m: '2024-01', cohort: 'managed', program: 'care-transitions', case_manager_id: 'cm1', enrolled_since: '2024-01-15' },
      { m: '2024-02', cohort: 'managed', program: 'care-transitions', case_manager_id: 'cm1', enrolled_since: '2024-01-15' },
      { m: '2024-03', cohort: 'managed', program: 'chronic-care', case_manager_id: 'cm2', enrolled_since: '2024-03-01' },
      { m: '2024-04', cohort: 'managed', program: 'chronic-care', case_manager_id: 'cm2', enrolled_since: '2024-03-01' },
      { m: '2024-05', cohort: 'other', program: null, case_manager_id: null, enrolled_since: null },
    ]);
  });
});
