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
  numerator: number;
  denominator: number;
}

/** A line per cohort over months; clicking a point selects (month, cohort) for drill-down. */
export function trendSpec(measure: MeasureDef, points: TrendPoint[], cohorts: CohortId[]): TopLevelSpec {
  const rows = points.map((p) => ({ ...p, cohortLabel: cohortLabels[p.cohort] }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: measure.label, subtitle: `${measure.unit}, by month. Click a point for the events behind it.` },
    width: 'container',
    height: 170,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: baseConfig,
    datasets: { trend: rows },
    data: { name: 'trend' },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', axis: { format: '%b %Y', labelAngle: 0, tickCount: 6 } },
      y: { field: 'value', type: 'quantitative', title: measure.axisTitle, axis: { format: measure.format === '.1%' ? '.0%' : ',.0f' } },
      color: { field: 'cohortLabel', type: 'nominal', title: null, scale: cohortScale(cohorts) },
    },
    layer: [
      { mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' } },
      {
        mark: { type: 'point', filled: true, size: 40, cursor: 'pointer' },
        encoding: {
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
    ],
  };
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
