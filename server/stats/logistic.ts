/**
 * Binary logistic regression by maximum likelihood, fitted by iteratively reweighted least
 * squares (Newton–Raphson for the canonical logit link; McCullagh & Nelder, "Generalized
 * Linear Models", 2nd ed., §4.4), with step halving when the deviance rises and R's glm
 * convergence rule |Δdeviance|/(|deviance| + 0.1) < 1e-8.
 *
 * Why hand-rolled on ml-matrix: the maintained npm package for this,
 * `ml-logistic-regression` (2.0.0), fits by a fixed number of gradient-descent steps with a
 * fixed learning rate — no convergence check, sensitive to covariate scale, and no
 * standard errors — so it does not give the maximum-likelihood fit. The linear algebra
 * (Cholesky solve, inverse for the covariance) comes from `ml-matrix`.
 */
import { CholeskyDecomposition, Matrix, inverse } from 'ml-matrix';

export interface LogisticFit {
  /** Intercept first, then one coefficient per covariate column. */
  coefficients: number[];
  /** Standard errors from the inverse Fisher information (NaN if it is singular). */
  standardErrors: number[];
  deviance: number;
  iterations: number;
  converged: boolean;
  /** Linear predictor (log odds) for a row of covariates. */
  logit(row: number[]): number;
  /** Fitted probability for a row of covariates. */
  predict(row: number[]): number;
}

export interface LogisticOptions {
  maxIterations?: number;
  tolerance?: number;
}

/** Fits P(y = 1 | x) = 1 / (1 + exp(−(β₀ + xβ))). `x` is n rows of covariates (no intercept column); `y` is 0/1. */
export function fitLogistic(x: number[][], y: number[], options: LogisticOptions = {}): LogisticFit {
  const n = x.length;
  if (n === 0 || y.length !== n) throw new RangeError('fitLogistic needs as many outcomes as rows, and at least one row');
  const p = x[0].length + 1;
  const maxIterations = options.maxIterations ?? 25;
  const tolerance = options.tolerance ?? 1e-8;
  // Row-major design matrix with the intercept column first.
  const design = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    design[i * p] = 1;
    for (let j = 1; j < p; j++) design[i * p + j] = x[i][j - 1];
  }

  let beta = new Array<number>(p).fill(0);
  let deviance = devianceOf(beta);
  let converged = false;
  let iterations = 0;

  for (; iterations < maxIterations && !converged; iterations++) {
    const { info, score } = informationAndScore(beta);
    const step = solveSymmetric(info, score);
    let candidate = beta.map((b, j) => b + step[j]);
    let candidateDeviance = devianceOf(candidate);
    for (let halving = 0; halving < 30 && !(candidateDeviance <= deviance); halving++) {
      candidate = beta.map((b, j) => (b + candidate[j]) / 2);
      candidateDeviance = devianceOf(candidate);
    }
    converged = Math.abs(candidateDeviance - deviance) / (Math.abs(candidateDeviance) + 0.1) < tolerance;
    beta = candidate;
    deviance = candidateDeviance;
  }
  const standardErrors = covarianceDiagonal(informationAndScore(beta).info);
  const logit = (row: number[]) => beta[0] + row.reduce((a, v, j) => a + v * beta[j + 1], 0);
  return { coefficients: beta, standardErrors, deviance, iterations, converged, logit, predict: (row) => sigmoid(logit(row)) };

  function linear(b: number[], i: number): number {
    let eta = 0;
    const offset = i * p;
    for (let j = 0; j < p; j++) eta += b[j] * design[offset + j];
    return eta;
  }

  function devianceOf(b: number[]): number {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const eta = linear(b, i);
      // −2·log-likelihood, written to stay finite for large |eta|: log(1 + e^eta) − y·eta.
      d += 2 * (softplus(eta) - y[i] * eta);
    }
    return d;
  }

  function informationAndScore(b: number[]): { info: Matrix; score: number[] } {
    const acc = new Float64Array(p * p);
    const score = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const offset = i * p;
      const mu = sigmoid(linear(b, i));
      const w = mu * (1 - mu);
      const r = y[i] - mu;
      for (let j = 0; j < p; j++) {
        const xj = design[offset + j];
        score[j] += xj * r;
        const wxj = w * xj;
        const rowStart = j * p;
        for (let k = 0; k <= j; k++) acc[rowStart + k] += wxj * design[offset + k];
      }
    }
    const info = new Matrix(p, p);
    for (let j = 0; j < p; j++) {
      for (let k = 0; k <= j; k++) {
        info.set(j, k, acc[j * p + k]);
        info.set(k, j, acc[j * p + k]);
      }
    }
    return { info, score };
  }
}

function solveSymmetric(a: Matrix, b: number[]): number[] {
  let chol = new CholeskyDecomposition(a);
  if (!chol.isPositiveDefinite()) {
    // Separation or a constant covariate: a tiny ridge keeps the Newton step defined.
    const ridge = a.clone();
    const bump = 1e-8 * Math.max(1, a.trace() / a.rows);
    for (let j = 0; j < a.rows; j++) ridge.set(j, j, ridge.get(j, j) + bump);
    chol = new CholeskyDecomposition(ridge);
  }
  return chol.solve(Matrix.columnVector(b)).to1DArray();
}

function covarianceDiagonal(info: Matrix): number[] {
  try {
    const inv = inverse(info);
    return Array.from({ length: info.rows }, (_, j) => Math.sqrt(inv.get(j, j)));
  } catch {
    return new Array<number>(info.rows).fill(NaN);
  }
}

export function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}
