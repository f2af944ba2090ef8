/**
 * Re-prices the savings of a finished evaluation under another program cost, without
 * re-running matching or the bootstrap: events avoided, gross savings and CCM/TCM revenue
 * do not depend on the cost; program cost, net savings and ROI follow from it by the same
 * arithmetic as savings.ts (a test checks the two agree exactly).
 */
import type { Evaluation } from './evaluate.ts';
import type { Interval3, Savings, SavingsBlock } from './savings.ts';
import { DEFAULT_CASELOAD, DEFAULT_COST_PER_FTE, type ProgramCost } from './settings.ts';

const money = (x: number | null) => (x === null ? 'n/a' : `$${x.toFixed(2)}`);

/** The savings of `savings` priced with `cost` instead of the cost they were computed with. */
export function recostSavings(savings: Savings, cost: ProgramCost): Savings {
  const avgMembers = savings.inputs.average_managed_members;
  let costPmpm: number;
  let fte: number | null = null;
  if (cost.kind === 'pmpm') costPmpm = cost.pmpm;
  else {
    fte = cost.fte ?? avgMembers / DEFAULT_CASELOAD;
    costPmpm = avgMembers > 0 ? (fte * cost.costPerFte) / 12 / avgMembers : 0;
  }
  const block = (b: SavingsBlock): SavingsBlock => {
    const programCost = costPmpm * b.member_months;
    const revenue = b.ccm_tcm_revenue;
    const gross = b.gross_savings;
    const net: Interval3 | null = gross
      ? { estimate: gross.estimate - programCost + revenue, ci_low: gross.ci_low - programCost + revenue, ci_high: gross.ci_high - programCost + revenue }
      : null;
    const roi = net && programCost > 0 ? { estimate: net.estimate / programCost, ci_low: net.ci_low / programCost, ci_high: net.ci_high / programCost } : null;
    return { ...b, program_cost: programCost, net_savings: net, roi };
  };
  const costModel = cost.kind === 'pmpm'
    ? `fee of ${money(cost.pmpm)} per managed member per month`
    : `${fte?.toFixed(2)} case-manager FTEs${cost.fte === undefined ? ` (default: average managed members ${avgMembers.toFixed(1)} / caseload ${DEFAULT_CASELOAD})` : ''} × ${money(cost.costPerFte)} per FTE-year${cost.costPerFte === DEFAULT_COST_PER_FTE ? ' (default, an assumption)' : ''}`;
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
