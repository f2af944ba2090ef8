/**
 * Savings and return on investment of the program, from the matched DiD:
 * - events avoided per managed member month = −DiD (admissions, ED visits);
 * - dollars saved = admissions avoided × average paid per admission of managed members
 *   + ED visits avoided × share treated and released × average paid per treat-and-release
 *   visit (ED visits that lead to admission are paid through the admission);
 * - program cost from the settings (FTEs × cost per FTE, or a fee per member per month);
 * - CCM/TCM revenue = paid amounts of CCM/TCM lines on managed members' claims;
 * - net savings = gross savings − program cost + CCM/TCM revenue; ROI = net / cost.
 * Intervals carry the bootstrap replicates of the DiD through the same arithmetic.
 */
import type { Database } from '../engine/db.ts';
import { percentileInterval } from '../stats/bootstrap.ts';
import type { DidResult } from './did.ts';
import type { Period } from './period.ts';
import { DEFAULT_CASELOAD, DEFAULT_COST_PER_FTE, type EvaluationSettings, type ProgramCost } from './settings.ts';

export interface Interval3 {
  estimate: number;
  ci_low: number;
  ci_high: number;
}

export interface SavingsBlock {
  member_months: number;
  admissions_avoided: Interval3 | null;
  ed_visits_avoided: Interval3 | null;
  gross_savings: Interval3 | null;
  program_cost: number;
  ccm_tcm_revenue: number;
  net_savings: Interval3 | null;
  roi: Interval3 | null;
}

export interface Savings {
  inputs: {
    paid_per_admission: number | null;
    paid_per_treat_release_ed_visit: number | null;
    ed_treat_release_share: number | null;
    managed_member_months: number;
    average_managed_members: number;
    period_months: number;
    cost_model: string;
    fte: number | null;
    cost_per_fte: number | null;
    pmpm: number | null;
    program_cost_pmpm: number;
    ccm_tcm_revenue_pmpm: number;
  };
  per_member_month: SavingsBlock;
  /** The matched enrolled members over their 12 follow-up months. */
  evaluated_members: SavingsBlock;
  /** Every managed member month of the period. */
  program_period: SavingsBlock;
  /** Alternative check: −DiD of paid per member per month (all paid except CCM/TCM). */
  paid_difference_pmpm: Interval3 | null;
  assumptions: string[];
}

interface Inputs {
  paid_per_admission: number | null;
  paid_per_tr: number | null;
  tr_share: number | null;
  managed_mm: number;
  ccm_tcm: number;
  months: number;
}

async function loadInputs(db: Database, period: Period): Promise<Inputs> {
  const p = { from: period.from, to: period.to };
  const adm = await db.one<{ managed: number | null; all: number | null }>(
    `SELECT avg(paid_amount) FILTER (WHERE admit_cohort = 'managed') AS managed, avg(paid_amount) AS "all"
     FROM mart_episode WHERE admit_cohort IS NOT NULL AND admission_date BETWEEN $from::DATE AND $to::DATE`, p);
  const ed = await db.one<{ m_paid: number | null; a_paid: number | null; m_share: number | null; a_share: number | null }>(
    `SELECT avg(paid_amount) FILTER (WHERE cohort = 'managed' AND NOT led_to_admission) AS m_paid,
       avg(paid_amount) FILTER (WHERE NOT led_to_admission) AS a_paid,
       avg(CASE WHEN led_to_admission THEN 0.0 ELSE 1.0 END) FILTER (WHERE cohort = 'managed') AS m_share,
       avg(CASE WHEN led_to_admission THEN 0.0 ELSE 1.0 END) AS a_share
     FROM mart_ed_visit WHERE cohort IS NOT NULL AND visit_date BETWEEN $from::DATE AND $to::DATE`, p);
  const mm = await db.one<{ managed_mm: number; ccm_tcm: number; months: number }>(
    `SELECT count(*) FILTER (WHERE cohort = 'managed')::DOUBLE AS managed_mm,
       coalesce(sum(ccm_tcm_paid) FILTER (WHERE cohort = 'managed'), 0)::DOUBLE AS ccm_tcm,
       count(DISTINCT month)::DOUBLE AS months
     FROM eval_person_month WHERE month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE`, p);
  return {
    paid_per_admission: adm?.managed ?? adm?.all ?? null,
    paid_per_tr: ed?.m_paid ?? ed?.a_paid ?? null,
    tr_share: ed?.m_share ?? ed?.a_share ?? null,
    managed_mm: mm?.managed_mm ?? 0,
    ccm_tcm: mm?.ccm_tcm ?? 0,
    months: mm?.months ?? 0,
  };
}

/** A dollar amount with cents, or 'n/a'. */
export const money = (x: number | null) => (x === null ? 'n/a' : `$${x.toFixed(2)}`);

/** The program's cost per managed member month under `cost`, the case-manager FTEs it assumes (FTE costing) and how it is worded. */
export function programCostOf(cost: ProgramCost, avgMembers: number): { pmpm: number; fte: number | null; model: string } {
  if (cost.kind === 'pmpm') return { pmpm: cost.pmpm, fte: null, model: `fee of ${money(cost.pmpm)} per managed member per month` };
  const fte = cost.fte ?? avgMembers / DEFAULT_CASELOAD;
  const model = `${fte.toFixed(2)} case-manager FTEs${cost.fte === undefined ? ` (default: average managed members ${avgMembers.toFixed(1)} / caseload ${DEFAULT_CASELOAD})` : ''} × ${money(cost.costPerFte)} per FTE-year${cost.costPerFte === DEFAULT_COST_PER_FTE ? ' (default, an assumption)' : ''}`;
  return { pmpm: avgMembers > 0 ? (fte * cost.costPerFte) / 12 / avgMembers : 0, fte, model };
}

