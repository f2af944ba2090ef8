import { describe, expect, it } from 'vitest';
import { poissonInterval, poissonRate, wilsonInterval, zForLevel } from '../../server/stats/intervals.ts';

describe('exact Poisson (Garwood) interval', () => {
  // Garwood, Biometrika 1936;28:437–42, table of 95 % limits for a Poisson mean; the same
  // values are tabulated by Ulm, Am J Epidemiol 1990;131:373–5 and Sahai & Khurshid 1993.
  const table: [number, number, number][] = [
    [0, 0, 3.689],
    [1, 0.0253, 5.572],
    [2, 0.2422, 7.225],
    [3, 0.6187, 8.767],
    [5, 1.6235, 11.668],
    [10, 4.7954, 18.39],
    [20, 12.2165, 30.8884],
  ];
  it.each(table)('count %i → [%f, %f]', (k, low, high) => {
    const ci = poissonInterval(k);
    expect(ci.low).toBeCloseTo(low, 3);
    expect(ci.high).toBeCloseTo(high, 3);
  });

  it('scales to a rate per 1,000 member-years and is null over zero exposure', () => {
    // 10 admissions in 600 member months: 200 per 1,000 member-years, limits 12,000 × 4.7954/600 and 12,000 × 18.390/600.
    const rate = poissonRate(10, 600, 12000)!;
    expect(rate.estimate).toBeCloseTo(200, 10);
    expect(rate.low).toBeCloseTo(95.908, 2);
    expect(rate.high).toBeCloseTo(367.81, 1);
    expect(poissonRate(3, 0, 12000)).toBeNull();
    expect(poissonRate(0, 120, 12000)!.estimate).toBe(0);
  });

  it('rejects a non-integer count', () => {
    expect(() => poissonInterval(2.5)).toThrow(RangeError);
  });
});

describe('Wilson score interval', () => {
  // Newcombe, Stat Med 1998;17:857–72, Table I, method 3 (score, no continuity correction);
  // 29/29 checked by hand: (1 + z²/2n − z·√(z²/4n²)·n…) → n/(n + z²) = 29/32.8415 = 0.8830.
  const table: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ];
  it.each(table)('%i/%i → [%f, %f]', (x, n, low, high) => {
    const ci = wilsonInterval(x, n)!;
    expect(ci.estimate).toBeCloseTo(x / n, 12);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('is null with no trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
  });

  it('uses z = 1.959964 at 95 %', () => {
    expect(zForLevel(0.95)).toBeCloseTo(1.959964, 6);
  });
});
