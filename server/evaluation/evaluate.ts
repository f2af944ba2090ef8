/**
 * The program evaluation (issue 6): naive comparisons, risk adjustment, a matched
 * comparison with difference-in-differences, and savings — computed from the marts of a
 * built database with the caller's settings. Pure with respect to the database: it only
 * reads (into TEMP tables dropped afterwards) and returns a plain JSON-ready object.
 */
import type { Database } from '../engine/db.ts';
import { balanceTable, maxAbsSmdAfter, type BalanceRow } from './balance.ts';
import { loadCandidates, type DropReason } from './candidates.ts';
import { differenceInDifferences, type DidEstimate, type Outcome } from './did.ts';
import { matchCandidates } from './matching.ts';
import { naiveEstimates, type NaiveMeasure } from './naive.ts';
import { resolvePeriod } from './period.ts';
import { riskAdjustment, type RiskAdjustment } from './risk-adjustment.ts';
import { savingsEstimate, type Interval3, type Savings } from './savings.ts';
import { resolveSettings, type EvaluationSettings } from './settings.ts';
import { withEvaluationTables } from './views.ts';

export interface MeasureEvaluation {
  unit: string;
  naive: Record<string, number | [number, number] | null>;
  did: Record<string, number | Interval3 | null>;
}

export interface Evaluation {
  period: { from: string; to: string; data_through: string };
  settings: { seed: number; replicates: number; controls_per_treated: number; caliper: number; level: number; comparison_pool: string };
  admissions: MeasureEvaluation;
  ed_visits: MeasureEvaluation;
  readmissions: MeasureEvaluation;
  paid_pmpm: MeasureEvaluation;
  matching: {
    treated: number;
    eligible: number;
    matched: number;
    dropped: number;
    dropped_reasons: Partial<Record<DropReason, number>>;
    comparison_members: number;
    comparison_candidates: number;
    comparison_candidates_used: number;
    caliper_logit_width: number | null;
    max_abs_smd_after: number | null;
    /** Average follow-up member months of the matched enrolled members (12 at most). */
    mean_follow_up_months: number | null;
    /** Share of follow-up member months in a program, enrolled vs comparison (intention to treat). */
    follow_up_managed_share: { treated: number; comparison: number } | null;
    propensity_converged: boolean;
    rules: string[];
  };
  balance: BalanceRow[];
  risk_adjustment: RiskAdjustment;
  savings: Savings;
  notes: string[];
}

/** Runs the whole evaluation; `partial` settings are completed with the defaults of settings.ts. */
export async function evaluateProgram(db: Database, partial: Partial<EvaluationSettings> = {}): Promise<Evaluation> {
  const settings = resolveSettings(partial);
  return withEvaluationTables(db, () => evaluate(db, settings));
}

