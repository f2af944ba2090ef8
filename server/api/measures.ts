/**
 * The rates the dashboard shows, each a ratio of two summed mart columns
 * (mart_measures_monthly). Nothing here decides what counts as an event: the marts did.
 */
import { poissonRate, wilsonInterval } from '../stats/intervals.ts';

export const measureIds = [
  'admissions_per_1000',
  'ed_visits_per_1000',
  'readmission_rate',
  'alos',
  'ed_treat_release_per_1000',
] as const;
export type MeasureId = (typeof measureIds)[number];

/** The four headline measures, in tile order. */
export const kpiMeasures: MeasureId[] = ['admissions_per_1000', 'ed_visits_per_1000', 'readmission_rate', 'alos'];

/** Summed columns of mart_measures_monthly. */
export type Sums = {
  member_months: number;
  admissions: number;
  bed_days: number;
  ed_visits: number;
  ed_treat_release: number;
  ed_leading_to_admission: number;
  index_stays: number;
  readmissions: number;
  paid_amount: number;
};
/** Sums where a hidden (suppressed) cell is null. */
export type MaybeSums = { [K in keyof Sums]: number | null };
export const sumColumns: (keyof Sums)[] = [
  'member_months', 'admissions', 'bed_days', 'ed_visits', 'ed_treat_release',
  'ed_leading_to_admission', 'index_stays', 'readmissions', 'paid_amount',
];

/** Which list of events lies behind a measure's numerator (drill-down). */
export type EventKind = 'admissions' | 'ed_visits' | 'readmissions';

export interface MeasureDef {
  id: MeasureId;
  label: string;
  /** Unit, in words. */
  unit: string;
  /** Short axis title. */
  axisTitle: string;
  numerator: keyof Sums;
  denominator: keyof Sums;
  numeratorLabel: string;
  denominatorLabel: string;
  /** value = scale × numerator / denominator */
  scale: number;
  interval: 'poisson' | 'wilson';
  /** d3 format for the value in charts. */
  format: string;
  events: EventKind;
}

export const measures: Record<MeasureId, MeasureDef> = {
  admissions_per_1000: {
    id: 'admissions_per_1000', label: 'Admissions per 1,000', unit: 'admissions per 1,000 member-years', axisTitle: 'per 1,000 member-years',
    numerator: 'admissions', denominator: 'member_months', numeratorLabel: 'Admissions', denominatorLabel: 'Member months',
    scale: 12000, interval: 'poisson', format: ',.1f', events: 'admissions',
  },
  ed_visits_per_1000: {
    id: 'ed_visits_per_1000', label: 'ED visits per 1,000', unit: 'ED visits per 1,000 member-years', axisTitle: 'per 1,000 member-years',
    numerator: 'ed_visits', denominator: 'member_months', numeratorLabel: 'ED visits', denominatorLabel: 'Member months',
    scale: 12000, interval: 'poisson', format: ',.1f', events: 'ed_visits',
  },
  readmission_rate: {
    id: 'readmission_rate', label: '30-day readmission rate', unit: '% of index stays', axisTitle: '% of index stays',
    numerator: 'readmissions', denominator: 'index_stays', numeratorLabel: 'Readmissions', denominatorLabel: 'Index stays',
    scale: 1, interval: 'wilson', format: '.1%', events: 'readmissions',
  },
  alos: {
    id: 'alos', label: 'Average length of stay', unit: 'days per admission', axisTitle: 'days per admission',
    numerator: 'bed_days', denominator: 'admissions', numeratorLabel: 'Bed days', denominatorLabel: 'Admissions',
    scale: 1, interval: 'poisson', format: ',.1f', events: 'admissions',
  },
  ed_treat_release_per_1000: {
    id: 'ed_treat_release_per_1000', label: 'Treat-and-release ED visits per 1,000', unit: 'ED visits per 1,000 member-years', axisTitle: 'per 1,000 member-years',
    numerator: 'ed_treat_release', denominator: 'member_months', numeratorLabel: 'Treat-and-release ED visits', denominatorLabel: 'Member months',
    scale: 12000, interval: 'poisson', format: ',.1f', events: 'ed_visits',
  },
};

export interface RateValue {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** null when suppressed (small-cell suppression). */
  numerator: number | null;
  denominator: number | null;
  /** True when the numerator or denominator is hidden, so the value and interval are too. */
  suppressed: boolean;
}

/** The measure's value and 95 % interval from summed mart columns; null when the denominator is 0 or either side is suppressed. */
export function rateOf(measure: MeasureDef, sums: MaybeSums): RateValue {
  const rawNumerator = sums[measure.numerator];
  const rawDenominator = sums[measure.denominator];
  if (rawNumerator === null || rawDenominator === null) {
    return { value: null, lower: null, upper: null, numerator: rawNumerator, denominator: rawDenominator, suppressed: true };
  }
  const numerator = Number(rawNumerator ?? 0);
  const denominator = Number(rawDenominator ?? 0);
  if (!(denominator > 0)) return { value: null, lower: null, upper: null, numerator, denominator, suppressed: false };
  const interval = measure.interval === 'wilson'
    ? wilsonInterval(numerator, denominator)
    : poissonRate(numerator, denominator, measure.scale);
  return {
    value: (measure.scale * numerator) / denominator,
    lower: interval?.low ?? null,
    upper: interval?.high ?? null,
    numerator,
    denominator,
    suppressed: false,
  };
}

/** Zero sums, for a cohort without rows. */
export function emptySums(): Sums {
  return Object.fromEntries(sumColumns.map((c) => [c, 0])) as unknown as Sums;
}
