/**
 * Indirect standardisation (Breslow & Day, "Statistical Methods in Cancer Research" vol. II,
 * 1987, §2.3): a study group's expected events are the reference population's
 * stratum-specific rates applied to the group's exposure in each stratum,
 * E = Σₛ nₛ·rₛ with rₛ = Oₛ(ref)/nₛ(ref); O/E has the exact interval of the Poisson
 * count O divided by E (Garwood limits; E treated as fixed).
 */
import { poissonInterval, type Estimate } from './intervals.ts';

export interface StratumCount {
  stratum: string;
  events: number;
  exposure: number;
}

export interface IndirectStandardisation {
  observed: number;
  expected: number;
  exposure: number;
  /** O/E with its exact interval; null when E is 0. */
  ratio: Estimate | null;
  /** Strata of the study group missing from the reference (their exposure adds nothing to E). */
  unmatchedExposure: number;
}

/** Stratum-specific rates of a reference population: events / exposure (strata with no exposure are left out). */
export function referenceRates(reference: StratumCount[]): Map<string, number> {
  const totals = new Map<string, { events: number; exposure: number }>();
  for (const r of reference) {
    const t = totals.get(r.stratum) ?? { events: 0, exposure: 0 };
    t.events += r.events;
    t.exposure += r.exposure;
    totals.set(r.stratum, t);
  }
  const rates = new Map<string, number>();
  for (const [stratum, t] of totals) if (t.exposure > 0) rates.set(stratum, t.events / t.exposure);
  return rates;
}

/** Observed and expected events of `study` against the reference rates, with O/E and its exact interval. */
export function indirectStandardise(study: StratumCount[], rates: Map<string, number>, level = 0.95): IndirectStandardisation {
  let observed = 0;
  let expected = 0;
  let exposure = 0;
  let unmatchedExposure = 0;
  for (const s of study) {
    observed += s.events;
    exposure += s.exposure;
    const rate = rates.get(s.stratum);
    if (rate === undefined) unmatchedExposure += s.exposure;
    else expected += s.exposure * rate;
  }
  let ratio: Estimate | null = null;
  if (expected > 0) {
    const { low, high } = poissonInterval(observed, level);
    ratio = { estimate: observed / expected, low: low / expected, high: high / expected };
  }
  return { observed, expected, exposure, ratio, unmatchedExposure };
}
