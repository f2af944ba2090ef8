/**
 * Propensity-score matching of enrolled members to comparison candidates (Rosenbaum &
 * Rubin 1983; Austin, Multivariate Behav Res 2011;46:399–424):
 * - propensity = logistic regression of "enrolled at this month" on the baseline
 *   covariates (covariates.ts), fitted over treated and comparison candidate rows;
 * - coarsened exact matching (Iacus, King & Porro, Polit Anal 2012;20:1–24) on the
 *   history case-finding reads: calendar index month, "discharged in the 45 days before",
 *   admissions in the 12 months before (0–4+), ED visits in the 6 months before (0–3+),
 *   heart failure — programs enrol on these, and a spell of use right before enrolment is
 *   what regresses, so they must match exactly rather than on average;
 * - among the candidates whose logit propensity lies within `caliper` × its standard
 *   deviation, the nearest by Mahalanobis distance on the prognostic baseline covariates
 *   (Rubin & Thomas, JASA 2000;95:573–85: propensity calipers balance what predicts
 *   enrolment, the Mahalanobis metric what predicts the outcome);
 * - greedy, without replacement: each comparison person is used once, whatever the month;
 *   treated taken from the highest score down; up to k comparison rows per treated member
 *   (1:k, each weighted 1/k′ for the k′ found).
 */
import { Matrix, inverse } from 'ml-matrix';
import { seededIndexSource } from '../stats/bootstrap.ts';
import { fitLogistic } from '../stats/logistic.ts';
import type { Candidate } from './candidates.ts';
import { prognosticFeatures, propensityFeatures } from './covariates.ts';

export interface MatchedSet {
  treated: Candidate;
  controls: Candidate[];
}

export interface MatchResult {
  sets: MatchedSet[];
  unmatched: Candidate[];
  caliperWidth: number;
  propensityConverged: boolean;
}

/**
 * Fits the propensity model and returns each row's logit, in the order treated then
 * comparison. With many comparison rows the model is fitted on all treated rows and a
 * seeded random sample of `fitRows` comparison rows: sampling one outcome class only moves
 * the logistic intercept (Prentice & Pyke, Biometrika 1979;66:403–11), and matching uses
 * differences of logits, so the matches are those of the full fit up to sampling noise.
 */
