/** Enrolled members before vs after enrolment (mart_program_pre_post): rate by month relative to enrolment. */
import type { TopLevelSpec } from 'vega-lite';
import { baseConfig, cohortColours, inkColour } from './palette.ts';

export interface PrePostPoint {
  relative_month: number;
  measure: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** null when hidden by small-cell suppression. */
  numerator: number | null;
  member_months: number | null;
  members: number | null;
}

/** One panel per measure: the managed colour, an interval band, and a rule at the enrolment month. */
export function prePostSpec(panels: { id: string; label: string; unit: string; numeratorLabel: string; points: PrePostPoint[] }[], program: string): TopLevelSpec {
  const datasets: Record<string, object[]> = { enrolment: [{ relative_month: 0, label: 'Enrolment' }] };
  panels.forEach((p) => (datasets[p.id] = p.points));
  const hidden = [...new Set(panels.flatMap((p) => p.points.filter((x) => x.value === null && (x.numerator === null || x.member_months === null)).map((x) => x.relative_month)))];
  datasets.hidden = hidden.map((m) => ({ from: m - 0.5, to: m + 0.5, relative_month: m, note: '<11, hidden to protect privacy' }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Before vs after enrolment', subtitle: `${program === 'all' ? 'All programs' : program}: enrolled members only, month 0 = enrolment month${hidden.length > 0 ? '; shaded months are suppressed (<11)' : ''}` },
    config: baseConfig,
    datasets,
    spacing: 32,
    hconcat: panels.map((p) => ({
      title: { text: p.label, fontSize: 12 },
      width: 420,
      height: 170,
      layer: [
        ...(hidden.length === 0 ? [] : [{
          data: { name: 'hidden' },
          mark: { type: 'rect' as const, color: '#9e9e9e', opacity: 0.16, description: 'Months with a suppressed value' },
          encoding: {
            x: { field: 'from', type: 'quantitative' as const },
            x2: { field: 'to' },
            tooltip: [
              { field: 'relative_month', type: 'quantitative' as const, title: 'Months from enrolment' },
              { field: 'note', type: 'nominal' as const, title: 'Suppressed' },
            ],
          },
        }]),
        ...(!p.points.some((x) => x.value !== null) ? [] : [{
          data: { name: p.id },
          mark: { type: 'area' as const, opacity: 0.18, color: cohortColours.managed, description: `${p.label}: 95 % interval` },
          encoding: {
            x: { field: 'relative_month', type: 'quantitative', title: 'Months from enrolment', axis: { tickMinStep: 1, format: 'd' } },
            y: { field: 'lower', type: 'quantitative', title: p.unit },
            y2: { field: 'upper' },
          },
        },
        {
          data: { name: p.id },
          mark: { type: 'line' as const, point: { filled: true, size: 30 }, color: cohortColours.managed, description: `${p.label} by month from enrolment` },
          encoding: {
            x: { field: 'relative_month', type: 'quantitative' },
            y: { field: 'value', type: 'quantitative' },
            tooltip: [
              { field: 'relative_month', type: 'quantitative', title: 'Months from enrolment' },
              { field: 'value', type: 'quantitative', title: p.label, format: ',.1f' },
              { field: 'lower', type: 'quantitative', title: '95 % interval from', format: ',.1f' },
              { field: 'upper', type: 'quantitative', title: '95 % interval to', format: ',.1f' },
              { field: 'numerator', type: 'quantitative', title: p.numeratorLabel, format: ',d' },
              { field: 'member_months', type: 'quantitative', title: 'Member months', format: ',d' },
              { field: 'members', type: 'quantitative', title: 'Members', format: ',d' },
            ],
          },
        }]),
        {
          data: { name: 'enrolment' },
          mark: { type: 'rule', strokeDash: [4, 3], color: inkColour },
          encoding: { x: { field: 'relative_month', type: 'quantitative' } },
        },
      ],
    })),
  } as TopLevelSpec;
}
