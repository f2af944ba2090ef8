/**
 * Loads the candidate index months (sql/evaluation/eval_index_candidate.sql) and sorts the
 * enrolled members into those that can be evaluated and those dropped, with the reason.
 */
import type { Database } from '../engine/db.ts';
import type { ComparisonPool } from './settings.ts';

export type Candidate = {
  role: 'treated' | 'comparison';
  person_id: string;
  month: string;
  age_band: string;
  sex: string;
  has_diabetes: boolean;
  has_hypertension: boolean;
  has_heart_failure: boolean;
  has_ihd: boolean;
  condition_count: number;
  charlson_index: number;
  charlson_band: string;
  index_admissions: number;
  index_ed_visits: number;
  baseline_months: number;
  baseline_admissions: number;
  baseline_ed_visits: number;
  baseline_index_stays: number;
  baseline_readmissions: number;
  baseline_paid: number;
  recent_admissions: number;
  recent_ed_visits: number;
  half_year_ed_visits: number;
  discharged_recently: boolean;
  prior_month_admissions: number;
  prior_month_ed_visits: number;
  follow_up_months: number;
  follow_up_managed_months: number;
  follow_up_admissions: number;
  follow_up_ed_visits: number;
  follow_up_index_stays: number;
  follow_up_readmissions: number;
  follow_up_paid: number;
  /** Comparison rows: the person enrols after this month. */
  later_enrolled: boolean;
};

export type DropReason = 'baseline_under_12_months' | 'no_follow_up_month' | 'no_match_within_caliper';

export interface CandidateSet {
  treated: Candidate[];
  comparison: Candidate[];
  enrolled: number;
  dropped: Partial<Record<DropReason, number>>;
  /** Comparison candidate rows before sampling, and the share kept. */
  comparisonRows: number;
  comparisonSampled: number;
}

const numeric = [
  'condition_count', 'charlson_index', 'index_admissions', 'index_ed_visits', 'baseline_months', 'baseline_admissions',
  'baseline_ed_visits', 'baseline_index_stays', 'baseline_readmissions', 'baseline_paid', 'recent_admissions',
  'recent_ed_visits', 'half_year_ed_visits', 'prior_month_admissions', 'prior_month_ed_visits', 'follow_up_months', 'follow_up_managed_months', 'follow_up_admissions', 'follow_up_ed_visits', 'follow_up_index_stays',
  'follow_up_readmissions', 'follow_up_paid',
] as const;

/** Why an enrolled member's index month cannot be evaluated, or null when it can. */
export function dropReason(c: Candidate): DropReason | null {
  if (c.baseline_months < 12) return 'baseline_under_12_months';
  if (c.follow_up_months < 1) return 'no_follow_up_month';
  return null;
}

/**
 * Reads every treated row and the comparison rows of the pool (a seeded hash sample of
 * them when there are more than `maxComparison`), and splits off the treated that lack a
 * full baseline or any follow-up month.
 */
export async function loadCandidates(db: Database, pool: ComparisonPool, maxComparison: number, seed: number): Promise<CandidateSet> {
  const inPool = `role = 'comparison' AND ($pool = 'not_yet_enrolled' OR NOT later_enrolled)`;
  const count = await db.one<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM eval_index_candidate WHERE ${inPool}`, { pool });
  const comparisonRows = Number(count?.n ?? 0);
  const keepPerMillion = comparisonRows > maxComparison ? Math.floor((1e6 * maxComparison) / comparisonRows) : 1e6;
  // Columnar read: turning 10⁵ rows into objects column by column is several times faster than row by row.
  const reader = await db.connection.runAndReadAll(
    `SELECT * EXCLUDE (month), strftime(month, '%Y-%m-%d') AS month FROM eval_index_candidate
     WHERE role = 'treated' OR (${inPool} AND hash(person_id, month, $seed::BIGINT) % 1000000 < $keep)
     ORDER BY role DESC, month, person_id`,
    { seed, keep: keepPerMillion, pool },
  );
  const columns = reader.getColumnsObjectJS();
  const n = reader.currentRowCount;
  const dropped: Partial<Record<DropReason, number>> = {};
  const treated: Candidate[] = [];
  const comparison: Candidate[] = [];
  let enrolled = 0;
  const names = Object.keys(columns);
  const isNumeric = new Set<string>(numeric);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (const name of names) {
      const v = columns[name][i];
      row[name] = isNumeric.has(name) ? Number(v ?? 0) : v;
    }
    const c = row as Candidate;
    if (c.role === 'comparison') {
      comparison.push(c);
      continue;
    }
    enrolled++;
    const reason = dropReason(c);
    if (reason) dropped[reason] = (dropped[reason] ?? 0) + 1;
    else treated.push(c);
  }
  return { treated, comparison, enrolled, dropped, comparisonRows, comparisonSampled: comparison.length };
}