export function propensityLogits(treated: Candidate[], comparison: Candidate[], seed = 1, fitRows = Infinity): { logits: number[]; converged: boolean } {
  const rows = [...treated, ...comparison];
  const ageBands = [...new Set(rows.map((r) => r.age_band))].sort();
  const standardised = standardiseColumns(rows.map((r) => propensityFeatures(r, ageBands)));
  const fitIndex = rows.map((_, i) => i);
  if (comparison.length > fitRows) {
    const draw = seededIndexSource(seed);
    const pool = comparison.map((_, i) => treated.length + i);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = draw(i + 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    fitIndex.length = treated.length;
    fitIndex.push(...pool.slice(0, fitRows).sort((a, b) => a - b));
  }
  const fit = fitLogistic(
    fitIndex.map((i) => standardised[i]),
    fitIndex.map((i) => (i < treated.length ? 1 : 0)),
  );
  return { logits: standardised.map((x) => fit.logit(x)), converged: fit.converged };
}

export interface MatchOptions {
  /** Comparison members per treated member (1:k). */
  k: number;
  /** Caliper in standard deviations of the logit propensity. */
  caliper: number;
  seed: number;
  /** Comparison rows used to fit the propensity model (default: 200,000 — all of them in most databases). */
  fitRows?: number;
}

/** Matches treated members to comparison candidates (see the module comment). */
export function matchCandidates(treated: Candidate[], comparison: Candidate[], options: MatchOptions): MatchResult {
  const { k, caliper, seed } = options;
  if (treated.length === 0 || comparison.length === 0) {
    return { sets: [], unmatched: [...treated], caliperWidth: NaN, propensityConverged: true };
  }
  const fitRows = options.fitRows ?? 200_000;
  const { logits, converged } = propensityLogits(treated, comparison, seed, fitRows);
  const caliperWidth = caliper * sd(logits);
  const stratumOf = exactStratum;

  const metric = mahalanobis([...treated, ...comparison].map(prognosticFeatures));
  const pools = new Map<string, PoolEntry[]>();
  comparison.forEach((row, i) => {
    const key = stratumOf(row);
    if (!pools.has(key)) pools.set(key, []);
    pools.get(key)!.push({ logit: logits[treated.length + i], row, x: prognosticFeatures(row) });
  });
  for (const pool of pools.values()) pool.sort((a, b) => a.logit - b.logit);

  const order = treated.map((row, i) => ({ row, logit: logits[i] })).sort((a, b) => b.logit - a.logit || cmp(a.row.person_id, b.row.person_id));
  const usedPersons = new Set<string>();
  const sets: MatchedSet[] = [];
  const unmatched: Candidate[] = [];
  for (const t of order) {
    const pool = pools.get(stratumOf(t.row)) ?? [];
    const controls: Candidate[] = [];
    const x = prognosticFeatures(t.row);
    for (let j = 0; j < k; j++) {
      const pick = nearestWithinCaliper(pool, t.logit, caliperWidth, usedPersons, (y) => metric(x, y));
      if (!pick) break;
      usedPersons.add(pick.person_id);
      controls.push(pick);
    }
    if (controls.length > 0) sets.push({ treated: t.row, controls });
    else unmatched.push(t.row);
  }
  sets.sort((a, b) => cmp(a.treated.month, b.treated.month) || cmp(a.treated.person_id, b.treated.person_id));
  return { sets, unmatched, caliperWidth, propensityConverged: converged };
}

/**
 * The exact-matching stratum of a candidate: calendar index month, discharged in the 45
 * days before, admissions in the 12 months before (0, 1, 2, 3, 4+), ED visits in the 6
 * months before (0, 1, 2, 3+) and heart failure — the history case-finding reads.
 */
export function exactStratum(c: Candidate): string {
  return [c.month, c.discharged_recently ? 1 : 0, Math.min(c.baseline_admissions, 4), Math.min(c.half_year_ed_visits, 3), c.has_heart_failure ? 1 : 0].join('|');
}

interface PoolEntry {
  logit: number;
  row: Candidate;
  x: number[];
}

/** Among unused pool entries within the caliper of `target` (pool sorted by logit), the one with the smallest distance. */
function nearestWithinCaliper(pool: PoolEntry[], target: number, width: number, used: Set<string>, distance: (x: number[]) => number): Candidate | null {
  let lo = 0;
  let hi = pool.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pool[mid].logit < target - width) lo = mid + 1;
    else hi = mid;
  }
  let best: PoolEntry | null = null;
  let bestDistance = Infinity;
  for (let i = lo; i < pool.length && pool[i].logit <= target + width; i++) {
    if (used.has(pool[i].row.person_id)) continue;
    const d = distance(pool[i].x) + Math.abs(pool[i].logit - target) * 1e-9;
    if (d < bestDistance) {
      bestDistance = d;
      best = pool[i];
    }
  }
  return best ? best.row : null;
}

/** Squared Mahalanobis distance with the pooled covariance of `rows` (a tiny ridge keeps it invertible when a column is constant). */
function mahalanobis(rows: number[][]): (a: number[], b: number[]) => number {
  const p = rows[0]?.length ?? 0;
  const n = rows.length;
  const mean = new Array<number>(p).fill(0);
  for (const r of rows) r.forEach((v, j) => (mean[j] += v / n));
  const cov = new Matrix(p, p);
  for (const r of rows) for (let j = 0; j < p; j++) for (let k = 0; k <= j; k++) cov.set(j, k, cov.get(j, k) + ((r[j] - mean[j]) * (r[k] - mean[k])) / Math.max(1, n - 1));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) cov.set(k, j, cov.get(j, k));
    cov.set(j, j, cov.get(j, j) + 1e-9);
  }
  const inv = inverse(cov).to2DArray();
  return (a, b) => {
    let d = 0;
    for (let j = 0; j < p; j++) {
      const dj = a[j] - b[j];
      for (let k = 0; k < p; k++) d += dj * inv[j][k] * (a[k] - b[k]);
    }
    return d;
  };
}

function standardiseColumns(rows: number[][]): number[][] {
  const p = rows[0]?.length ?? 0;
  const means = new Array<number>(p).fill(0);
  const sds = new Array<number>(p).fill(0);
  for (const r of rows) r.forEach((v, j) => (means[j] += v / rows.length));
  for (const r of rows) r.forEach((v, j) => (sds[j] += (v - means[j]) ** 2 / Math.max(1, rows.length - 1)));
  const keep = sds.map((s) => Math.sqrt(s) > 1e-12);
  return rows.map((r) => r.flatMap((v, j) => (keep[j] ? [(v - means[j]) / Math.sqrt(sds[j])] : [])));
}

function sd(values: number[]): number {
  const mean = values.reduce((a, v) => a + v, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length - 1));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
