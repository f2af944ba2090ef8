/**
 * Re-prices the savings of a finished evaluation under another program cost, without
 * re-running matching or the bootstrap: events avoided, gross savings and CCM/TCM revenue
 * do not depend on the cost; program cost, net savings and ROI follow from it by the same
 * arithmetic as savings.ts (a test checks the two agree exactly).
 */
import type { Evaluation } from './evaluate.ts';
import { money, netAndRoi, programCostOf, type Savings, type SavingsBlock } from './savings.ts';
import type { ProgramCost } from './settings.ts';

/** The savings of `savings` priced with `cost` instead of the cost they were computed with. */
export function recostSavings(savings: Savings, cost: ProgramCost): Savings {
  const { pmpm: costPmpm, fte, model: costModel } = programCostOf(cost, savings.inputs.average_managed_members);
  const block = (b: SavingsBlock): SavingsBlock => {
    const programCost = costPmpm * b.member_months;
    return { ...b, program_cost: programCost, ...netAndRoi(b.gross_savings, programCost, b.ccm_tcm_revenue) };
  };
  return {
    ...savings,
    inputs: {
      ...savings.inputs,
      cost_model: costModel,
      fte,
      cost_per_fte: cost.kind === 'fte' ? cost.costPerFte : null,
      pmpm: cost.kind === 'pmpm' ? cost.pmpm : null,
      program_cost_pmpm: costPmpm,
    },
    per_member_month: block(savings.per_member_month),
    evaluated_members: block(savings.evaluated_members),
    program_period: block(savings.program_period),
    assumptions: savings.assumptions.map((a) => (a.startsWith('Program cost:') ? `Program cost: ${costModel}; ${money(costPmpm)} per managed member month.` : a)),
  };
}

/** The evaluation with its savings re-priced under `cost`. */
export function recostEvaluation(evaluation: Evaluation, cost: ProgramCost): Evaluation {
  return { ...evaluation, savings: recostSavings(evaluation.savings, cost) };
}
