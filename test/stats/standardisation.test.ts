import { describe, expect, it } from 'vitest';
import { indirectStandardise, referenceRates } from '../../server/stats/standardisation.ts';

describe('indirect standardisation', () => {
  // Hand example (method of Breslow & Day 1987, vol. II §2.3). Reference population by age
  // band: <65 20 events / 1,000 member months, 65–74 90 / 3,000, 75+ 90 / 1,500
  // (the 75+ band split over two rows: 60/1,000 and 30/500) → rates 0.02, 0.03, 0.06.
  const reference = [
    { stratum: '<65', events: 20, exposure: 1000 },
    { stratum: '65-74', events: 90, exposure: 3000 },
    { stratum: '75+', events: 60, exposure: 1000 },
    { stratum: '75+', events: 30, exposure: 500 },
  ];
  const rates = referenceRates(reference);

  it('pools reference strata into rates', () => {
    expect(rates.get('<65')).toBeCloseTo(0.02, 12);
    expect(rates.get('65-74')).toBeCloseTo(0.03, 12);
    expect(rates.get('75+')).toBeCloseTo(0.06, 12);
  });

  it('gives O/E with the exact Poisson interval of O divided by E', () => {
    // E = 100·0.02 + 50·0.03 + 25·0.06 = 2 + 1.5 + 1.5 = 5; O = 10 → O/E = 2.
    // Garwood 95 % limits for 10 are 4.7954 and 18.3904 → O/E interval 0.9591 to 3.6781.
    const result = indirectStandardise(
      [
        { stratum: '<65', events: 3, exposure: 100 },
        { stratum: '65-74', events: 4, exposure: 50 },
        { stratum: '75+', events: 3, exposure: 25 },
      ],
      rates,
    );
    expect(result.observed).toBe(10);
    expect(result.expected).toBeCloseTo(5, 12);
    expect(result.ratio!.estimate).toBeCloseTo(2, 12);
    expect(result.ratio!.low).toBeCloseTo(0.9591, 4);
    expect(result.ratio!.high).toBeCloseTo(3.6781, 4);
  });

  it('reports exposure in strata the reference lacks and a null ratio when E is 0', () => {
    const result = indirectStandardise([{ stratum: 'unknown', events: 1, exposure: 12 }], rates);
    expect(result.unmatchedExposure).toBe(12);
    expect(result.expected).toBe(0);
    expect(result.ratio).toBeNull();
  });
});
