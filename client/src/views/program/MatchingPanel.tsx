/** Who was compared: matching counts with the reasons members were dropped, covariate balance, and risk-adjusted O/E. */
import { formatCount as formatShownCount } from '../../format.ts';
import { Suppressed } from '../../components/States.tsx';
import { Estimate } from './Estimate.tsx';
import { formatRatio } from './format.ts';
import type { BalanceRow, Evaluation } from './types.ts';

/** A count, or the suppressed mark when it is hidden (null). */
const formatCount = (n: number | null) => (n === null ? <Suppressed /> : formatShownCount(n));

const reasonText: Record<string, string> = {
  baseline_under_12_months: 'less than 12 months of history before enrolment',
  no_follow_up_month: 'no month of follow-up yet',
  no_match_within_caliper: 'no comparable member (outside the caliper)',
};

export function MatchingCounts({ evaluation }: { evaluation: Evaluation }) {
  const m = evaluation.matching;
  const reasons = Object.entries(m.dropped_reasons).filter(([, n]) => n === null || n > 0);
  return (
    <dl className="facts matching-counts" data-testid="matching-counts">
      <dt>Enrolled members</dt>
      <dd data-count="treated">{formatCount(m.treated)}</dd>
      <dt>Matched</dt>
      <dd data-count="matched">
        {formatCount(m.matched)} to {formatCount(m.comparison_members)} comparison members
      </dd>
      <dt>Dropped</dt>
      <dd data-count="dropped">
        {formatCount(m.dropped)}
        {reasons.length > 0 && (
          <ul className="reasons">
            {reasons.map(([reason, n]) => (
              <li key={reason}>
                {formatCount(n)}: {reasonText[reason] ?? reason.replaceAll('_', ' ')}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Largest imbalance after matching</dt>
      <dd>|SMD| {formatRatio(m.max_abs_smd_after)} {m.max_abs_smd_after != null && (m.max_abs_smd_after <= 0.1 ? '(good: ≤ 0.10)' : '(above 0.10: read with care)')}</dd>
    </dl>
  );
}

const value = (r: BalanceRow, v: number | null) => (v == null ? '—' : r.binary ? `${(v * 100).toFixed(1)} %` : v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
const smd = (v: number | null) => (v == null ? '—' : Math.abs(v) < 0.0005 ? '0.000' : `${v < 0 ? '−' : ''}${Math.abs(v).toFixed(3)}`);

export function BalanceTable({ rows }: { rows: BalanceRow[] }) {
  if (rows.length === 0) return <div className="state state-empty">No balance to show: nobody was matched.</div>;
  return (
    <div className="table-scroll balance-table">
      <table className="data-table compact" data-testid="balance">
        <caption className="table-caption">
          Covariate balance: standardised mean difference (SMD) before and after matching; |SMD| above 0.10 is marked
          {rows.every((r) => r.treated_before == null) && ' (group shares and means are withheld for your role: with the group sizes they would give counts of people)'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Covariate</th>
            <th scope="col" className="num">Enrolled</th>
            <th scope="col" className="num">All candidates</th>
            <th scope="col" className="num">SMD before</th>
            <th scope="col" className="num">Matched comparison</th>
            <th scope="col" className="num">SMD after</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.covariate}>
              <th scope="row">{r.label}</th>
              <td className="num">{value(r, r.treated_before)}</td>
              <td className="num">{value(r, r.comparison_before)}</td>
              <td className={`num${Math.abs(r.smd_before ?? 0) > 0.1 ? ' imbalanced' : ''}`}>{smd(r.smd_before)}</td>
              <td className="num">{value(r, r.comparison_after)}</td>
              <td className={`num${Math.abs(r.smd_after ?? 0) > 0.1 ? ' imbalanced' : ''}`}>{smd(r.smd_after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const cohortNames: Record<string, string> = { managed: 'Managed', unmanaged: 'Unmanaged', all: 'All members', other: 'Other' };

export function RiskAdjustmentTable({ evaluation }: { evaluation: Evaluation }) {
  const ra = evaluation.risk_adjustment;
  return (
    <div className="table-scroll">
      <table className="data-table compact" data-testid="risk-adjustment">
        <caption className="table-caption">Observed / expected (O/E) given age, sex, conditions and Charlson index; 1.00 = as expected</caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col" className="num">Admissions O/E</th>
            <th scope="col" className="num">ED visits O/E</th>
            <th scope="col" className="num">Readmissions O/E</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(ra.cohorts).map(([cohort, c]) => (
            <tr key={cohort}>
              <th scope="row">{cohortNames[cohort] ?? cohort}</th>
              {(['admissions', 'ed_visits', 'readmissions'] as const).map((k) => (
                <td key={k} className="num"><Estimate value={c[k].oe?.estimate} interval={c[k].oe} format={formatRatio} /></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">Method: {ra.method}.</p>
    </div>
  );
}
