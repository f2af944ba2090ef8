/**
 * Seeded random streams for the generator. Every member draws from its own named streams
 * (xoroshiro128+ from pure-rand, state derived by hashing seed, member and stream), so a
 * member's data never depends on how many members came before it or on the batch size,
 * and the counterfactual world can replay exactly the same draws.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Named streams of one member; the numbers are part of the determinism contract. */
export const Stream = {
  person: 1,
  admissionThresholds: 2,
  admissionDetails: 3,
  ed: 4,
  program: 5,
  episodeClaims: 6,
  messRender: 7,
  providers: 8,
  edClaims: 9,
  officeVisits: 10,
  labs: 11,
  wellness: 12,
  careManagement: 13,
  messInjection: 14,
} as const;

const TWO_32 = 4294967296;

function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A table for weighted picks: cumulative weights, built once. */
export interface Weighted<T> {
  items: T[];
  cumulative: Float64Array;
  total: number;
}

/** Builds a weighted table from `[item, weight]` pairs (weights need not sum to 1). */
export function weighted<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
  const cumulative = new Float64Array(pairs.length);
  let total = 0;
  pairs.forEach(([, w], i) => {
    total += w;
    cumulative[i] = total;
  });
  return { items: pairs.map(([item]) => item), cumulative, total };
}

/** A seeded random stream with the distributions the generator needs. */
export class Rng {
  private spareNormal: number | null = null;

  private constructor(private readonly gen: RandomGenerator) {}

  /** The stream `stream` of member `member` (use -1 for population-level streams) under `seed`. */
  static of(seed: number, member: number, stream: number): Rng {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_32) >>> 0;
    let h = mix32(lo ^ 0x9e3779b9);
    h = mix32(h ^ hi ^ 0x85ebca6b);
    h = mix32((h + Math.imul(member + 1, 0x27d4eb2f)) >>> 0);
    h = mix32((h + Math.imul(stream, 0x165667b1)) >>> 0);
    const state: number[] = [mix32(h + 1) | 0, mix32(h + 2) | 0, mix32(h + 3) | 0, mix32(h + 4) | 0];
    if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** Uniform in the open interval (0, 1), 32-bit resolution. */
  uniform(): number {
    return ((this.gen.next() >>> 0) + 0.5) / TWO_32;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + this.uniform() * (hi - lo);
  }

  /** Standard exponential (mean 1). */
  exponential(): number {
    return -Math.log(this.uniform());
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Log-normal with the given arithmetic mean and log-scale sigma. */
  logNormalMean(mean: number, sigma: number): number {
    return mean * Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  /** Gamma with the given shape and mean (Marsaglia–Tsang; boosted for shape < 1). */
  gamma(shape: number, mean = shape): number {
    const scale = mean / shape;
    if (shape < 1) return this.gamma(shape + 1, shape + 1) * Math.pow(this.uniform(), 1 / shape) * scale;
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** Poisson count with the given mean. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)];
  }

  /** One element of a weighted table. */
  weighted<T>(table: Weighted<T>): T {
    const target = this.uniform() * table.total;
    const cum = table.cumulative;
    let i = 0;
    while (i < cum.length - 1 && cum[i] <= target) i++;
    return table.items[i];
  }
}
