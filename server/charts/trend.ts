/** Monthly trend of one measure per cohort (Overview), with numerator and denominator in the tooltip. */
import type { TopLevelSpec } from 'vega-lite';
import type { MeasureDef } from '../api/measures.ts';
import { baseConfig, cohortScale, type CohortId, cohortLabels } from './palette.ts';

export interface TrendPoint {
  /** First day of the month, YYYY-MM-DD. */
  month: string;
  cohort: CohortId;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** null when hidden by small-cell suppression. */
  numerator: number | null;
  denominator: number | null;
  suppressed?: boolean;
}

/** One row per month with a hidden cohort value, for the grey "hidden" band and its tooltip. */
export function suppressedMonths(points: TrendPoint[]): { month: string; hidden: string }[] {
  const byMonth = new Map<string, string[]>();
  for (const p of points) if (p.suppressed) byMonth.set(p.month, [...(byMonth.get(p.month) ?? []), cohortLabels[p.cohort]]);
  return [...byMonth].map(([month, cohorts]) => ({ month, hidden: `${cohorts.join(', ')}: <11, hidden to protect privacy` }));
}

/** A line per cohort over months; clicking a point selects (month, cohort) for drill-down. */
export function trendSpec(measure: MeasureDef, points: TrendPoint[], cohorts: CohortId[]): TopLevelSpec {
  const rows = points.map((p) => ({ ...p, cohortLabel: cohortLabels[p.cohort] }));
  const hidden = suppressedMonths(points);
  const drawn = points.some((p) => p.value !== null) || hidden.length === 0;
  const subtitle = hidden.length > 0
    ? `${measure.unit}, by month; shaded months have a value suppressed (<11).`
    : `${measure.unit}, by month. Click a point for the events behind it.`;
  const y = { field: 'value', type: 'quantitative' as const, title: measure.axisTitle, axis: { format: measure.format === '.1%' ? '.0%' : ',.0f' } };
  const color = { field: 'cohortLabel', type: 'nominal' as const, title: null, scale: cohortScale(cohorts) };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: measure.label, subtitle },
    width: 'container',
    height: 170,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: baseConfig,
    datasets: { trend: rows, hidden },
    data: { name: 'trend' },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', axis: { format: '%b %Y', labelAngle: 0, tickCount: 6 } },
    },
    layer: [
      ...(hidden.length === 0 ? [] : [{
        data: { name: 'hidden' },
        mark: { type: 'rect' as const, color: '#9e9e9e', opacity: 0.16, description: 'Months with a hidden value' },
        encoding: {
          tooltip: [
            { field: 'month', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, title: 'Month', format: '%b %Y' },
            { field: 'hidden', type: 'nominal' as const, title: 'Suppressed' },
          ],
        },
      }]),
      // Lines and points only when there is a value to draw: an empty mark container has no accessible name.
      ...(drawn ? [
      { mark: { type: 'line' as const, strokeWidth: 2, interpolate: 'linear', description: `${measure.label}, one line per cohort` }, encoding: { y, color } },
      {
        mark: { type: 'point' as const, filled: true, size: 40, cursor: 'pointer', description: `${measure.label} by month and cohort` },
        encoding: {
          y,
          color,
          tooltip: [
            { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', format: '%b %Y' },
            { field: 'cohortLabel', type: 'nominal', title: 'Cohort' },
            { field: 'value', type: 'quantitative', title: measure.label, format: measure.format },
            { field: 'lower', type: 'quantitative', title: '95 % interval from', format: measure.format },
            { field: 'upper', type: 'quantitative', title: '95 % interval to', format: measure.format },
            { field: 'numerator', type: 'quantitative', title: measure.numeratorLabel, format: ',d' },
            { field: 'denominator', type: 'quantitative', title: measure.denominatorLabel, format: ',d' },
          ],
        },
      },
      ] : []),
    ],
  } as TopLevelSpec;
}

/** A tiny line per cohort, no axes: the tile's sparkline. */
export function sparklineSpec(measure: MeasureDef, points: TrendPoint[], cohorts: CohortId[]): TopLevelSpec {
  const rows = points.map((p) => ({ ...p, cohortLabel: cohortLabels[p.cohort] }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${measure.label} by month, sparkline`,
    width: 'container',
    height: 32,
    autosize: { type: 'fit-x', contains: 'padding' },
    padding: 2,
    config: { ...baseConfig, axis: { ...baseConfig.axis, grid: false } },
    datasets: { spark: rows },
    data: { name: 'spark' },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', axis: null },
      y: { field: 'value', type: 'quantitative', axis: null, scale: { zero: false } },
      color: { field: 'cohortLabel', type: 'nominal', scale: cohortScale(cohorts), legend: null },
      tooltip: [
        { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', format: '%b %Y' },
        { field: 'cohortLabel', type: 'nominal', title: 'Cohort' },
        { field: 'value', type: 'quantitative', title: measure.label, format: measure.format },
        { field: 'numerator', type: 'quantitative', title: measure.numeratorLabel, format: ',d' },
        { field: 'denominator', type: 'quantitative', title: measure.denominatorLabel, format: ',d' },
      ],
    },
  };
}
