/** Naive and adjusted estimates side by side, each with its interval, and why they differ. */
import { Estimate } from './Estimate.tsx';
import { formatRate, formatRelative, formatSigned, formatMoney } from './format.ts';
import type { Evaluation, Interval3, MeasureEvaluation } from './types.ts';

const measures = [
  { key: 'admissions', label: 'Admissions', suffix: 'per_1000' },
  { key: 'ed_visits', label: 'ED visits', suffix: 'per_1000' },
  { key: 'readmissions', label: 'Readmissions', suffix: 'per_1000' },
  { key: 'paid_pmpm', label: 'Paid', suffix: 'pmpm' },
] as const;

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const pair = (v: unknown) => (Array.isArray(v) ? (v as [number, number]) : null);
const int3 = (v: unknown) => (v && typeof v === 'object' && 'estimate' in v ? (v as Interval3) : null);

export function EstimatesTable({ evaluation }: { evaluation: Evaluation }) {
  return (
    <div className="table-scroll">
      <table className="data-table evaluation-estimates" data-testid="estimates">
        <caption className="visually-hidden">Naive and matched estimates of the program's effect</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>Measure</th>
            <th scope="colgroup" colSpan={3} className="naive-head">Naive (not the program's effect)</th>
            <th scope="colgroup" colSpan={2} className="adjusted-head">Adjusted: matched difference-in-differences</th>
          </tr>
          <tr>
            <th scope="col" className="num">Managed</th>
            <th scope="col" className="num">Unmanaged</th>
            <th scope="col" className="num">Enrolled: before → after</th>
            <th scope="col" className="num">Difference</th>
            <th scope="col" className="num">Relative change</th>
          </tr>
        </thead>
        <tbody>
          {measures.map(({ key, label, suffix }) => {
            const m = evaluation[key] as MeasureEvaluation;
            const fmt = suffix === 'pmpm' ? (v: number) => formatMoney(v) : formatRate;
            const diffFmt = suffix === 'pmpm' ? (v: number) => `${v < 0 ? '−' : v > 0 ? '+' : ''}${formatMoney(Math.abs(v))}` : formatSigned;
            const did = int3(m.did[suffix]);
            const rel = int3(m.did.relative_change);
            return (
              <tr key={key} data-measure={key}>
                <th scope="row">
                  {label}
                  <span className="unit">{m.unit}</span>
                </th>
                <td className="num"><Estimate value={num(m.naive[`managed_${suffix}`])} interval={pair(m.naive.managed_ci)} format={fmt} /></td>
                <td className="num"><Estimate value={num(m.naive[`unmanaged_${suffix}`])} interval={pair(m.naive.unmanaged_ci)} format={fmt} /></td>
                <td className="num">
                  <span className="estimate">
                    <span className="estimate-value">{fmtOrDash(num(m.naive[`enrolled_before_${suffix}`]), fmt)} → {fmtOrDash(num(m.naive[`enrolled_after_${suffix}`]), fmt)}</span>
                    <span className="estimate-interval">{formatRelative(num(m.naive.before_after_relative))}, no interval</span>
                  </span>
                </td>
                <td className="num adjusted"><Estimate value={did?.estimate} interval={did} format={diffFmt} label={`${key}-difference`} /></td>
                <td className="num adjusted"><Estimate value={rel?.estimate} interval={rel} format={formatRelative} label={`${key}-relative`} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function fmtOrDash(v: number | null, f: (v: number) => string): string {
  return v == null ? '—' : f(v);
}

/** Plain-language reasons the naive numbers mislead, in both directions. */
export function SelectionNote() {
  return (
    <div className="note evaluation-why" data-testid="why-naive">
      <p>
        <strong>Why the naive numbers mislead.</strong> <em>Managed vs unmanaged</em> compares different people: the program enrols members who are sicker and
        use more care, so the managed rate is higher whatever the program does — this comparison <em>damns</em> the program.{' '}
        <em>Before vs after</em> compares members with themselves, but they are enrolled right after a spell of unusually high use (a recent admission, several ED
        visits), and such spells fade on their own — <em>regression to the mean</em> — so the drop after enrolment <em>flatters</em> the program.
      </p>
      <p>
        The <strong>adjusted</strong> estimate compares each enrolled member with up to three members not enrolled at that time who had the same recent history in
        the same month, and subtracts the change those comparison members show anyway. A negative difference means fewer events with the program; an interval
        that includes 0 means the data cannot tell the effect from chance.
      </p>
    </div>
  );
}
