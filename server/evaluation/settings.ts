/**
 * Settings of a program evaluation, with the defaults the CLI and the API share. Every
 * default that is an assumption (not a fact from the data) is listed in `assumptions()`
 * so the report can show it next to the numbers.
 */

export type ProgramCost =
  | { kind: 'fte'; /** Case-manager full-time equivalents; default: managed members / caseload. */ fte?: number; costPerFte: number }
  | { kind: 'pmpm'; pmpm: number };

/**
 * Who may serve as a comparison member at a pseudo-index month: persons not yet enrolled
 * then (risk-set matching; later enrolment is analysed as intention to treat), or only
 * persons never enrolled in the data (conditions on the future: those later enrolled
 * after a spell of use are left out, which lowers the comparison's follow-up rates).
 */
export type ComparisonPool = 'not_yet_enrolled' | 'never_enrolled';

export interface EvaluationSettings {
  /** First day of the period for the naive rates, risk adjustment and cost (default: build_info.default_from). */
  from?: string;
  /** Last day of that period (default: build_info.data_through). */
  to?: string;
  /** Seed of the bootstrap and of candidate sampling. */
  seed: number;
  /** Bootstrap replicates (resampling matched sets). */
  replicates: number;
  comparisonPool: ComparisonPool;
  /** Comparison members matched to each enrolled member (1:k). */
  controlsPerTreated: number;
  /** Caliper, in standard deviations of the logit of the propensity score (Austin 2011: 0.2). */
  caliper: number;
  /** Above this many comparison candidate rows, a seeded random sample of them is used. */
  maxComparisonCandidates: number;
  level: number;
  cost: ProgramCost;
}

/** Loaded cost of one case-manager FTE per year (salary and benefits of an RN case manager; an assumption, edit it). */
export const DEFAULT_COST_PER_FTE = 100_000;
/** Members per case manager used to derive FTEs when none is given (an assumption; typical caseloads are 50–150). */
export const DEFAULT_CASELOAD = 100;

export const defaultSettings: EvaluationSettings = {
  seed: 1,
  replicates: 1000,
  comparisonPool: 'not_yet_enrolled',
  controlsPerTreated: 3,
  caliper: 0.2,
  maxComparisonCandidates: 400_000,
  level: 0.95,
  cost: { kind: 'fte', costPerFte: DEFAULT_COST_PER_FTE },
};

/** Fills the defaults in a partial settings object. */
export function resolveSettings(partial: Partial<EvaluationSettings> = {}): EvaluationSettings {
  const settings = { ...defaultSettings, ...stripUndefined(partial) };
  if (!Number.isInteger(settings.controlsPerTreated) || settings.controlsPerTreated < 1) throw new RangeError('controlsPerTreated must be a whole number ≥ 1');
  if (!Number.isInteger(settings.replicates) || settings.replicates < 10) throw new RangeError('replicates must be a whole number ≥ 10');
  if (!['not_yet_enrolled', 'never_enrolled'].includes(settings.comparisonPool)) throw new RangeError('comparisonPool must be not_yet_enrolled or never_enrolled');
  if (!(settings.caliper > 0)) throw new RangeError('caliper must be positive');
  if (!(settings.level > 0 && settings.level < 1)) throw new RangeError('level must be in (0, 1)');
  const cost = settings.cost;
  if (cost.kind === 'pmpm' && !(cost.pmpm >= 0)) throw new RangeError('pmpm must be ≥ 0');
  if (cost.kind === 'fte' && (!(cost.costPerFte >= 0) || (cost.fte !== undefined && !(cost.fte >= 0)))) throw new RangeError('fte and costPerFte must be ≥ 0');
  return settings;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
