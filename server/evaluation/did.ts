/**
 * Difference-in-differences on the matched sample: for each outcome, rates per member
 * month in the 12 baseline and 12 follow-up months of the enrolled members (T) and of
 * their matched comparison members (C, each weighted 1/k′ within its set):
 *   DiD = (T_follow − T_base) − (C_follow − C_base),
 *   ratio of ratios = (T_follow / T_base) / (C_follow / C_base), relative change = ratio − 1.
 * Intervals: seeded percentile bootstrap over matched sets (Austin & Small, Stat Med
 * 2014;33:4306–19 — resampling matched sets keeps the pairing).
 */
import { bootstrap, percentileInterval } from '../stats/bootstrap.ts';
import type { Candidate } from './candidates.ts';
import type { MatchedSet } from './matching.ts';

export const outcomes = ['admissions', 'ed_visits', 'readmissions', 'paid'] as const;
export type Outcome = (typeof outcomes)[number];

const columns: Record<Outcome, { base: keyof Candidate; follow: keyof Candidate }> = {
  admissions: { base: 'baseline_admissions', follow: 'follow_up_admissions' },
  ed_visits: { base: 'baseline_ed_visits', follow: 'follow_up_ed_visits' },
  readmissions: { base: 'baseline_readmissions', follow: 'follow_up_readmissions' },
  paid: { base: 'baseline_paid', follow: 'follow_up_paid' },
};

export interface GroupRates {
  baseline: number | null;
  follow_up: number | null;
}

export interface DidEstimate {
  /** Rates per member month. */
  treated: GroupRates;
  comparison: GroupRates;
  difference: { estimate: number; ci_low: number; ci_high: number } | null;
  ratio: { estimate: number; ci_low: number; ci_high: number } | null;
}

export interface DidResult {
  sets: number;
  treatedFollowUpMonths: number;
  /** Share of follow-up member months spent in a program (intention to treat dilutes the effect by their difference). */
  managedShare: { treated: number; comparison: number };
  estimates: Record<Outcome, DidEstimate>;
  /** Bootstrap replicates of the difference per member month, per outcome (for savings intervals). */
  differenceReplicates: Record<Outcome, number[]>;
}

/** Per-set sums: [T_base, T_follow, C_base, C_follow] counts and member months, per outcome. */
interface SetSums {
  tMonthsBase: number;
  tMonthsFollow: number;
  cMonthsBase: number;
  cMonthsFollow: number;
  values: Record<Outcome, [number, number, number, number]>;
}

function sumsOf(set: MatchedSet): SetSums {
  const w = 1 / set.controls.length;
  const values = {} as Record<Outcome, [number, number, number, number]>;
  for (const o of outcomes) {
    const { base, follow } = columns[o];
    values[o] = [
      Number(set.treated[base]),
      Number(set.treated[follow]),
      set.controls.reduce((a, c) => a + w * Number(c[base]), 0),
      set.controls.reduce((a, c) => a + w * Number(c[follow]), 0),
    ];
  }
  return {
    tMonthsBase: set.treated.baseline_months,
    tMonthsFollow: set.treated.follow_up_months,
    cMonthsBase: set.controls.reduce((a, c) => a + w * c.baseline_months, 0),
    cMonthsFollow: set.controls.reduce((a, c) => a + w * c.follow_up_months, 0),
    values,
  };
}

type Stat = Record<Outcome, { t0: number | null; t1: number | null; c0: number | null; c1: number | null; diff: number; ratio: number }>;

function statistic(sums: SetSums[], pick: ArrayLike<number>): Stat {
  const months = [0, 0, 0, 0];
  const totals = Object.fromEntries(outcomes.map((o) => [o, [0, 0, 0, 0]])) as Record<Outcome, number[]>;
  for (let i = 0; i < pick.length; i++) {
    const s = sums[pick[i]];
    months[0] += s.tMonthsBase;
    months[1] += s.tMonthsFollow;
    months[2] += s.cMonthsBase;
    months[3] += s.cMonthsFollow;
    for (const o of outcomes) for (let j = 0; j < 4; j++) totals[o][j] += s.values[o][j];
  }
  const out = {} as Stat;
  for (const o of outcomes) {
    const [t0, t1, c0, c1] = totals[o].map((v, j) => (months[j] > 0 ? v / months[j] : null));
    const diff = t0 === null || t1 === null || c0 === null || c1 === null ? NaN : t1 - t0 - (c1 - c0);
    const ratio = t0 && t1 !== null && c0 && c1 ? t1 / t0 / (c1 / c0) : NaN;
    out[o] = { t0, t1, c0, c1, diff, ratio };
  }
  return out;
}

/** DiD and ratio of ratios for every outcome, with bootstrap intervals. */
export function differenceInDifferences(sets: MatchedSet[], replicates: number, seed: number, level: number): DidResult {
  const sums = sets.map(sumsOf);
  const all = Uint32Array.from(sums.keys());
  const point = statistic(sums, all);
  const replicate = (idx: Uint32Array) => {
    const s = statistic(sums, idx);
    return outcomes.flatMap((o) => [s[o].diff, s[o].ratio]);
  };
  const reps = sets.length > 0 ? bootstrap(sets.length, replicate, { replicates, seed }) : [];
  const estimates = {} as Record<Outcome, DidEstimate>;
  const differenceReplicates = {} as Record<Outcome, number[]>;
  outcomes.forEach((o, k) => {
    const p = point[o];
    const diffs = reps.map((r) => r[2 * k]);
    const ratios = reps.map((r) => r[2 * k + 1]);
    differenceReplicates[o] = diffs;
    const di = percentileInterval(diffs, level);
    const ri = percentileInterval(ratios, level);
    estimates[o] = {
      treated: { baseline: p.t0, follow_up: p.t1 },
      comparison: { baseline: p.c0, follow_up: p.c1 },
      difference: Number.isFinite(p.diff) && Number.isFinite(di.low) ? { estimate: p.diff, ci_low: di.low, ci_high: di.high } : null,
      ratio: Number.isFinite(p.ratio) && Number.isFinite(ri.low) ? { estimate: p.ratio, ci_low: ri.low, ci_high: ri.high } : null,
    };
  });
  const share = (pick: (s: MatchedSet) => [number, number]) => {
    const [managed, months] = sets.map(pick).reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
    return months > 0 ? managed / months : 0;
  };
  const managedShare = {
    treated: share((s) => [s.treated.follow_up_managed_months, s.treated.follow_up_months]),
    comparison: share((s) => [
      s.controls.reduce((a, c) => a + c.follow_up_managed_months, 0) / s.controls.length,
      s.controls.reduce((a, c) => a + c.follow_up_months, 0) / s.controls.length,
    ]),
  };
  return { sets: sets.length, treatedFollowUpMonths: sums.reduce((a, s) => a + s.tMonthsFollow, 0), managedShare, estimates, differenceReplicates };
}
