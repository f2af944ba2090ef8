/**
 * Naive estimates, shown next to the adjusted ones so the difference can be explained:
 * - managed vs unmanaged: rates of the managed and unmanaged cohorts over the period,
 *   from mart_measures_monthly (condition 'any', payer 'all', program 'all');
 * - enrolled before vs after: the enrolled members' member months 1–12 months before the
 *   month of their first enrolment vs 1–12 months after it (the enrolment month left out,
 *   as in mart_program_pre_post), from eval_person_month; no eligibility requirement.
 * Rates per 1,000 member-years (12,000 × events / member months, MEASURES.md §7); paid per
 * member per month. Neither comparison adjusts for who gets enrolled or for regression to
 * the mean.
 */
import type { Database } from '../engine/db.ts';
import { poissonRate } from '../stats/intervals.ts';
import type { Period } from './period.ts';

export interface NaiveMeasure {
  managed: number | null;
  unmanaged: number | null;
  managed_ci: [number, number] | null;
  unmanaged_ci: [number, number] | null;
  /** managed / unmanaged − 1 */
  managed_vs_unmanaged: number | null;
  before: number | null;
  after: number | null;
  /** after / before − 1 */
  before_after: number | null;
}

export interface NaiveEstimates {
  admissions: NaiveMeasure;
  ed_visits: NaiveMeasure;
  readmissions: NaiveMeasure;
  paid: NaiveMeasure;
  member_months: { managed: number; unmanaged: number; before: number; after: number };
}

type Totals = {
  member_months: number;
  admissions: number;
  ed_visits: number;
  readmissions: number;
  paid: number;
};

/** Computes both naive comparisons for the period (cohort rates) and for all enrolments (before/after). */
export async function naiveEstimates(db: Database, period: Period): Promise<NaiveEstimates> {
  const cohortRows = await db.all<Totals & { cohort: string }>(
    `SELECT cohort, sum(member_months)::DOUBLE AS member_months, sum(admissions)::DOUBLE AS admissions,
       sum(ed_visits)::DOUBLE AS ed_visits, sum(readmissions)::DOUBLE AS readmissions, sum(paid_amount)::DOUBLE AS paid
     FROM mart_measures_monthly
     WHERE condition = 'any' AND payer = 'all' AND program = 'all' AND cohort IN ('managed', 'unmanaged')
       AND month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
     GROUP BY cohort`,
    { from: period.from, to: period.to },
  );
  const prePostRows = await db.all<Totals & { side: string }>(
    `WITH first_managed AS (
       SELECT person_id, min(month) AS index_month FROM eval_person_month WHERE cohort = 'managed' GROUP BY person_id)
     SELECT CASE WHEN date_diff('month', f.index_month, p.month) < 0 THEN 'before' ELSE 'after' END AS side,
       count(*)::DOUBLE AS member_months, sum(p.admissions)::DOUBLE AS admissions, sum(p.ed_visits)::DOUBLE AS ed_visits,
       sum(p.readmissions)::DOUBLE AS readmissions, sum(p.paid + p.ccm_tcm_paid)::DOUBLE AS paid
     FROM eval_person_month p JOIN first_managed f USING (person_id)
     WHERE date_diff('month', f.index_month, p.month) BETWEEN -12 AND 12 AND p.month <> f.index_month
     GROUP BY side`,
  );
  const none: Totals = { member_months: 0, admissions: 0, ed_visits: 0, readmissions: 0, paid: 0 };
  const managed = cohortRows.find((r) => r.cohort === 'managed') ?? none;
  const unmanaged = cohortRows.find((r) => r.cohort === 'unmanaged') ?? none;
  const before = prePostRows.find((r) => r.side === 'before') ?? none;
  const after = prePostRows.find((r) => r.side === 'after') ?? none;
  const measure = (key: keyof Omit<Totals, 'member_months'>): NaiveMeasure => {
    const scale = key === 'paid' ? 1 : 12000;
    const rate = (t: Totals) => (t.member_months > 0 ? (scale * t[key]) / t.member_months : null);
    const ci = (t: Totals): [number, number] | null => {
      if (key === 'paid') return null;
      const r = poissonRate(Math.round(t[key]), t.member_months, scale);
      return r ? [r.low, r.high] : null;
    };
    const m = rate(managed);
    const u = rate(unmanaged);
    const b = rate(before);
    const a = rate(after);
    return {
      managed: m,
      unmanaged: u,
      managed_ci: ci(managed),
      unmanaged_ci: ci(unmanaged),
      managed_vs_unmanaged: m !== null && u ? m / u - 1 : null,
      before: b,
      after: a,
      before_after: a !== null && b ? a / b - 1 : null,
    };
  };
  return {
    admissions: measure('admissions'),
    ed_visits: measure('ed_visits'),
    readmissions: measure('readmissions'),
    paid: measure('paid'),
    member_months: { managed: managed.member_months, unmanaged: unmanaged.member_months, before: before.member_months, after: after.member_months },
  };
}
