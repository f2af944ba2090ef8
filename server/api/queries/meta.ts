/** Choices for the filters, read from the marts. */
import type { Database } from '../../engine/db.ts';

export interface FilterOptions {
  months: { first: string; last: string };
  payers: string[];
  programs: string[];
  caseManagers: { id: string; name: string }[];
}

/** Distinct payers, programs, case managers and the month range present in the marts. */
export async function filterOptions(db: Database): Promise<FilterOptions> {
  const range = await db.one<{ first: string; last: string }>(
    `SELECT strftime(min(month), '%Y-%m') AS first, strftime(max(month), '%Y-%m') AS last FROM mart_measures_monthly`,
  );
  const payers = await db.all<{ v: string }>(`SELECT DISTINCT payer AS v FROM mart_measures_monthly WHERE payer <> 'all' ORDER BY 1`);
  const programs = await db.all<{ v: string }>(`SELECT DISTINCT program AS v FROM mart_measures_monthly WHERE program NOT IN ('all', 'none') ORDER BY 1`);
  const managers = await db.all<{ id: string; name: string | null }>(
    `SELECT case_manager_id AS id, max(case_manager_name) AS name FROM mart_patient
      WHERE case_manager_id IS NOT NULL GROUP BY 1 ORDER BY 2 NULLS LAST, 1`,
  );
  return {
    months: { first: range?.first ?? '', last: range?.last ?? '' },
    payers: payers.map((r) => r.v),
    programs: programs.map((r) => r.v),
    caseManagers: managers.map((m) => ({ id: m.id, name: m.name ?? m.id })),
  };
}
