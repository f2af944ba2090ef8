/**
 * The baseline covariates of the matched comparison: what the propensity model sees and
 * what the balance table reports. All are measured over the 12 baseline months ending with
 * the index month (sql/evaluation/eval_index_candidate.sql); utilisation is also split into
 * the last 3 months and the 9 before, because a recent spell regresses and the usual level
 * does not, so the two must be balanced separately.
 */
import type { Candidate } from './candidates.ts';

export interface Covariate {
  key: string;
  label: string;
  binary: boolean;
  value(c: Candidate): number;
}

const count = (key: keyof Candidate, label: string): Covariate => ({ key, label, binary: false, value: (c) => Number(c[key]) });
const flag = (key: string, label: string, test: (c: Candidate) => boolean): Covariate => ({ key, label, binary: true, value: (c) => (test(c) ? 1 : 0) });

/** Covariates for a set of candidates; age bands present in the data become one indicator each. */
export function covariatesFor(rows: Candidate[]): Covariate[] {
  const ageBands = [...new Set(rows.map((r) => r.age_band))].sort();
  return [
    count('baseline_admissions', 'Admissions, 12 months'),
    count('baseline_ed_visits', 'ED visits, 12 months'),
    count('baseline_readmissions', 'Readmissions, 12 months'),
    count('baseline_paid', 'Paid, 12 months ($)'),
    count('recent_admissions', 'Admissions, last 3 months'),
    count('recent_ed_visits', 'ED visits, last 3 months'),
    { key: 'earlier_admissions', label: 'Admissions, months 4–12 before', binary: false, value: (c) => c.baseline_admissions - c.recent_admissions },
    { key: 'earlier_ed_visits', label: 'ED visits, months 4–12 before', binary: false, value: (c) => c.baseline_ed_visits - c.recent_ed_visits },
    flag('admitted_in_index_month', 'Admitted in the index month', (c) => c.index_admissions > 0),
    flag('admitted_in_prior_month', 'Admitted in the month before', (c) => c.prior_month_admissions > 0),
    flag('has_diabetes', 'Diabetes', (c) => c.has_diabetes),
    flag('has_hypertension', 'Hypertension', (c) => c.has_hypertension),
    flag('has_heart_failure', 'Heart failure', (c) => c.has_heart_failure),
    flag('has_ihd', 'Ischemic heart disease', (c) => c.has_ihd),
    count('condition_count', 'Target conditions (0–4)'),
    count('charlson_index', 'Charlson index'),
    flag('female', 'Female', (c) => c.sex === 'female'),
    ...ageBands.map((band) => flag(`age_${band}`, `Age ${band}`, (c) => c.age_band === band)),
  ];
}

/**
 * The propensity model's design row for a candidate: counts and paid on a log scale
 * (heavy-tailed), indicators as 0/1; the last age band is the reference level.
 */
export function propensityFeatures(c: Candidate, ageBands: string[]): number[] {
  return [
    Math.log1p(c.baseline_admissions - c.recent_admissions),
    Math.log1p(c.baseline_ed_visits - c.recent_ed_visits),
    Math.log1p(c.baseline_readmissions),
    Math.log1p(Math.max(0, c.baseline_paid) / 1000),
    Math.log1p(c.recent_admissions),
    Math.log1p(c.recent_ed_visits),
    c.index_admissions > 0 ? 1 : 0,
    c.prior_month_admissions > 0 ? 1 : 0,
    Math.log1p(c.index_ed_visits),
    Math.log1p(c.prior_month_ed_visits),
    c.has_diabetes ? 1 : 0,
    c.has_hypertension ? 1 : 0,
    c.has_heart_failure ? 1 : 0,
    c.has_ihd ? 1 : 0,
    Math.min(c.charlson_index, 10),
    c.sex === 'female' ? 1 : 0,
    ...ageBands.slice(0, -1).map((band) => (c.age_band === band ? 1 : 0)),
  ];
}

/**
 * The prognostic covariates of the Mahalanobis metric: baseline utilisation split into the
 * last 3 months (the spell that triggered enrolment and will regress) and the 9 months
 * before (the member's usual level, which persists), on a log scale; paid; conditions.
 */
export function prognosticFeatures(c: Candidate): number[] {
  return [
    Math.log1p(c.baseline_admissions - c.recent_admissions),
    Math.log1p(c.recent_admissions),
    Math.log1p(c.baseline_ed_visits - c.recent_ed_visits),
    Math.log1p(c.recent_ed_visits),
    Math.log1p(Math.max(0, c.baseline_paid) / 1000),
    c.condition_count,
    Math.min(c.charlson_index, 10),
  ];
}
