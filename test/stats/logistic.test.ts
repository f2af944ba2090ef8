import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../server/stats/logistic.ts';

describe('logistic regression (IRLS)', () => {
  // Challenger O-ring data (Dalal, Fowlkes & Hoadley, JASA 1989;84:945–57): launch
  // temperature (°F) and whether any O-ring showed thermal distress, 23 flights. The
  // published maximum-likelihood fit is logit p = 15.0429 − 0.2322·temp with standard
  // errors 7.3786 and 0.1082 (also in Agresti, Categorical Data Analysis, 2nd ed. §5.1).
  const temp = [66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78, 67, 53, 67, 75, 70, 81, 76, 79, 75, 76, 58];
  const failure = [0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1];
  const fit = fitLogistic(
    temp.map((t) => [t]),
    failure,
  );

  it('reproduces the published coefficients and standard errors', () => {
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(15.0429, 3);
    expect(fit.coefficients[1]).toBeCloseTo(-0.2322, 4);
    expect(fit.standardErrors[0]).toBeCloseTo(7.3786, 3);
    expect(fit.standardErrors[1]).toBeCloseTo(0.1082, 4);
    // Residual deviance 20.315 on 21 df (null deviance 28.267).
    expect(fit.deviance).toBeCloseTo(20.315, 2);
  });

  it('predicts the failure probability at 31 °F (≈ 0.9996)', () => {
    expect(fit.predict([31])).toBeCloseTo(0.99961, 4);
    expect(fit.logit([31])).toBeCloseTo(15.0429 - 0.23216 * 31, 2);
  });

  it('stays finite under complete separation and says it did not converge cleanly', () => {
    const sep = fitLogistic([[1], [2], [3], [4]], [0, 0, 1, 1]);
    expect(sep.predict([1])).toBeLessThan(0.01);
    expect(sep.predict([4])).toBeGreaterThan(0.99);
    expect(sep.coefficients.every(Number.isFinite)).toBe(true);
  });
});
