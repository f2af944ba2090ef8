/** Managed vs unmanaged for the period: one small panel per measure, point and 95 % interval per cohort (Program). */
import type { TopLevelSpec } from 'vega-lite';
import type { MeasureDef } from '../api/measures.ts';
import { baseConfig, cohortScale, cohortLabels, type CohortId } from './palette.ts';

export interface ComparisonRow {
  cohort: CohortId;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** null when hidden by small-cell suppression. */
  numerator: number | null;
  denominator: number | null;
  suppressed?: boolean;
}

/** Panels side by side, each with its own axis in the measure's unit; a point's datum names its measure and cohort (drill-down). */
export function comparisonSpec(panels: { measure: MeasureDef; rows: ComparisonRow[] }[], cohorts: CohortId[], subtitle: string): TopLevelSpec {
  const datasets: Record<string, object[]> = {};
  panels.forEach(({ measure, rows }) => {
    datasets[measure.id] = rows.map((r) => ({ ...r, measure: measure.id, cohortLabel: cohortLabels[r.cohort], note: r.suppressed ? 'A count under 11 (or one that would reveal it) is hidden to protect privacy' : null }));
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Managed vs unmanaged', subtitle },
    config: baseConfig,
    datasets,
    spacing: 24,
    hconcat: panels.map(({ measure, rows }) => ({
      title: { text: measure.label, fontSize: 12 },
      width: 150,
      height: 120,
      data: { name: measure.id },
      encoding: {
        y: { field: 'cohortLabel', type: 'nominal', title: null, sort: cohorts.map((c) => cohortLabels[c]) },
        color: { field: 'cohortLabel', type: 'nominal', scale: cohortScale(cohorts), legend: null },
      },
      // Interval and point layers only when the panel has a value: an empty mark container has no accessible name.
      layer: [
        ...(!rows.some((r) => r.value !== null) && rows.some((r) => r.suppressed) ? [] : [{
          mark: { type: 'rule' as const, strokeWidth: 2, description: `${measure.label}: 95 % intervals` },
          encoding: {
            x: { field: 'lower', type: 'quantitative', title: measure.axisTitle, axis: { format: measure.format === '.1%' ? '.0%' : ',.0f' }, scale: { zero: true } },
            x2: { field: 'upper' },
          },
        },
        {
          mark: { type: 'point' as const, filled: true, size: 70, cursor: 'pointer', description: `${measure.label} by cohort` },
          encoding: {
            x: { field: 'value', type: 'quantitative' },
            tooltip: [
              { field: 'cohortLabel', type: 'nominal', title: 'Cohort' },
              { field: 'value', type: 'quantitative', title: measure.label, format: measure.format },
              { field: 'lower', type: 'quantitative', title: '95 % interval from', format: measure.format },
              { field: 'upper', type: 'quantitative', title: '95 % interval to', format: measure.format },
              { field: 'numerator', type: 'quantitative', title: measure.numeratorLabel, format: ',d' },
              { field: 'denominator', type: 'quantitative', title: measure.denominatorLabel, format: ',d' },
            ],
          },
        }]),
        ...(!rows.some((r) => r.suppressed) ? [] : [{
          transform: [{ filter: 'datum.suppressed' }],
          mark: { type: 'text' as const, text: '<11 (suppressed)', align: 'left' as const, fontSize: 10, color: '#555555', description: 'Suppressed values' },
          encoding: {
            x: { value: 2 },
            color: { value: '#555555' },
            tooltip: [
              { field: 'cohortLabel', type: 'nominal' as const, title: 'Cohort' },
              { field: 'note', type: 'nominal' as const, title: 'Suppressed' },
            ],
          },
        }]),
      ],
    })),
  } as TopLevelSpec;
}
