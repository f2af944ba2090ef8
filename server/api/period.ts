/** The build's dates and the period a request covers, in whole calendar months. */
import type { Database } from '../engine/db.ts';

export interface BuildInfo {
  data_through: string;
  default_from: string;
  built_at: string | null;
  pipeline_version: string | null;
}

export interface Period {
  /** First month, YYYY-MM. */
  from: string;
  /** Last month, YYYY-MM. */
  to: string;
  months: number;
}

/** The single row of build_info. */
export async function readBuildInfo(db: Database): Promise<BuildInfo> {
  const row = await db.one<Record<string, unknown>>('SELECT * FROM build_info LIMIT 1');
  if (!row) throw new Error('build_info is empty: run `caseload build` first');
  return {
    data_through: String(row.data_through),
    default_from: String(row.default_from),
    built_at: row.built_at == null ? null : String(row.built_at),
    pipeline_version: row.pipeline_version == null ? null : String(row.pipeline_version),
  };
}

/** Month arithmetic on YYYY-MM strings. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** First and last day of a period as dates. */
export function periodDates(period: Period): { fromDate: string; toDate: string } {
  const next = addMonths(period.to, 1);
  const last = new Date(`${next}-01T00:00:00Z`);
  last.setUTCDate(0);
  return { fromDate: `${period.from}-01`, toDate: last.toISOString().slice(0, 10) };
}

/** The requested period, defaulting to the 12 months ending with the month of data_through (not before the data starts). */
export function resolvePeriod(query: { from?: string; to?: string }, info: BuildInfo): Period {
  const first = info.default_from.slice(0, 7);
  const to = query.to ?? info.data_through.slice(0, 7);
  let from = query.from ?? addMonths(to, -11);
  if (!query.from && from < first) from = first;
  if (from > to) from = to;
  return { from, to, months: monthsBetween(from, to) };
}

/** The period of equal length just before `period`. */
export function previousPeriod(period: Period): Period {
  return { from: addMonths(period.from, -period.months), to: addMonths(period.from, -1), months: period.months };
}
