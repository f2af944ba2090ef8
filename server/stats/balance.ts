/**
 * Standardised mean differences for covariate balance (Austin, Stat Med 2009;28:3083–107):
 * continuous d = (x̄₁ − x̄₀)/√((s₁² + s₀²)/2), binary d = (p₁ − p₀)/√((p₁(1−p₁) + p₀(1−p₀))/2).
 * Weighted means and variances (for 1:k matching, controls weighted 1/k) follow Austin &
 * Stuart, Stat Med 2015;34:3661–79: s² = Σw/((Σw)² − Σw²) · Σw(x − x̄_w)².
 */

export interface WeightedSample {
  values: number[];
  /** One weight per value; all 1 when omitted. */
  weights?: number[];
}

export function weightedMean({ values, weights }: WeightedSample): number {
  let sw = 0;
  let swx = 0;
  values.forEach((x, i) => {
    const w = weights ? weights[i] : 1;
    sw += w;
    swx += w * x;
  });
  return sw > 0 ? swx / sw : NaN;
}

/** Unbiased (reliability-weighted) variance; the usual n−1 sample variance when weights are all 1. */
export function weightedVariance(sample: WeightedSample): number {
  const { values, weights } = sample;
  const mean = weightedMean(sample);
  let sw = 0;
  let sw2 = 0;
  let ss = 0;
  values.forEach((x, i) => {
    const w = weights ? weights[i] : 1;
    sw += w;
    sw2 += w * w;
    ss += w * (x - mean) ** 2;
  });
  const denominator = sw * sw - sw2;
  return denominator > 0 ? (sw / denominator) * ss : NaN;
}

/**
 * SMD of treated vs control. `binary` uses the proportion formula. `denominatorFrom`, when
 * given, supplies the samples whose spread scales the difference (the unmatched samples,
 * so that balance before and after matching is measured on one scale). Returns 0 when
 * both spreads are 0 and the means are equal, null when the means differ with no spread.
 */
export function standardisedMeanDifference(
  treated: WeightedSample,
  control: WeightedSample,
  binary = false,
  denominatorFrom?: { treated: WeightedSample; control: WeightedSample },
): number | null {
  const m1 = weightedMean(treated);
  const m0 = weightedMean(control);
  const scale = denominatorFrom ?? { treated, control };
  const v1 = binary ? proportionVariance(weightedMean(scale.treated)) : weightedVariance(scale.treated);
  const v0 = binary ? proportionVariance(weightedMean(scale.control)) : weightedVariance(scale.control);
  const sd = Math.sqrt((v1 + v0) / 2);
  if (!Number.isFinite(m1) || !Number.isFinite(m0)) return null;
  if (!(sd > 0)) return m1 === m0 ? 0 : null;
  return (m1 - m0) / sd;
}

const proportionVariance = (p: number) => p * (1 - p);
