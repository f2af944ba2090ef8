/** Plain-text rendering of an Evaluation for `caseload evaluate --format table`. */
import type { Evaluation, MeasureEvaluation } from './evaluate.ts';
import type { Interval3 } from './savings.ts';

const num = (v: unknown, digits = 1): string =>
  typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—';
const pct = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)} %` : '—');
const ci = (x: Interval3 | null | undefined, f: (v: number) => string): string => (x ? `${f(x.estimate)} (${f(x.ci_low)} to ${f(x.ci_high)})` : '—');
const money = (v: number) => `$${num(v, 0)}`;

/** Renders the evaluation as aligned text sections. */
export function formatEvaluationTable(e: Evaluation): string {
  const lines: string[] = [];
  lines.push(`Program evaluation, ${e.period.from} to ${e.period.to} (data through ${e.period.data_through})`, '');
  const rows: string[][] = [['measure', 'managed', 'unmanaged', 'before', 'after', 'matched DiD (95 % CI)', 'relative change (95 % CI)']];
  const add = (name: string, m: MeasureEvaluation, suffix: 'per_1000' | 'pmpm') => {
    rows.push([
      `${name} (${m.unit})`,
      num(m.naive[`managed_${suffix}`]),
      num(m.naive[`unmanaged_${suffix}`]),
      num(m.naive[`enrolled_before_${suffix}`]),
      num(m.naive[`enrolled_after_${suffix}`]),
      ci(m.did[suffix] as Interval3 | null, (v) => num(v)),
      ci(m.did.relative_change as Interval3 | null, pct),
    ]);
  };
  add('Admissions', e.admissions, 'per_1000');
  add('ED visits', e.ed_visits, 'per_1000');
  add('Readmissions', e.readmissions, 'per_1000');
  add('Paid', e.paid_pmpm, 'pmpm');
  lines.push(...align(rows), '');

  const m = e.matching;
  const reasons = Object.entries(m.dropped_reasons).map(([k, v]) => `${k.replaceAll('_', ' ')} ${v}`).join(', ');
  lines.push(`Matching: ${m.treated} enrolled, ${m.matched} matched to ${m.comparison_members} comparison members, ${m.dropped} dropped${reasons ? ` (${reasons})` : ''}; max |SMD| after matching ${num(m.max_abs_smd_after, 3)}`, '');
  const bal: string[][] = [['covariate', 'enrolled', 'comparison', 'SMD before', 'SMD after']];
  for (const b of e.balance) bal.push([b.label, num(b.treated_after ?? b.treated_before, 2), num(b.comparison_after ?? b.comparison_before, 2), num(b.smd_before, 3), num(b.smd_after, 3)]);
  lines.push(...align(bal), '');

  const ra: string[][] = [['cohort', 'admissions O/E (95 % CI)', 'ED visits O/E', 'readmissions O/E']];
  for (const [name, c] of Object.entries(e.risk_adjustment.cohorts)) {
    const oe = (x: { oe: Interval3 | null }) => ci(x.oe, (v) => num(v, 2));
    ra.push([name, oe(c.admissions), oe(c.ed_visits), oe(c.readmissions)]);
  }
  lines.push(`Risk adjustment: ${e.risk_adjustment.method}`, ...align(ra), '');

  const s = e.savings;
  const block = s.program_period;
  lines.push(
    `Savings over the period's ${num(block.member_months, 0)} managed member months:`,
    `  admissions avoided ${ci(block.admissions_avoided, (v) => num(v))}; ED visits avoided ${ci(block.ed_visits_avoided, (v) => num(v))}`,
    `  gross savings ${ci(block.gross_savings, money)}; program cost ${money(block.program_cost)}; CCM/TCM revenue ${money(block.ccm_tcm_revenue)}`,
    `  net savings ${ci(block.net_savings, money)}; ROI ${ci(block.roi, (v) => num(v, 2))}`,
    'Assumptions:',
    ...s.assumptions.map((a) => `  - ${a}`),
  );
  return lines.join('\n') + '\n';
}

function align(rows: string[][]): string[] {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
}
