import { describe, expect, it } from 'vitest';
import { pChart, uChart, type Subgroup } from '../../server/stats/control-chart.ts';
import { specialCauses } from '../../server/stats/special-cause.ts';

const subgroups = (nums: number[], dens: number[] | number): Subgroup[] =>
  nums.map((x, i) => ({ label: String(i + 1), numerator: x, denominator: Array.isArray(dens) ? dens[i] : dens }));

describe('p-chart', () => {
  // Montgomery, Introduction to Statistical Quality Control (6th ed.), Example 7.1: frozen
  // orange juice cans, 30 samples of n = 50. p̄ = 347/1500 = 0.2313,
  // UCL = 0.2313 + 3√(0.2313·0.7687/50) = 0.4102, LCL = 0.0524; samples 15 and 23 are out.
  const defectives = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6];
  const chart = pChart(subgroups(defectives, 50));

  it('reproduces the centre line and limits', () => {
    expect(chart.kind).toBe('p');
    expect(chart.laney).toBe(false);
    expect(chart.centre).toBeCloseTo(0.2313, 4);
    expect(chart.points[0].ucl).toBeCloseTo(0.4102, 4);
    expect(chart.points[0].lcl).toBeCloseTo(0.0524, 4);
  });

  it('flags samples 15 and 23 beyond the upper limit, and nothing else beyond limits', () => {
    const beyond = chart.points.filter((p) => p.signals.includes('beyond_limits')).map((p) => p.label);
    expect(beyond).toEqual(['15', '23']);
  });
});

describe('u-chart', () => {
  // Montgomery (6th ed.), Example 7.5: nonconformities in 20 samples of 5 personal computers.
  // ū = 193/100 = 1.93, UCL = 1.93 + 3√(1.93/5) = 3.79, LCL = 0.07.
  it('reproduces the constant-size example', () => {
    const c = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5];
    const chart = uChart(subgroups(c, 5));
    expect(chart.centre).toBeCloseTo(1.93, 10);
    expect(chart.points[3].ucl).toBeCloseTo(3.7939, 4);
    expect(chart.points[3].lcl).toBeCloseTo(0.0661, 4);
    expect(chart.points.every((p) => p.signals.length === 0)).toBe(true);
  });

  // Montgomery (6th ed.), Example 7.6 / Table 7.10: dyed cloth, nonconformities per 50 m²
  // inspection unit, 10 rolls of varying size. ū = 153/107.5 = 1.42; for a roll of 10 units
  // UCL = 1.42 + 3√(1.42/10) = 2.55 and LCL = 0.29; for 8 units 2.69 and 0.16.
  it('reproduces per-subgroup limits for varying sizes', () => {
    const units = [10, 8, 13, 10, 9.5, 10, 12, 10.5, 12, 12.5];
    const c = [14, 12, 20, 11, 7, 10, 21, 16, 19, 23];
    const chart = uChart(subgroups(c, units));
    expect(chart.centre).toBeCloseTo(1.4233, 4);
    expect(chart.points[0].ucl).toBeCloseTo(2.555, 3);
    expect(chart.points[0].lcl).toBeCloseTo(0.2915, 3);
    expect(chart.points[1].ucl).toBeCloseTo(2.6886, 3);
    expect(chart.points[1].lcl).toBeCloseTo(0.1579, 3);
    expect(chart.points.every((p) => p.signals.length === 0)).toBe(true);
  });

  it('leaves a zero-exposure month as a point without value or limits', () => {
    const chart = uChart([
      { label: 'a', numerator: 2, denominator: 4 },
      { label: 'b', numerator: 0, denominator: 0 },
      { label: 'c', numerator: 2, denominator: 4 },
    ]);
    expect(chart.centre).toBe(0.5);
    expect(chart.points[1]).toMatchObject({ value: null, lcl: null, ucl: null, signals: [] });
  });
});

describe("Laney p′ and u′", () => {
  // Laney, Quality Engineering 2002;14:531–7: zᵢ = (pᵢ − p̄)/σ_pᵢ, σ_z = MR̄/1.128,
  // limits p̄ ± 3σ_pᵢσ_z. Hand computation for three large subgroups:
  // x = 100, 150, 110 of n = 1000, 1000, 2000 → p̄ = 360/4000 = 0.09;
  // σ_p(1000) = √(0.09·0.91/1000) = 0.0090499, σ_p(2000) = 0.0063994;
  // z = 1.10499, 6.62994, −5.46942; MR = 5.52495, 12.09935; MR̄ = 8.81215; σ_z = 7.81219;
  // UCL(1000) = 0.09 + 3·0.0090499·7.81219 = 0.30210, LCL = 0 (floored).
  const groups = subgroups([100, 150, 110], [1000, 1000, 2000]);

  it('computes σ_z from the moving range of z-scores', () => {
    const chart = pChart(groups, { laney: 'always' });
    expect(chart.laney).toBe(true);
    expect(chart.centre).toBeCloseTo(0.09, 12);
    expect(chart.sigmaZ).toBeCloseTo(7.81219, 4);
    expect(chart.points[0].ucl).toBeCloseTo(0.3021, 4);
    expect(chart.points[0].lcl).toBe(0);
  });

  it('is chosen automatically when the median denominator is large', () => {
    expect(pChart(groups).laney).toBe(true);
    expect(pChart(subgroups([1, 2, 3], [50, 50, 50])).laney).toBe(false);
    expect(pChart(groups, { laney: 'never' }).sigmaZ).toBe(1);
  });

  it("turns the classic chart's false alarms into common-cause variation (u′)", () => {
    // Monthly admissions over ~20,000 member months with modest month-to-month variation:
    // the classic u-chart limits are too narrow; u′ widens them by σ_z.
    const counts = [330, 362, 318, 371, 345, 309, 356, 377, 322, 340, 366, 314];
    const mm = counts.map(() => 20000);
    const classic = uChart(subgroups(counts, mm), { laney: 'never' });
    const prime = uChart(subgroups(counts, mm));
    expect(prime.laney).toBe(true);
    expect(prime.sigmaZ).toBeGreaterThan(1);
    const widthRatio = (prime.points[0].ucl! - prime.centre!) / (classic.points[0].ucl! - classic.centre!);
    expect(widthRatio).toBeCloseTo(prime.sigmaZ, 10);
  });
});

describe('special-cause rules', () => {
  const flat = (values: number[]) => values.map((value) => ({ value, centre: 10, lcl: 5, ucl: 15 }));

  it('flags 8 consecutive points on one side, not 7', () => {
    const eight = specialCauses(flat([9, 11, 11, 11, 11, 11, 11, 11, 11, 9]));
    expect(eight.map((s) => s.includes('run_of_8'))).toEqual([false, true, true, true, true, true, true, true, true, false]);
    const seven = specialCauses(flat([9, 11, 11, 11, 11, 11, 11, 11, 9]));
    expect(seven.some((s) => s.length > 0)).toBe(false);
  });

  it('lets a point on the centre line neither extend nor break a run', () => {
    const signals = specialCauses(flat([11, 11, 11, 11, 10, 11, 11, 11, 11]));
    expect(signals.filter((s) => s.includes('run_of_8'))).toHaveLength(8);
    expect(signals[4]).toEqual([]);
  });

  it('flags points beyond either limit but not on it', () => {
    const signals = specialCauses(flat([15, 15.01, 5, 4.99]));
    expect(signals).toEqual([[], ['beyond_limits'], [], ['beyond_limits']]);
  });
});