async function evaluate(db: Database, settings: EvaluationSettings): Promise<Evaluation> {
  const period = await resolvePeriod(db, settings.from, settings.to);

  const candidates = await loadCandidates(db, settings.comparisonPool, settings.maxComparisonCandidates, settings.seed);
  const match = matchCandidates(candidates.treated, candidates.comparison, { k: settings.controlsPerTreated, caliper: settings.caliper, seed: settings.seed });
  const dropped = { ...candidates.dropped };
  if (match.unmatched.length > 0) dropped.no_match_within_caliper = match.unmatched.length;
  const did = match.sets.length > 0 ? differenceInDifferences(match.sets, settings.replicates, settings.seed, settings.level) : null;
  const balance = balanceTable(candidates.treated, candidates.comparison, match.sets);

  const naive = await naiveEstimates(db, period);
  const risk = await riskAdjustment(db, period, settings.level);
  const savings = await savingsEstimate(db, period, did, settings);

  const countMeasure = (o: Exclude<Outcome, 'paid'>): MeasureEvaluation => measureBlock('per 1,000 member-years', 'per_1000', 12000, naive[o], did?.estimates[o] ?? null);
  return {
    period: { from: period.from, to: period.to, data_through: period.dataThrough },
    settings: { seed: settings.seed, replicates: settings.replicates, controls_per_treated: settings.controlsPerTreated, caliper: settings.caliper, level: settings.level, comparison_pool: settings.comparisonPool },
    admissions: countMeasure('admissions'),
    ed_visits: countMeasure('ed_visits'),
    readmissions: countMeasure('readmissions'),
    paid_pmpm: measureBlock('$ per member per month', 'pmpm', 1, naive.paid, did?.estimates.paid ?? null),
    matching: {
      treated: candidates.enrolled,
      eligible: candidates.treated.length,
      matched: match.sets.length,
      dropped: candidates.enrolled - match.sets.length,
      dropped_reasons: dropped,
      comparison_members: new Set(match.sets.flatMap((s) => s.controls.map((c) => c.person_id))).size,
      comparison_candidates: candidates.comparisonRows,
      comparison_candidates_used: candidates.comparisonSampled,
      caliper_logit_width: Number.isFinite(match.caliperWidth) ? match.caliperWidth : null,
      max_abs_smd_after: maxAbsSmdAfter(balance),
      mean_follow_up_months: did && did.sets > 0 ? did.treatedFollowUpMonths / did.sets : null,
      follow_up_managed_share: did?.managedShare ?? null,
      propensity_converged: match.propensityConverged,
      rules: [
        'Index month: the month of each enrolled member\'s first enrolment (first managed member month).',
        settings.comparisonPool === 'not_yet_enrolled'
          ? 'Comparison members: target-population members not (yet) enrolled at the month; every month in which someone enrolled is a candidate pseudo-index month for each of them, and matching picks the best-matching one (risk-set matching, Li, Propert & Rosenbaum 2001); each comparison member is used once. Members enrolled later may serve before their enrolment: restricting to never-enrolled members would condition on the future (those who stay unenrolled are those whose use stays low) and bias the comparison.'
          : 'Comparison members: target-population members never enrolled in the data; every month in which someone enrolled is a candidate pseudo-index month for each of them, and matching picks the best-matching one; each comparison member is used once.',
        'Baseline: the 12 months before the index month, all member months; the index month itself is a washout (enrolment falls inside it); follow-up: the member months among the 12 months after it, up to the last complete month of data — shorter when eligibility ends (death, leaving the plan) or the data do, with rates per member month. Enrolled members without a full baseline or without any follow-up month are dropped (reasons counted).',
        `Matching: exact (coarsened) on calendar index month, "discharged in the 45 days before", admissions in the 12 months before (0–4+), ED visits in the 6 months before (0–3+) and heart failure; then, within a caliper of ${settings.caliper} SD of the logit of a propensity score (logistic regression on baseline utilisation split by timing, paid, readmissions, index-month use, conditions, Charlson index, sex, age band), the nearest by Mahalanobis distance on baseline utilisation (last 3/6 months and the months before), paid, conditions and Charlson index; up to ${settings.controlsPerTreated} comparison members per enrolled member, each comparison member used once.`,
        'Intention to treat: enrolled members stay in the enrolled group after they leave the program, and comparison members who enrol later stay comparison members; follow_up_managed_share shows how much this dilutes the contrast.',
        `Intervals: percentile bootstrap over matched sets, ${settings.replicates} replicates, seed ${settings.seed}.`,
      ],
    },
    balance,
    risk_adjustment: risk,
    savings,
    notes: [
      'Managed vs unmanaged compares different people: programs enrol sicker members, so the managed rate is higher whatever the program does.',
      'Enrolled before vs after mixes the program effect with regression to the mean: members are enrolled right after a spell of high use, which falls afterwards anyway.',
      'The matched difference-in-differences compares enrolled members with never-enrolled members who had the same recent history at the same calendar month, and subtracts the change those comparison members show.',
      'Paid in the matched comparison excludes CCM/TCM payments (counted as program revenue in the savings); the naive paid rates include every claim.',
    ],
  };
}

function measureBlock(unit: string, suffix: 'per_1000' | 'pmpm', scale: number, naive: NaiveMeasure, did: DidEstimate | null): MeasureEvaluation {
  const scaled = (v: number | null | undefined) => (v === null || v === undefined ? null : v * scale);
  const scaleInterval = (x: { estimate: number; ci_low: number; ci_high: number } | null | undefined): Interval3 | null =>
    x ? { estimate: x.estimate * scale, ci_low: x.ci_low * scale, ci_high: x.ci_high * scale } : null;
  const relative = did?.ratio ? { estimate: did.ratio.estimate - 1, ci_low: did.ratio.ci_low - 1, ci_high: did.ratio.ci_high - 1 } : null;
  return {
    unit,
    naive: {
      [`managed_${suffix}`]: naive.managed,
      [`unmanaged_${suffix}`]: naive.unmanaged,
      managed_ci: naive.managed_ci,
      unmanaged_ci: naive.unmanaged_ci,
      managed_vs_unmanaged_relative: naive.managed_vs_unmanaged,
      [`enrolled_before_${suffix}`]: naive.before,
      [`enrolled_after_${suffix}`]: naive.after,
      before_after_relative: naive.before_after,
    },
    did: {
      [`treated_baseline_${suffix}`]: scaled(did?.treated.baseline),
      [`treated_follow_up_${suffix}`]: scaled(did?.treated.follow_up),
      [`comparison_baseline_${suffix}`]: scaled(did?.comparison.baseline),
      [`comparison_follow_up_${suffix}`]: scaled(did?.comparison.follow_up),
      [suffix]: scaleInterval(did?.difference),
      ratio_of_ratios: did?.ratio ?? null,
      relative_change: relative,
    },
  };
}
