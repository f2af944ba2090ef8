/**
 * Monthly control charts of a cohort (UX.md, the quality lead): u-charts of admissions and
 * ED visits per member month (u′ when member months are large, Laney 2002), shown per
 * 1,000 member-years, and a p-chart of the 30-day readmission rate (readmissions / index
 * stays). Limits are per month (3 sigma); special causes flagged by server/stats.
 */
import type { Database } from '../engine/db.ts';
import { UsageError } from '../errors.ts';
import { pChart, uChart, type ControlChart, type LaneyChoice } from '../stats/control-chart.ts';

export interface ControlChartQuery {
  cohort: 'all' | 'managed' | 'unmanaged' | 'other';
  from?: string;
  to?: string;
  condition?: string;
  payer?: string;
  program?: string;
  laney?: LaneyChoice;
}

export interface ScaledChart extends ControlChart {
  /** Values, centre and limits are multiplied by this (12,000: per 1,000 member-years; 1: a proportion). */
  scale: number;
  unit: string;
}

export interface ControlCharts {
  cohort: string;
  from: string;
  to: string;
  admissions: ScaledChart;
  ed_visits: ScaledChart;
  readmission_rate: ScaledChart;
}

/** One month of a chart's numerators and denominators. */
export interface ControlChartMonth {
  month: string;
  member_months: number;
  admissions: number;
  ed_visits: number;
  index_stays: number;
  readmissions: number;
}

/** The dates a chart query covers: `[from, to]`, default the whole built period (YYYY-MM-DD). */
export async function controlChartPeriod(db: Database, query: Pick<ControlChartQuery, 'from' | 'to'>): Promise<{ from: string; to: string }> {
  const info = await db.one<{ from: string; to: string }>(
    `SELECT strftime(coalesce($from::DATE, default_from), '%Y-%m-%d') AS "from", strftime(coalesce($to::DATE, data_through), '%Y-%m-%d') AS "to" FROM build_info`,
    { from: query.from ?? null, to: query.to ?? null },
  );
  if (!info) throw new UsageError('build_info is empty: run `caseload build` first');
  return info;
}

/** The three charts of monthly rows (one per month, in order). */
export function chartsFromMonths(rows: ControlChartMonth[], laney: LaneyChoice = 'auto'): Pick<ControlCharts, 'admissions' | 'ed_visits' | 'readmission_rate'> {
  const options = { laney };
  const sub = (num: keyof ControlChartMonth, den: keyof ControlChartMonth) => rows.map((r) => ({ label: r.month, numerator: Number(r[num]), denominator: Number(r[den]) }));
  return {
    admissions: scale(uChart(sub('admissions', 'member_months'), options), 12000, 'admissions per 1,000 member-years'),
    ed_visits: scale(uChart(sub('ed_visits', 'member_months'), options), 12000, 'ED visits per 1,000 member-years'),
    readmission_rate: scale(pChart(sub('readmissions', 'index_stays'), options), 1, 'readmitted index stays / index stays'),
  };
}

/** Builds the three charts over the months of `[from, to]` (default: the whole built period). */
export async function controlCharts(db: Database, query: ControlChartQuery): Promise<ControlCharts> {
  if (!['all', 'managed', 'unmanaged', 'other'].includes(query.cohort)) throw new UsageError(`unknown cohort ${query.cohort}`);
  const info = await controlChartPeriod(db, query);
  const rows = await db.all<ControlChartMonth & Record<string, unknown>>(
    `SELECT strftime(month, '%Y-%m-%d') AS month, sum(member_months)::DOUBLE AS member_months, sum(admissions)::DOUBLE AS admissions,
       sum(ed_visits)::DOUBLE AS ed_visits, sum(index_stays)::DOUBLE AS index_stays, sum(readmissions)::DOUBLE AS readmissions
     FROM mart_measures_monthly
     WHERE cohort = $cohort AND condition = $condition AND payer = $payer AND program = $program
       AND month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
     GROUP BY month ORDER BY month`,
    { cohort: query.cohort, condition: query.condition ?? 'any', payer: query.payer ?? 'all', program: query.program ?? 'all', from: info.from, to: info.to },
  );
  return { cohort: query.cohort, from: info.from, to: info.to, ...chartsFromMonths(rows, query.laney ?? 'auto') };
}

function scale(chart: ControlChart, factor: number, unit: string): ScaledChart {
  const s = (v: number | null) => (v === null ? null : v * factor);
  return {
    ...chart,
    centre: s(chart.centre),
    scale: factor,
    unit,
    points: chart.points.map((p) => ({ ...p, value: s(p.value), centre: p.centre * factor, lcl: s(p.lcl), ucl: s(p.ucl) })),
  };
}
