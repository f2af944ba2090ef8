/**
 * Control-limit signal of a tile: whether the latest month with a value lies outside the
 * 3-sigma limits of a u-chart (rates) or p-chart (proportions) over the period's months
 * (server/stats/control-chart.ts).
 */
import { pChart, uChart } from '../stats/control-chart.ts';
import type { MaybeSums, MeasureDef } from './measures.ts';

export interface Signal {
  /** YYYY-MM-01 of the month that breaks a limit. */
  month: string;
  direction: 'above' | 'below';
}

/** The latest month's limit breach for one cohort's monthly sums, or null. Suppressed months are left out (nothing hidden feeds a signal). */
export function latestSignal(measure: MeasureDef, months: (MaybeSums & { month: string })[]): Signal | null {
  const shown = months.filter((m) => m[measure.numerator] !== null && m[measure.denominator] !== null);
  const subgroups = shown.map((m) => ({ label: m.month, numerator: Number(m[measure.numerator]), denominator: Number(m[measure.denominator]) }));
  if (subgroups.length < 3) return null;
  const chart = measure.interval === 'wilson' ? pChart(subgroups) : uChart(subgroups);
  const latest = [...chart.points].reverse().find((p) => p.value !== null);
  if (!latest || !latest.signals.includes('beyond_limits') || latest.value === null) return null;
  return { month: latest.label, direction: latest.ucl !== null && latest.value > latest.ucl ? 'above' : 'below' };
}
