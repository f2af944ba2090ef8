/**
 * Risk adjustment by indirect standardisation (server/stats/standardisation.ts): the
 * reference is every member month of the period (cohort `all`); strata are age band × sex
 * × number of target conditions (0–4) × Charlson band (0, 1–2, 3–4, 5+; Quan 2005 ICD-10
 * coding, sql/evaluation/eval_person_charlson.sql). Admissions and ED visits are per member
 * month; readmissions per index stay. O/E < 1 means fewer events than members with the same
 * risk profile have across the whole population.
 */
import type { Database } from '../engine/db.ts';
import { indirectStandardise, referenceRates, type StratumCount } from '../stats/standardisation.ts';
import type { Period } from './period.ts';

export interface RiskAdjustedMeasure {
  observed: number;
  expected: number;
  oe: { estimate: number; ci_low: number; ci_high: number } | null;
  /** Observed and expected per 1,000 member-years (admissions, ED visits) or per index stay (readmissions). */
  observed_rate: number | null;
  expected_rate: number | null;
}

export interface CohortRiskAdjustment {
  member_months: number;
  index_stays: number;
  admissions: RiskAdjustedMeasure;
  ed_visits: RiskAdjustedMeasure;
  readmissions: RiskAdjustedMeasure;
}

export interface RiskAdjustment {
  method: string;
  strata: number;
  cohorts: Record<'all' | 'managed' | 'unmanaged' | 'other', CohortRiskAdjustment>;
}

type StratumRow = {
  cohort: string;
  stratum: string;
  member_months: number;
  admissions: number;
  ed_visits: number;
  index_stays: number;
  readmissions: number;
};

/** O/E of admissions, ED visits and readmissions per cohort over the period. */
export async function riskAdjustment(db: Database, period: Period, level: number): Promise<RiskAdjustment> {
  const rows = await db.all<StratumRow>(
    `SELECT cohort, concat_ws('|', age_band, sex, condition_count, charlson_band) AS stratum,
       count(*)::DOUBLE AS member_months, sum(admissions)::DOUBLE AS admissions, sum(ed_visits)::DOUBLE AS ed_visits,
       sum(index_stays)::DOUBLE AS index_stays, sum(readmissions)::DOUBLE AS readmissions
     FROM eval_person_month
     WHERE month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
     GROUP BY ALL ORDER BY ALL`,
    { from: period.from, to: period.to },
  );
  const counts = (subset: StratumRow[], events: 'admissions' | 'ed_visits' | 'readmissions'): StratumCount[] =>
    subset.map((r) => ({ stratum: r.stratum, events: r[events], exposure: events === 'readmissions' ? r.index_stays : r.member_months }));
  const rates = {
    admissions: referenceRates(counts(rows, 'admissions')),
    ed_visits: referenceRates(counts(rows, 'ed_visits')),
    readmissions: referenceRates(counts(rows, 'readmissions')),
  };
  const cohort = (name: string): CohortRiskAdjustment => {
    const subset = name === 'all' ? rows : rows.filter((r) => r.cohort === name);
    const measure = (events: 'admissions' | 'ed_visits' | 'readmissions'): RiskAdjustedMeasure => {
      const result = indirectStandardise(counts(subset, events), rates[events], level);
      const scale = events === 'readmissions' ? 1 : 12000;
      return {
        observed: result.observed,
        expected: result.expected,
        oe: result.ratio ? { estimate: result.ratio.estimate, ci_low: result.ratio.low, ci_high: result.ratio.high } : null,
        observed_rate: result.exposure > 0 ? (scale * result.observed) / result.exposure : null,
        expected_rate: result.exposure > 0 ? (scale * result.expected) / result.exposure : null,
      };
    };
    return {
      member_months: subset.reduce((a, r) => a + r.member_months, 0),
      index_stays: subset.reduce((a, r) => a + r.index_stays, 0),
      admissions: measure('admissions'),
      ed_visits: measure('ed_visits'),
      readmissions: measure('readmissions'),
    };
  };
  return {
    method: 'indirect standardisation; reference: all member months of the period; strata: age band × sex × target-condition count × Charlson band (Quan 2005 ICD-10 coding, Charlson 1987 weights)',
    strata: new Set(rows.map((r) => r.stratum)).size,
    cohorts: { all: cohort('all'), managed: cohort('managed'), unmanaged: cohort('unmanaged'), other: cohort('other') },
  };
}
