/** Plain-text rendering of the §8 report for `caseload report --format table`. */
import { cohortNames, type CohortMeasures, type Report } from './compute.ts';

const rows: { key: keyof CohortMeasures; label: string; kind: 'count' | 'rate' | 'percent' | 'days' }[] = [
  { key: 'member_months', label: 'Member months', kind: 'count' },
  { key: 'members', label: 'Members', kind: 'count' },
  { key: 'admissions', label: 'Admissions', kind: 'count' },
  { key: 'admissions_per_1000', label: 'Admissions per 1,000', kind: 'rate' },
  { key: 'ed_visits', label: 'ED visits', kind: 'count' },
  { key: 'ed_visits_per_1000', label: 'ED visits per 1,000', kind: 'rate' },
  { key: 'ed_treat_release', label: 'ED treat-and-release', kind: 'count' },
  { key: 'ed_treat_release_per_1000', label: 'ED treat-and-release per 1,000', kind: 'rate' },
  { key: 'ed_leading_to_admission', label: 'ED visits leading to admission', kind: 'count' },
  { key: 'index_stays', label: 'Index stays', kind: 'count' },
  { key: 'readmissions', label: '30-day readmissions', kind: 'count' },
  { key: 'readmission_rate', label: 'Readmission rate', kind: 'percent' },
  { key: 'bed_days', label: 'Bed days', kind: 'count' },
  { key: 'alos', label: 'Average length of stay (days)', kind: 'days' },
];

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function formatValue(value: number | null, kind: (typeof rows)[number]['kind']): string {
  if (value === null) return '—';
  if (kind === 'count') return integer.format(value);
  if (kind === 'percent') return `${oneDecimal.format(value * 100)} %`;
  return oneDecimal.format(value);
}

/** Renders the report as an aligned text table: one row per measure, one column per cohort. */
export function formatReportTable(report: Report): string {
  const header = ['Measure', ...cohortNames];
  const body = rows.map((row) => [row.label, ...cohortNames.map((c) => formatValue(report.cohorts[c][row.key], row.kind))]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [
    `Period ${report.period.from} to ${report.period.to} (data through ${report.data_through})`,
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    '',
    'Rates per 1,000 member-years = 12,000 × events / member months; — = no denominator.',
  ].join('\n');
}
