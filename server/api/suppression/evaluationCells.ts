/**
 * Suppression of the program evaluation for aggregate-only roles. The matching counts are
 * one table (enrolled = matched + dropped = evaluable + the two early drop reasons;
 * dropped = Σ reasons; evaluable = matched + no match), the risk adjustment's observed
 * counts and exposures another (all = managed + unmanaged + other), whose cells stay hidden
 * wherever the same period totals are hidden elsewhere in the API. A rate, O/E or naive
 * estimate goes with its hidden count or exposure; the matched estimates with a hidden
 * number of matched members. The balance table keeps only its SMDs: a group's share or
 * mean times the group size would give back a count of persons or events.
 */
import type { Evaluation, MeasureEvaluation } from '../../evaluation/evaluate.ts';
import type { RiskAdjustedMeasure } from '../../evaluation/risk-adjustment.ts';
import { suppressCells, type Relation } from './engine.ts';
import { periodOfDates } from './controlChartMonths.ts';
import type { MeasureReader } from './index.ts';

/** The evaluation as an aggregate-only role sees it: hidden counts null, `suppressed` lists their paths. */
export type SuppressedEvaluation = Evaluation & { suppressed: string[] };

const reasons = ['baseline_under_12_months', 'no_follow_up_month', 'no_match_within_caliper'] as const;
const matchingCells = ['treated', 'eligible', 'matched', 'dropped', ...reasons, 'comparison_members', 'comparison_candidates', 'comparison_candidates_used'] as const;
const cohorts = ['all', 'managed', 'unmanaged', 'other'] as const;
const riskColumns = ['member_months', 'index_stays', 'admissions', 'ed_visits', 'readmissions'] as const;
const exposureOf = { admissions: 'member_months', ed_visits: 'member_months', readmissions: 'index_stays' } as const;

/** Hides small counts of `evaluation` per the reader's policy (unchanged, with no paths, when there is none). */
export async function suppressEvaluation(evaluation: Evaluation, reader: MeasureReader): Promise<SuppressedEvaluation> {
  if (!reader.policy) return { ...evaluation, suppressed: [] };
  const threshold = reader.policy.threshold;
  const out = structuredClone(evaluation) as SuppressedEvaluation;
  out.suppressed = [];
  const hide = (path: string) => out.suppressed.push(path);

  const m = out.matching as unknown as Record<string, unknown> & { dropped_reasons: Record<string, number | null> };
  const matchValue = (name: string) => Number((reasons as readonly string[]).includes(name) ? (m.dropped_reasons[name] ?? 0) : m[name]);
  const mi = (name: (typeof matchingCells)[number]) => matchingCells.indexOf(name);
  const matchRelations: Relation[] = [
    { total: mi('treated'), parts: [mi('matched'), mi('dropped')] },
    { total: mi('dropped'), parts: reasons.map(mi) },
    { total: mi('treated'), parts: [mi('eligible'), mi('baseline_under_12_months'), mi('no_follow_up_month')] },
    { total: mi('eligible'), parts: [mi('matched'), mi('no_match_within_caliper')] },
  ];
  const matchHidden = suppressCells({ values: matchingCells.map(matchValue), relations: matchRelations }, threshold).hidden;
  matchingCells.forEach((name, i) => {
    if (!matchHidden[i]) return;
    if ((reasons as readonly string[]).includes(name)) m.dropped_reasons[name] = null;
    else m[name] = null;
    hide(`matching.${(reasons as readonly string[]).includes(name) ? `dropped_reasons.${name}` : name}`);
  });
  if (matchHidden[mi('matched')]) {
    for (const measure of ['admissions', 'ed_visits', 'readmissions', 'paid_pmpm'] as const) {
      for (const key of Object.keys(out[measure].did)) out[measure].did[key] = null;
      hide(`${measure}.did`);
    }
    m.mean_follow_up_months = null;
  }

  for (const row of out.balance) {
    Object.assign(row, { treated_before: null, comparison_before: null, treated_after: null, comparison_after: null });
  }
  if (out.balance.length > 0) hide('balance.means');

  const ra = out.risk_adjustment.cohorts;
  const ri = (c: number, k: number) => c * riskColumns.length + k;
  const values = cohorts.flatMap((c) => riskColumns.map((k) => (k === 'member_months' || k === 'index_stays' ? ra[c][k] : ra[c][k].observed)));
  const { from, to } = evaluation.period;
  const totals = await reader.period(periodOfDates(from, to), { condition: 'any', payer: 'all', program: 'all' });
  const fixed = new Uint8Array(values.length);
  cohorts.forEach((c, ci) => riskColumns.forEach((k, ki) => (fixed[ri(ci, ki)] = totals[c]?.[k] === null ? 1 : 0)));
  const relations: Relation[] = riskColumns.map((_, k) => ({ total: ri(0, k), parts: [1, 2, 3].map((c) => ri(c, k)) }));
  const riskHidden = suppressCells({ values, relations, fixed, hidden: fixed }, threshold).hidden;
  cohorts.forEach((c, ci) => {
    const isHidden = (k: (typeof riskColumns)[number]) => Boolean(riskHidden[ri(ci, riskColumns.indexOf(k))]);
    const cohort = ra[c] as unknown as Record<string, number | null | RiskAdjustedMeasure>;
    for (const k of ['member_months', 'index_stays'] as const) {
      if (isHidden(k)) {
        cohort[k] = null;
        hide(`risk_adjustment.cohorts.${c}.${k}`);
      }
    }
    for (const k of ['admissions', 'ed_visits', 'readmissions'] as const) {
      const measure = ra[c][k] as unknown as Record<keyof RiskAdjustedMeasure, unknown>;
      const exposureHidden = isHidden(exposureOf[k]);
      if (isHidden(k) || exposureHidden) {
        Object.assign(measure, { observed: isHidden(k) ? null : measure.observed, oe: null, observed_rate: null });
        if (exposureHidden) measure.expected_rate = null;
        hide(`risk_adjustment.cohorts.${c}.${k}.${isHidden(k) ? 'observed' : 'observed_rate'}`);
        if (c === 'managed' || c === 'unmanaged') hideNaive(out[k], c, hide, `${k}.naive`);
      }
    }
  });
  return out;
}

function hideNaive(block: MeasureEvaluation, cohort: 'managed' | 'unmanaged', hide: (path: string) => void, path: string) {
  for (const key of Object.keys(block.naive)) {
    if (key.startsWith(`${cohort}_`) || key === 'managed_vs_unmanaged_relative') {
      block.naive[key] = null;
      hide(`${path}.${key}`);
    }
  }
}
