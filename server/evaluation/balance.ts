/**
 * The balance table: standardised mean differences of every baseline covariate before
 * matching (all evaluable treated vs all comparison candidates) and after (matched
 * treated vs their controls weighted 1/k′), both scaled by the spread of the unmatched
 * samples (Austin 2009; Stuart, Stat Sci 2010;25:1–21).
 */
import { standardisedMeanDifference, weightedMean } from '../stats/balance.ts';
import type { Candidate } from './candidates.ts';
import { covariatesFor } from './covariates.ts';
import type { MatchedSet } from './matching.ts';

export interface BalanceRow {
  covariate: string;
  label: string;
  binary: boolean;
  treated_before: number | null;
  comparison_before: number | null;
  smd_before: number | null;
  treated_after: number | null;
  comparison_after: number | null;
  smd_after: number | null;
}

/** One row per covariate; the "after" columns are null when nothing was matched. */
export function balanceTable(treated: Candidate[], comparison: Candidate[], sets: MatchedSet[]): BalanceRow[] {
  const covariates = covariatesFor([...treated, ...comparison]);
  const matchedTreated = sets.map((s) => s.treated);
  const matchedControls = sets.flatMap((s) => s.controls);
  const controlWeights = sets.flatMap((s) => s.controls.map(() => 1 / s.controls.length));
  return covariates.map((cov) => {
    const before = { treated: { values: treated.map(cov.value) }, control: { values: comparison.map(cov.value) } };
    const afterT = { values: matchedTreated.map(cov.value) };
    const afterC = { values: matchedControls.map(cov.value), weights: controlWeights };
    const matched = sets.length > 0;
    return {
      covariate: cov.key,
      label: cov.label,
      binary: cov.binary,
      treated_before: weightedMean(before.treated),
      comparison_before: weightedMean(before.control),
      smd_before: standardisedMeanDifference(before.treated, before.control, cov.binary),
      treated_after: matched ? weightedMean(afterT) : null,
      comparison_after: matched ? weightedMean(afterC) : null,
      smd_after: matched ? standardisedMeanDifference(afterT, afterC, cov.binary, before) : null,
    };
  });
}

/** Largest |SMD| after matching (null when nothing was matched). */
export function maxAbsSmdAfter(rows: BalanceRow[]): number | null {
  const values = rows.map((r) => r.smd_after).filter((v): v is number => v !== null);
  return values.length ? Math.max(...values.map(Math.abs)) : null;
}
