/**
 * The baseline covariates of the matched comparison: what the propensity model sees and
 * what the balance table reports. Utilisation is measured over the 12 months before the
 * index month (sql/evaluation/eval_index_candidate.sql) and also split into the last 3
 * months and the 9 before, because a recent spell regresses and the usual level does not,
 * so the two must be balanced separately; conditions, age and sex at the index month.
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
    count('baseline_admissions', 'Admissions, 12 months before'),
    count('baseline_ed_visits', 'ED visits, 12 months before'),
    count('baseline_readmissions', 'Readmissions, 12 months before'),
    count('baseline_paid', 'Paid, 12 months before ($)'),
    count('recent_admissions', 'Admissions, 3 months before'),
    count('recent_ed_visits', 'ED visits, 3 months before'),
    count('half_year_ed_visits', 'ED visits, 6 months before'),
    { key: 'earlier_admissions', label: 'Admissions, 4–12 months before', binary: false, value: earlierAdmissions },
    { key: 'earlier_ed_visits', label: 'ED visits, 4–12 months before', binary: false, value: earlierEd },
    flag('discharged_recently', 'Discharged in the 45 days before', (c) => c.discharged_recently),
    flag('admitted_in_prior_month', 'Admitted in the month before', (c) => c.prior_month_admissions > 0),
    flag('admitted_in_index_month', 'Admitted in the index month', (c) => c.index_admissions > 0),
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

const earlierAdmissions = (c: Candidate) => c.baseline_admissions - c.recent_admissions;
const earlierEd = (c: Candidate) => c.baseline_ed_visits - c.recent_ed_visits;

/**
 * The propensity model's design row for a candidate: counts and paid on a log scale
 * (heavy-tailed), indicators as 0/1; the last age band is the reference level.
 */
export function propensityFeatures(c: Candidate, ageBands: string[]): number[] {
  return [
    ...prognosticFeatures(c),
    Math.log1p(c.baseline_readmissions),
    c.discharged_recently ? 1 : 0,
    c.prior_month_admissions > 0 ? 1 : 0,
    c.index_admissions > 0 ? 1 : 0,
    Math.log1p(c.index_ed_visits),
    c.has_diabetes ? 1 : 0,
    c.has_hypertension ? 1 : 0,
    c.has_heart_failure ? 1 : 0,
    c.has_ihd ? 1 : 0,
    c.sex === 'female' ? 1 : 0,
    ...ageBands.slice(0, -1).map((band) => (c.age_band === band ? 1 : 0)),
  ];
}

/**
 * The prognostic covariates of the Mahalanobis metric: baseline utilisation split into the
 * last 3 (admissions) or 6 (ED visits) months — the spell that triggered enrolment and
 * will regress — and the months before — the member's usual level, which persists — on a
 * log scale; paid; target conditions; Charlson index.
 */
export function prognosticFeatures(c: Candidate): number[] {
  return [
    Math.log1p(earlierAdmissions(c)),
    Math.log1p(c.recent_admissions),
    Math.log1p(c.baseline_ed_visits - c.half_year_ed_visits),
    Math.log1p(c.half_year_ed_visits),
    Math.log1p(Math.max(0, c.baseline_paid) / 1000),
    c.condition_count,
    Math.min(c.charlson_index, 10),
  ];
}
