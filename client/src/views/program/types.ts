/** The shape of GET /api/program/evaluation (server/evaluation/evaluate.ts), as the client reads it. */
import type { Interval3, SavingsBlock } from '../../../../server/evaluation/savings.ts';
import type { BalanceRow } from '../../../../server/evaluation/balance.ts';
import type { MeasureEvaluation } from '../../../../server/evaluation/evaluate.ts';

export type { BalanceRow, Interval3, MeasureEvaluation, SavingsBlock };

export interface RiskMeasure {
  observed: number | null;
  expected: number;
  oe: Interval3 | null;
}

export interface Evaluation {
  period: { from: string; to: string; data_through: string };
  settings: { seed: number; replicates: number; controls_per_treated: number; caliper: number; level: number; comparison_pool: string };
  admissions: MeasureEvaluation;
  ed_visits: MeasureEvaluation;
  readmissions: MeasureEvaluation;
  paid_pmpm: MeasureEvaluation;
  matching: {
    treated: number | null;
    eligible: number | null;
    matched: number | null;
    dropped: number | null;
    dropped_reasons: Record<string, number | null>;
    comparison_members: number | null;
    max_abs_smd_after: number | null;
    mean_follow_up_months: number | null;
    follow_up_managed_share: { treated: number; comparison: number } | null;
    rules: string[];
  };
  balance: BalanceRow[];
  risk_adjustment: { method: string; cohorts: Record<string, { member_months: number | null; admissions: RiskMeasure; ed_visits: RiskMeasure; readmissions: RiskMeasure }> };
  savings: {
    inputs: {
      paid_per_admission: number | null;
      paid_per_treat_release_ed_visit: number | null;
      ed_treat_release_share: number | null;
      managed_member_months: number;
      average_managed_members: number;
      cost_model: string;
      fte: number | null;
      cost_per_fte: number | null;
      pmpm: number | null;
      program_cost_pmpm: number;
      ccm_tcm_revenue_pmpm: number;
    };
    evaluated_members: SavingsBlock;
    program_period: SavingsBlock;
    paid_difference_pmpm: Interval3 | null;
    assumptions: string[];
  };
  notes: string[];
}
