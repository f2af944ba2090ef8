/**
 * The MEASURES.md §8 report: measures by cohort for a period, read from the marts
 * (no measure rule is re-implemented here; events are filtered on their anchor dates so
 * a period may start or end mid-month).
 */
import type { Database } from '../engine/db.ts';
import { UsageError } from '../errors.ts';

export const cohortNames = ['all', 'managed', 'unmanaged', 'other'] as const;
export type CohortName = (typeof cohortNames)[number];

/** One cohort's measures (MEASURES.md §8); integers are integers, rates numbers or null. */
export interface CohortMeasures {
  member_months: number;
  members: number;
  admissions: number;
  admissions_per_1000: number | null;
  ed_visits: number;
  ed_visits_per_1000: number | null;
  ed_treat_release: number;
  ed_treat_release_per_1000: number | null;
  ed_leading_to_admission: number;
  index_stays: number;
  readmissions: number;
  readmission_rate: number | null;
  bed_days: number;
  alos: number | null;
}

export interface Report {
  data_through: string;
  period: { from: string; to: string };
  cohorts: Record<CohortName, CohortMeasures>;
}

export interface ReportPeriod {
  from?: string;
  to?: string;
}

interface BuildInfo extends Record<string, unknown> {
  data_through: string;
  default_from: string | null;
  member_months_through: string;
}

/** Rate per 1,000 member-years (§7): 12,000 × events / member months; null without member months. */
export function per1000(events: number, memberMonths: number): number | null {
  return memberMonths > 0 ? (12000 * events) / memberMonths : null;
}

/** A ratio that is null when its denominator is zero (§7). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

async function readBuildInfo(db: Database): Promise<BuildInfo> {
  const built = await db.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'build_info' AND table_schema = current_schema() AND table_catalog = current_database()`,
  );
  if (!built?.n) throw new UsageError('the database has not been built yet: run `caseload build` first.');
  const info = await db.one<BuildInfo>('SELECT data_through, default_from, member_months_through FROM build_info');
  if (!info?.data_through) throw new UsageError('the database build has no data_through: run `caseload build` again.');
  return info;
}

/** Resolves and validates the period: default first eligibility month → data_through (§1). */
export function resolvePeriod(info: BuildInfo, period: ReportPeriod): { from: string; to: string } {
  const to = period.to ?? info.data_through;
  const from = period.from ?? (info.default_from && info.default_from <= to ? info.default_from : to);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}.`);
  if (to > info.member_months_through) {
    throw new UsageError(`--to ${to} is too far past data_through ${info.data_through}: member months are built through ${info.member_months_through}.`);
  }
  return { from, to };
}

const countsSql = `
WITH member_month AS (
    SELECT person_id, cohort FROM mart_member_month WHERE month <= $to::DATE AND last_day(month) >= $from::DATE
    UNION ALL
    SELECT person_id, cohort FROM mart_member_month_after_data_through WHERE month <= $to::DATE AND last_day(month) >= $from::DATE
),
denominator AS (
    SELECT coalesce(cohort, 'all') AS cohort, count(*) AS member_months, count(DISTINCT person_id) AS members
    FROM member_month GROUP BY GROUPING SETS ((cohort), ())
),
admission AS (
    SELECT coalesce(admit_cohort, 'all') AS cohort, count(*) AS admissions, sum(los) AS bed_days
    FROM mart_episode
    WHERE admission_date BETWEEN $from::DATE AND $to::DATE AND admit_cohort IS NOT NULL
    GROUP BY GROUPING SETS ((admit_cohort), ())
),
ed AS (
    SELECT coalesce(cohort, 'all') AS cohort, count(*) AS ed_visits, count(*) FILTER (WHERE led_to_admission) AS ed_leading_to_admission
    FROM mart_ed_visit
    WHERE visit_date BETWEEN $from::DATE AND $to::DATE AND cohort IS NOT NULL
    GROUP BY GROUPING SETS ((cohort), ())
),
index_stay AS (
    SELECT coalesce(discharge_cohort, 'all') AS cohort, count(*) AS index_stays, count(*) FILTER (WHERE readmitted) AS readmissions
    FROM mart_episode
    WHERE is_index AND discharge_date BETWEEN $from::DATE AND $to::DATE AND discharge_cohort IS NOT NULL
    GROUP BY GROUPING SETS ((discharge_cohort), ())
)
SELECT
    c.cohort,
    coalesce(d.member_months, 0)::BIGINT AS member_months,
    coalesce(d.members, 0)::BIGINT AS members,
    coalesce(a.admissions, 0)::BIGINT AS admissions,
    coalesce(a.bed_days, 0)::BIGINT AS bed_days,
    coalesce(e.ed_visits, 0)::BIGINT AS ed_visits,
    coalesce(e.ed_leading_to_admission, 0)::BIGINT AS ed_leading_to_admission,
    coalesce(i.index_stays, 0)::BIGINT AS index_stays,
    coalesce(i.readmissions, 0)::BIGINT AS readmissions
FROM (VALUES ('all'), ('managed'), ('unmanaged'), ('other')) AS c(cohort)
LEFT JOIN denominator AS d USING (cohort)
LEFT JOIN admission AS a USING (cohort)
LEFT JOIN ed AS e USING (cohort)
LEFT JOIN index_stay AS i USING (cohort)`;

interface CohortCounts {
  cohort: CohortName;
  member_months: number;
  members: number;
  admissions: number;
  bed_days: number;
  ed_visits: number;
  ed_leading_to_admission: number;
  index_stays: number;
  readmissions: number;
}

function cohortMeasures(c: CohortCounts): CohortMeasures {
  const treatRelease = c.ed_visits - c.ed_leading_to_admission;
  return {
    member_months: c.member_months,
    members: c.members,
    admissions: c.admissions,
    admissions_per_1000: per1000(c.admissions, c.member_months),
    ed_visits: c.ed_visits,
    ed_visits_per_1000: per1000(c.ed_visits, c.member_months),
    ed_treat_release: treatRelease,
    ed_treat_release_per_1000: per1000(treatRelease, c.member_months),
    ed_leading_to_admission: c.ed_leading_to_admission,
    index_stays: c.index_stays,
    readmissions: c.readmissions,
    readmission_rate: ratio(c.readmissions, c.index_stays),
    bed_days: c.bed_days,
    alos: ratio(c.bed_days, c.admissions),
  };
}

/**
 * Computes the MEASURES.md §8 report for `[from, to]` (default: first day of the earliest
 * eligibility month → data_through). Throws UsageError when the database is not built or
 * the period is invalid.
 */
export async function computeReport(db: Database, period: ReportPeriod = {}): Promise<Report> {
  const info = await readBuildInfo(db);
  const { from, to } = resolvePeriod(info, period);
  const rows = await db.all<CohortCounts & Record<string, unknown>>(countsSql, { from, to });
  const byCohort = new Map(rows.map((r) => [r.cohort, r]));
  const cohorts = Object.fromEntries(
    cohortNames.map((name) => [name, cohortMeasures(byCohort.get(name) as CohortCounts)]),
  ) as Record<CohortName, CohortMeasures>;
  return { data_through: info.data_through, period: { from, to }, cohorts };
}
