/**
 * Confidence intervals for counts, rates and proportions (MEASURES.md §7): exact Poisson
 * (Garwood 1936) for counts per member-time, Wilson (1927) score for proportions.
 * Quantiles come from @stdlib.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export interface Interval {
  low: number;
  high: number;
}

export interface Estimate extends Interval {
  estimate: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/**
 * Exact (Garwood) interval for the mean of a Poisson count `k`:
 * low = χ²(α/2; 2k)/2 (0 when k = 0), high = χ²(1−α/2; 2k+2)/2.
 */
export function poissonInterval(count: number, level = 0.95): Interval {
  checkLevel(level);
  if (!(count >= 0) || !Number.isInteger(count)) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  const alpha = 1 - level;
  return {
    low: count === 0 ? 0 : chisquareQuantile(alpha / 2, 2 * count) / 2,
    high: chisquareQuantile(1 - alpha / 2, 2 * count + 2) / 2,
  };
}

/**
 * Rate `scale × events / exposure` with its exact Poisson interval; null when the exposure
 * is 0 (MEASURES.md §7: a rate over a zero denominator is null). Per 1,000 member-years
 * from member months: `scale = 12000`.
 */
export function poissonRate(events: number, exposure: number, scale = 1, level = 0.95): Estimate | null {
  if (!(exposure > 0)) return null;
  const { low, high } = poissonInterval(events, level);
  return { estimate: (scale * events) / exposure, low: (scale * low) / exposure, high: (scale * high) / exposure };
}

/**
 * Wilson score interval for `successes / trials`; null when there are no trials.
 * centre = (p + z²/2n)/(1 + z²/n), half-width = z/(1 + z²/n)·√(p(1−p)/n + z²/4n²).
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): Estimate | null {
  checkLevel(level);
  if (!(trials > 0)) return null;
  if (successes < 0 || successes > trials) throw new RangeError(`successes must be within 0..${trials}, got ${successes}`);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Two-sided standard normal quantile for a confidence level (1.959964 for 95 %). */
export function zForLevel(level = 0.95): number {
  checkLevel(level);
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}
