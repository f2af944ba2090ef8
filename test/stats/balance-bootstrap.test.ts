import { describe, expect, it } from 'vitest';
import { standardisedMeanDifference, weightedVariance } from '../../server/stats/balance.ts';
import { bootstrap, percentileInterval, quantile, standardDeviation } from '../../server/stats/bootstrap.ts';

describe('standardised mean difference (Austin 2009)', () => {
  it('continuous: hand example', () => {
    // treated 1,2,3 (mean 2, s² 1); control 2,3,4,5 (mean 3.5, s² 1.6667)
    // d = (2 − 3.5)/√((1 + 1.6667)/2) = −1.5/1.15470 = −1.29904
    expect(standardisedMeanDifference({ values: [1, 2, 3] }, { values: [2, 3, 4, 5] })).toBeCloseTo(-1.29904, 5);
  });

  it('binary: hand example', () => {
    // p₁ = 0.5, p₀ = 0.25 → d = 0.25/√((0.25 + 0.1875)/2) = 0.25/0.46771 = 0.53452
    expect(standardisedMeanDifference({ values: [1, 0, 1, 0] }, { values: [1, 0, 0, 0] }, true)).toBeCloseTo(0.53452, 5);
  });

  it('weights controls (1:k matching) and can keep the unmatched scale', () => {
    // Controls 0 (weight 0.5) and 4 (weight 0.5) have weighted mean 2, treated 2 → d = 0.
    expect(standardisedMeanDifference({ values: [2, 2] }, { values: [0, 4], weights: [0.5, 0.5] })).toBe(0);
    // Unit weights reduce the weighted variance to the ordinary n−1 variance.
    expect(weightedVariance({ values: [2, 3, 4, 5], weights: [1, 1, 1, 1] })).toBeCloseTo(5 / 3, 12);
    const scale = { treated: { values: [1, 2, 3] }, control: { values: [2, 3, 4, 5] } };
    expect(standardisedMeanDifference({ values: [3] }, { values: [2] }, false, scale)).toBeCloseTo(1 / 1.1547, 4);
  });

  it('is 0 for identical constants and null for different constants', () => {
    expect(standardisedMeanDifference({ values: [1, 1] }, { values: [1, 1] })).toBe(0);
    expect(standardisedMeanDifference({ values: [1, 1] }, { values: [2, 2] })).toBeNull();
  });
});

describe('seeded bootstrap', () => {
  // Law school data (Efron & Tibshirani, An Introduction to the Bootstrap, 1993, Table 3.1):
  // correlation of LSAT and GPA in 15 schools is 0.776; its bootstrap standard error is
  // about 0.13 (E&T report 0.131–0.132 for B = 800–3200; normal theory gives 0.115).
  const lsat = [576, 635, 558, 578, 666, 580, 555, 661, 651, 605, 653, 575, 545, 572, 594];
  const gpa = [3.39, 3.3, 2.81, 3.03, 3.44, 3.07, 3.0, 3.43, 3.36, 3.13, 3.12, 2.74, 2.76, 2.88, 2.96];
  const correlation = (idx: ArrayLike<number>) => {
    const n = idx.length;
    let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (let k = 0; k < n; k++) {
      const x = lsat[idx[k]], y = gpa[idx[k]];
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
    }
    return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  };

  it('reproduces the law-school correlation and its bootstrap standard error', () => {
    expect(correlation(lsat.map((_, i) => i))).toBeCloseTo(0.776, 3);
    const reps = bootstrap(15, (idx) => [correlation(idx)], { replicates: 2000, seed: 7 }).map((r) => r[0]);
    const se = standardDeviation(reps);
    expect(se).toBeGreaterThan(0.115);
    expect(se).toBeLessThan(0.15);
    const ci = percentileInterval(reps);
    expect(ci.low).toBeGreaterThan(0.38);
    expect(ci.low).toBeLessThan(0.55);
    expect(ci.high).toBeGreaterThan(0.93);
    expect(ci.high).toBeLessThanOrEqual(1);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const stat = (idx: Uint32Array) => [idx.reduce((a, i) => a + lsat[i], 0)];
    const a = bootstrap(15, stat, { replicates: 50, seed: 3 });
    const b = bootstrap(15, stat, { replicates: 50, seed: 3 });
    const c = bootstrap(15, stat, { replicates: 50, seed: 4 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('reads quantiles like R type 7', () => {
    // quantile(c(1, 2, 3, 4), 0.25) = 1.75 in R
    expect(quantile([4, 1, 3, 2], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([5], 0.9)).toBe(5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});