/** Net savings (gross − program cost + CCM/TCM revenue) and ROI (net ÷ program cost) of a block. */
export function netAndRoi(gross: Interval3 | null, programCost: number, revenue: number): { net_savings: Interval3 | null; roi: Interval3 | null } {
  const net = gross ? { estimate: gross.estimate - programCost + revenue, ci_low: gross.ci_low - programCost + revenue, ci_high: gross.ci_high - programCost + revenue } : null;
  const roi = net && programCost > 0 ? { estimate: net.estimate / programCost, ci_low: net.ci_low / programCost, ci_high: net.ci_high / programCost } : null;
  return { net_savings: net, roi };
}

/** Computes the savings blocks; `did` null (nothing matched) gives null estimates but still the costs. */
export async function savingsEstimate(db: Database, period: Period, did: DidResult | null, settings: EvaluationSettings): Promise<Savings> {
  const inp = await loadInputs(db, period);
  const avgMembers = inp.months > 0 ? inp.managed_mm / inp.months : 0;
  const cost = settings.cost;
  const { pmpm: costPmpm, fte, model: costModel } = programCostOf(cost, avgMembers);
  const revenuePmpm = inp.managed_mm > 0 ? inp.ccm_tcm / inp.managed_mm : 0;

  const admPaid = inp.paid_per_admission ?? 0;
  const edValue = (inp.tr_share ?? 0) * (inp.paid_per_tr ?? 0);
  const grossOf = (adm: number, ed: number) => -adm * admPaid - ed * edValue;

  const est = did?.estimates;
  const reps = did?.differenceReplicates;
  const interval = (point: number | undefined, values: number[] | undefined): Interval3 | null => {
    if (point === undefined || !Number.isFinite(point) || !values || values.length === 0) return null;
    const ci = percentileInterval(values, settings.level);
    return { estimate: point, ci_low: ci.low, ci_high: ci.high };
  };
  const admPoint = est?.admissions.difference?.estimate;
  const edPoint = est?.ed_visits.difference?.estimate;
  const grossReps = reps ? reps.admissions.map((a, i) => grossOf(a, reps.ed_visits[i])) : undefined;
  const perMm = {
    admissions: interval(admPoint === undefined ? undefined : -admPoint, reps?.admissions.map((d) => -d)),
    ed: interval(edPoint === undefined ? undefined : -edPoint, reps?.ed_visits.map((d) => -d)),
    gross: interval(admPoint === undefined || edPoint === undefined ? undefined : grossOf(admPoint, edPoint), grossReps),
  };
  const block = (memberMonths: number): SavingsBlock => {
    const scale = (x: Interval3 | null): Interval3 | null => (x ? { estimate: x.estimate * memberMonths, ci_low: x.ci_low * memberMonths, ci_high: x.ci_high * memberMonths } : null);
    const programCost = costPmpm * memberMonths;
    const revenue = revenuePmpm * memberMonths;
    const gross = scale(perMm.gross);
    return { member_months: memberMonths, admissions_avoided: scale(perMm.admissions), ed_visits_avoided: scale(perMm.ed), gross_savings: gross, program_cost: programCost, ccm_tcm_revenue: revenue, ...netAndRoi(gross, programCost, revenue) };
  };
  const paidPoint = est?.paid.difference?.estimate;
  return {
    inputs: {
      paid_per_admission: inp.paid_per_admission,
      paid_per_treat_release_ed_visit: inp.paid_per_tr,
      ed_treat_release_share: inp.tr_share,
      managed_member_months: inp.managed_mm,
      average_managed_members: avgMembers,
      period_months: inp.months,
      cost_model: costModel,
      fte,
      cost_per_fte: cost.kind === 'fte' ? cost.costPerFte : null,
      pmpm: cost.kind === 'pmpm' ? cost.pmpm : null,
      program_cost_pmpm: costPmpm,
      ccm_tcm_revenue_pmpm: revenuePmpm,
    },
    per_member_month: block(1),
    evaluated_members: block(did?.treatedFollowUpMonths ?? 0),
    program_period: block(inp.managed_mm),
    paid_difference_pmpm: interval(paidPoint === undefined ? undefined : -paidPoint, reps?.paid.map((d) => -d)),
    assumptions: [
      'Perspective: the organisation that runs the program, pays its cost and receives CCM/TCM payments.',
      'Events avoided per managed member month = −(difference-in-differences) of the matched comparison, measured over the first 12 months after enrolment and assumed to hold for every managed member month.',
      `An avoided admission saves the average paid per admission of managed members in the period (${money(inp.paid_per_admission)}).`,
      `An avoided ED visit saves, for the share of ED visits treated and released (${inp.tr_share === null ? 'n/a' : (100 * inp.tr_share).toFixed(1) + ' %'}), the average paid per treat-and-release visit (${money(inp.paid_per_tr)}); visits leading to admission are paid through the admission.`,
      'Readmissions are admissions: they are not added to the savings a second time.',
      `Program cost: ${costModel}; ${money(costPmpm)} per managed member month.`,
      `CCM/TCM revenue: paid amounts of CPT/HCPCS 99490, 99439, 99487, 99489, 99491, 99437, G0506, 99495, 99496 on managed members' claims in the period (${money(revenuePmpm)} per managed member month).`,
      'Not counted: other utilisation (office visits, drugs, post-acute care), program start-up costs, effects beyond 12 months.',
    ],
  };
}
