/**
 * Attribute control charts with per-subgroup 3-sigma limits (Montgomery, "Introduction to
 * Statistical Quality Control", ch. 7):
 * - p-chart: p̄ = Σx/Σn, σᵢ = √(p̄(1−p̄)/nᵢ);
 * - u-chart: ū = Σc/Σn, σᵢ = √(ū/nᵢ);
 * and Laney's p′ and u′ charts (Laney, Quality Engineering 14:531–7, 2002) for large
 * denominators, where between-subgroup variation swamps the binomial/Poisson one:
 * zᵢ = (yᵢ − centre)/σᵢ, σ_z = mean |zᵢ − zᵢ₋₁| / 1.128, limits = centre ± 3·σᵢ·σ_z.
 * Lower limits are floored at 0 (and p-chart upper limits capped at 1). Subgroups with a
 * zero denominator are kept as points with a null value and no limits.
 */
import { specialCauses, type SignalRule } from './special-cause.ts';

export type ChartKind = 'p' | 'u';
export type LaneyChoice = 'auto' | 'always' | 'never';

export interface Subgroup {
  /** Label of the subgroup, e.g. the month `2024-03-01`. */
  label: string;
  /** Events (u) or "successes" (p). */
  numerator: number;
  /** Exposure (u) or trials (p). */
  denominator: number;
}

export interface ChartPoint {
  label: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when the denominator is 0. */
  value: number | null;
  centre: number;
  lcl: number | null;
  ucl: number | null;
  signals: SignalRule[];
}

export interface ControlChart {
  kind: ChartKind;
  /** True when Laney's prime chart was used. */
  laney: boolean;
  /** Laney's σ_z (1 when the classic chart is used). */
  sigmaZ: number;
  centre: number | null;
  sigmaMultiplier: number;
  points: ChartPoint[];
}

export interface ChartOptions {
  /** `auto` uses the prime chart when the median denominator is at least `largeDenominator`. */
  laney?: LaneyChoice;
  largeDenominator?: number;
  sigmaMultiplier?: number;
}

/** Laney's unbiasing constant d₂ for moving ranges of 2. */
const D2 = 1.128;
/** Default size above which a denominator is "large" for the `auto` Laney choice. */
export const LARGE_DENOMINATOR = 1000;

/** Builds a p-chart (or Laney p′) over subgroups of successes / trials. */
export function pChart(subgroups: Subgroup[], options: ChartOptions = {}): ControlChart {
  return attributeChart('p', subgroups, options);
}

/** Builds a u-chart (or Laney u′) over subgroups of events / exposure. */
export function uChart(subgroups: Subgroup[], options: ChartOptions = {}): ControlChart {
  return attributeChart('u', subgroups, options);
}

function attributeChart(kind: ChartKind, subgroups: Subgroup[], options: ChartOptions): ControlChart {
  const k = options.sigmaMultiplier ?? 3;
  const used = subgroups.filter((s) => s.denominator > 0);
  const totalN = used.reduce((a, s) => a + s.denominator, 0);
  const totalX = used.reduce((a, s) => a + s.numerator, 0);
  if (totalN === 0) {
    return { kind, laney: false, sigmaZ: 1, centre: null, sigmaMultiplier: k, points: subgroups.map((s) => emptyPoint(s)) };
  }
  const centre = totalX / totalN;
  const sigmaOf = (n: number) => (kind === 'p' ? Math.sqrt((centre * (1 - centre)) / n) : Math.sqrt(centre / n));
  const laney = useLaney(used, options);
  const sigmaZ = laney ? laneySigmaZ(used, centre, sigmaOf) : 1;
  const points: ChartPoint[] = subgroups.map((s) => {
    if (!(s.denominator > 0)) return { ...emptyPoint(s), centre };
    const half = k * sigmaOf(s.denominator) * sigmaZ;
    const ucl = kind === 'p' ? Math.min(1, centre + half) : centre + half;
    return { label: s.label, numerator: s.numerator, denominator: s.denominator, value: s.numerator / s.denominator, centre, lcl: Math.max(0, centre - half), ucl, signals: [] };
  });
  specialCauses(points).forEach((signals, i) => (points[i].signals = signals));
  return { kind, laney, sigmaZ, centre, sigmaMultiplier: k, points };
}

function emptyPoint(s: Subgroup): ChartPoint {
  return { label: s.label, numerator: s.numerator, denominator: s.denominator, value: null, centre: 0, lcl: null, ucl: null, signals: [] };
}

function useLaney(used: Subgroup[], options: ChartOptions): boolean {
  const choice = options.laney ?? 'auto';
  if (choice !== 'auto') return choice === 'always';
  if (used.length < 2) return false;
  const sizes = used.map((s) => s.denominator).sort((a, b) => a - b);
  const mid = sizes.length / 2;
  const median = sizes.length % 2 ? sizes[Math.floor(mid)] : (sizes[mid - 1] + sizes[mid]) / 2;
  return median >= (options.largeDenominator ?? LARGE_DENOMINATOR);
}

/** σ_z = average moving range of the z-scores / 1.128 (Laney 2002). */
export function laneySigmaZ(used: Subgroup[], centre: number, sigmaOf: (n: number) => number): number {
  if (used.length < 2) return 1;
  const z = used.map((s) => {
    const sigma = sigmaOf(s.denominator);
    return sigma > 0 ? (s.numerator / s.denominator - centre) / sigma : 0;
  });
  let sum = 0;
  for (let i = 1; i < z.length; i++) sum += Math.abs(z[i] - z[i - 1]);
  return sum / (z.length - 1) / D2;
}
