/**
 * The monthly numbers of the control charts, read through the shared suppression. A chart
 * whose months or period total have a hidden cell is withheld whole for aggregate-only
 * roles: its centre line and limits would otherwise reveal the hidden months' denominators
 * and the sum of their numerators.
 */
import type { ControlChartMonth } from '../../evaluation/control-charts.ts';
import { monthsBetween, type Period } from '../period.ts';
import type { Slice } from '../queries/measures.ts';
import type { MeasureReader } from './index.ts';

export const chartIds = ['admissions', 'ed_visits', 'readmission_rate'] as const;
export type ChartId = (typeof chartIds)[number];

const chartColumns: Record<ChartId, readonly ['admissions' | 'ed_visits' | 'readmissions', 'member_months' | 'index_stays']> = {
  admissions: ['admissions', 'member_months'],
  ed_visits: ['ed_visits', 'member_months'],
  readmission_rate: ['readmissions', 'index_stays'],
};

export interface ChartMonths {
  rows: ControlChartMonth[];
  /** Charts withheld because a month or the total would be suppressed. */
  withheld: Record<ChartId, boolean>;
}

/** The period of YYYY-MM-DD dates as whole months. */
export function periodOfDates(from: string, to: string): Period {
  return { from: from.slice(0, 7), to: to.slice(0, 7), months: monthsBetween(from.slice(0, 7), to.slice(0, 7)) };
}

/** One cohort's months for the charts; with hidden cells, the affected charts are withheld and their months zeroed. */
export async function controlChartMonths(reader: MeasureReader, period: Period, slice: Slice, cohort: string): Promise<ChartMonths> {
  const months = (await reader.monthly(period, slice)).filter((r) => r.cohort === cohort);
  const totals = reader.policy ? (await reader.period(period, slice))[cohort] : null;
  const withheld = Object.fromEntries(
    chartIds.map((id) => [id, chartColumns[id].some((c) => months.some((m) => m[c] === null) || (totals != null && totals[c] === null))]),
  ) as Record<ChartId, boolean>;
  const rows = months.map((m) => ({
    month: m.month,
    member_months: m.member_months ?? 0,
    admissions: m.admissions ?? 0,
    ed_visits: m.ed_visits ?? 0,
    index_stays: m.index_stays ?? 0,
    readmissions: m.readmissions ?? 0,
  }));
  return { rows, withheld };
}
