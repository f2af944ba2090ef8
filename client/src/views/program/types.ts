/** The shape of GET /api/program/evaluation (server/evaluation/evaluate.ts), as the client reads it. */
import type { Interval3, SavingsBlock } from '../../../../server/evaluation/savings.ts';
import type { BalanceRow } from '../../../../server/evaluation/balance.ts';
import type { Evaluation as ServerEvaluation, MeasureEvaluation } from '../../../../server/evaluation/evaluate.ts';

export type { BalanceRow, Interval3, MeasureEvaluation, SavingsBlock };

/** Counts an aggregate-only role may see suppressed (null) in the answer. */
type Suppressible<T> = { [K in keyof T]: T[K] extends number ? T[K] | null : T[K] };

type RiskCohort = ServerEvaluation['risk_adjustment']['cohorts']['all'];

/** A risk-adjusted measure: the observed count may be suppressed. */
export type RiskMeasure = Suppressible<RiskCohort['admissions']>;

/**
 * GET /api/program/evaluation as the client reads it: the server's Evaluation after small-cell
 * suppression, which may null the matching counts and the risk-adjustment counts.
 */
export type Evaluation = Omit<ServerEvaluation, 'matching' | 'risk_adjustment'> & {
  matching: Suppressible<Omit<ServerEvaluation['matching'], 'dropped_reasons'>> & { dropped_reasons: Record<string, number | null> };
  risk_adjustment: Omit<ServerEvaluation['risk_adjustment'], 'cohorts'> & {
    cohorts: Record<string, Suppressible<Omit<RiskCohort, 'admissions' | 'ed_visits' | 'readmissions'>> & Record<'admissions' | 'ed_visits' | 'readmissions', RiskMeasure>>;
  };
};
