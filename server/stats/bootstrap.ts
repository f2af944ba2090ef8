/**
 * Seeded nonparametric bootstrap (Efron & Tibshirani, "An Introduction to the Bootstrap",
 * 1993): resample units with replacement, recompute the statistic, and read percentile
 * intervals off the replicates. The generator is xoroshiro128+ from `pure-rand`, so the
 * same seed gives the same replicates on every machine.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Interval } from './intervals.ts';

export interface BootstrapOptions {
  replicates: number;
  seed: number;
}

/** A seeded source of integers in [0, n). */
export function seededIndexSource(seed: number): (n: number) => number {
  const rng = xoroshiro128plus(seed | 0);
  return (n: number) => uniformInt(rng, 0, n - 1);
}

/**
 * Runs `statistic` on `replicates` resamples of `units` unit indices (each replicate draws
 * `units` indices with replacement). The statistic returns a vector, so several estimates
 * that share a resample (e.g. admissions and ED visits) stay jointly consistent.
 * Returns one row per replicate.
 */
export function bootstrap(units: number, statistic: (indices: Uint32Array) => number[], options: BootstrapOptions): number[][] {
  if (!(units > 0)) throw new RangeError('bootstrap needs at least one unit');
  const draw = seededIndexSource(options.seed);
  const out: number[][] = [];
  const indices = new Uint32Array(units);
  for (let r = 0; r < options.replicates; r++) {
    for (let i = 0; i < units; i++) indices[i] = draw(units);
    out.push(statistic(indices));
  }
  return out;
}

/**
 * Quantile of a sample by linear interpolation between order statistics (Hyndman & Fan
 * 1996 type 7, R's default). Non-finite values are dropped; NaN when none is left.
 */
export function quantile(values: number[], prob: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Percentile interval of bootstrap replicates at the given confidence level. */
export function percentileInterval(values: number[], level = 0.95): Interval {
  const alpha = 1 - level;
  return { low: quantile(values, alpha / 2), high: quantile(values, 1 - alpha / 2) };
}

/** Sample standard deviation (n − 1) of the finite values; the bootstrap standard error of replicates. */
export function standardDeviation(values: number[]): number {
  const v = values.filter(Number.isFinite);
  if (v.length < 2) return NaN;
  const mean = v.reduce((a, x) => a + x, 0) / v.length;
  return Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1));
}
