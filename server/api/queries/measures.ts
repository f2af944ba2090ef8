/** Reads of mart_measures_monthly: numerators and denominators summed over months. */
import type { Database } from '../../engine/db.ts';
import { emptySums, sumColumns, type Sums } from '../measures.ts';
import type { Period } from '../period.ts';

export interface Slice {
  condition: string;
  payer: string;
  program: string;
}

export type MonthSums = Sums & { month: string; cohort: string; members: number };

const sums = sumColumns.map((c) => `sum(${c})::DOUBLE AS ${c}`).join(', ');

/** One row per (month, cohort) in the period for the slice, months as YYYY-MM-01. */
export async function monthlySums(db: Database, period: Period, slice: Slice): Promise<MonthSums[]> {
  return db.all<MonthSums>(
    `SELECT strftime(month, '%Y-%m-%d') AS month, cohort, ${sums}, sum(members)::DOUBLE AS members
       FROM mart_measures_monthly
      WHERE month >= $1::DATE AND month <= $2::DATE AND condition = $3 AND payer = $4 AND program = $5
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [`${period.from}-01`, `${period.to}-01`, slice.condition, slice.payer, slice.program],
  );
}

/** Sums per cohort over the whole period; cohorts without rows get zeros. */
export async function periodSums(db: Database, period: Period, slice: Slice): Promise<Record<string, Sums>> {
  const rows = await db.all<Sums & { cohort: string }>(
    `SELECT cohort, ${sums}
       FROM mart_measures_monthly
      WHERE month >= $1::DATE AND month <= $2::DATE AND condition = $3 AND payer = $4 AND program = $5
      GROUP BY 1`,
    [`${period.from}-01`, `${period.to}-01`, slice.condition, slice.payer, slice.program],
  );
  const out: Record<string, Sums> = { all: emptySums(), managed: emptySums(), unmanaged: emptySums(), other: emptySums() };
  for (const row of rows) {
    const { cohort, ...rest } = row;
    out[cohort] = rest as Sums;
  }
  return out;
}
