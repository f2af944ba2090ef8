/** Reads of mart_program_pre_post, summed over programs when `program` is all. */
import type { Database } from '../../engine/db.ts';

export type PrePostRow = {
  relative_month: number;
  member_months: number;
  admissions: number;
  ed_visits: number;
  bed_days: number;
  paid_amount: number;
  members: number;
};

/** One row per relative month (−12…12). With all programs, members is a sum over programs (a person in two programs counts twice). */
export function prePostRows(db: Database, program: string): Promise<PrePostRow[]> {
  return db.all<PrePostRow>(
    `SELECT relative_month::INTEGER AS relative_month, sum(member_months)::DOUBLE AS member_months,
            sum(admissions)::DOUBLE AS admissions, sum(ed_visits)::DOUBLE AS ed_visits, sum(bed_days)::DOUBLE AS bed_days,
            sum(paid_amount)::DOUBLE AS paid_amount, sum(members)::DOUBLE AS members
       FROM mart_program_pre_post WHERE ($1 = 'all' OR program = $1)
      GROUP BY 1 ORDER BY 1`,
    [program],
  );
}
