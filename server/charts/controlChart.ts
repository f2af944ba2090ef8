/**
 * A control chart (Overview, the quality lead): monthly values, the centre line, 3-sigma
 * limits stepped per month (they move with each month's denominator), and special-cause
 * points in the signal colour, with numerator and denominator in the tooltip.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ScaledChart } from '../evaluation/control-charts.ts';
import type { SignalRule } from '../stats/special-cause.ts';
import { baseConfig, inkColour, signalColour } from './palette.ts';

export interface ControlChartLabels {
  /** Chart title, e.g. "Admissions per 1,000 member-years". */
  title: string;
  /** The cohort shown, for the subtitle. */
  cohort: string;
  numeratorLabel: string;
  denominatorLabel: string;
  /** d3 format of values, centre and limits ('.1%' for a proportion). */
  format: string;
  axisTitle: string;
}

const ruleText: Record<SignalRule, string> = {
  beyond_limits: 'beyond a control limit',
  run_of_8: '8 or more in a row on one side of the centre',
};

const SPECIAL = 'Special cause';
const COMMON = 'Common cause';

/** One row per month of the chart; `hidden` months (small-cell suppression) carry no value. */
export function controlChartRows(chart: ScaledChart, hidden: (numerator: number, denominator: number) => boolean = () => false) {
  return chart.points.map((p) => {
    const hide = hidden(p.numerator, p.denominator);
    return {
      month: p.label,
      value: hide ? null : p.value,
      centre: p.centre,
      lcl: p.lcl,
      ucl: p.ucl,
      numerator: hide ? null : p.numerator,
      denominator: hide ? null : p.denominator,
      status: !hide && p.signals.length > 0 ? SPECIAL : COMMON,
      signals: hide ? 'hidden (small count)' : p.signals.length > 0 ? p.signals.map((s) => ruleText[s]).join('; ') : 'none',
    };
  });
}

/** The Vega-Lite spec of one control chart. */
export function controlChartSpec(chart: ScaledChart, labels: ControlChartLabels, rows = controlChartRows(chart)): TopLevelSpec {
  const kind = `${chart.kind}${chart.laney ? '′' : ''}-chart${chart.laney ? ` (Laney, σz ${chart.sigmaZ.toFixed(2)})` : ''}`;
  const specials = rows.filter((r) => r.status === SPECIAL).length;
  const subtitle = [
    `${labels.cohort}; ${kind}; ${chart.sigmaMultiplier}-sigma limits per month.`,
    specials > 0 ? `${specials} special-cause month${specials === 1 ? '' : 's'} in red (beyond a limit, or 8 in a row on one side).` : 'No special cause: the variation is common-cause.',
  ];
  const axisFormat = labels.format === '.1%' ? '.0%' : ',.0f';
  const x = { field: 'month', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, title: 'Month', axis: { format: '%b %Y', labelAngle: 0, tickCount: 6 } };
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: labels.axisTitle, axis: { format: axisFormat } });
  const tooltip = [
    { field: 'month', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, title: 'Month', format: '%b %Y' },
    { field: 'value', type: 'quantitative' as const, title: labels.title, format: labels.format },
    { field: 'numerator', type: 'quantitative' as const, title: labels.numeratorLabel, format: ',d' },
    { field: 'denominator', type: 'quantitative' as const, title: labels.denominatorLabel, format: ',.0f' },
    { field: 'centre', type: 'quantitative' as const, title: 'Centre line', format: labels.format },
    { field: 'lcl', type: 'quantitative' as const, title: 'Lower limit', format: labels.format },
    { field: 'ucl', type: 'quantitative' as const, title: 'Upper limit', format: labels.format },
    { field: 'signals', type: 'nominal' as const, title: 'Special cause' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: labels.title, subtitle },
    description: `Control chart of ${labels.title.toLowerCase()} by month for ${labels.cohort}`,
    width: 'container',
    height: 180,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: baseConfig,
    datasets: { control: rows },
    data: { name: 'control' },
    encoding: { x },
    layer: [
      {
        mark: { type: 'area', interpolate: 'step', color: '#9e9e9e', opacity: 0.14, description: 'Control limits' },
        encoding: { y: { ...y('lcl'), scale: { zero: true } }, y2: { field: 'ucl' } },
      },
      { mark: { type: 'line', interpolate: 'step', color: '#8a8a8a', strokeDash: [4, 3], strokeWidth: 1, description: 'Upper control limit' }, encoding: { y: y('ucl') } },
      { mark: { type: 'line', interpolate: 'step', color: '#8a8a8a', strokeDash: [4, 3], strokeWidth: 1, description: 'Lower control limit' }, encoding: { y: y('lcl') } },
      { mark: { type: 'line', color: inkColour, strokeWidth: 1, opacity: 0.7, description: 'Centre line' }, encoding: { y: y('centre') } },
      { mark: { type: 'line', color: '#555555', strokeWidth: 1.5, description: `${labels.title} by month` }, encoding: { y: y('value') } },
      {
        mark: { type: 'point', filled: true, size: 42, description: `${labels.title} by month, special causes in red` },
        encoding: {
          y: y('value'),
          color: { field: 'status', type: 'nominal', title: null, scale: { domain: [SPECIAL, COMMON], range: [signalColour, '#555555'] } },
          shape: { field: 'status', type: 'nominal', title: null, scale: { domain: [SPECIAL, COMMON], range: ['diamond', 'circle'] } },
          tooltip,
        },
      },
    ],
  };
}
