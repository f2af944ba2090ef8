/** Savings and return on investment over the period's managed member months, every assumption listed. */
import { formatCount } from '../../format.ts';
import { Estimate } from './Estimate.tsx';
import { formatRatio, formatSigned, formatSignedMoney } from './format.ts';
import type { Evaluation } from './types.ts';

export function SavingsTable({ evaluation }: { evaluation: Evaluation }) {
  const s = evaluation.savings;
  const b = s.program_period;
  return (
    <div className="table-scroll">
      <table className="data-table compact savings-table" data-testid="savings">
        <caption className="table-caption">Over the period's {formatCount(b.member_months)} managed member months</caption>
        <tbody>
          <tr><th scope="row">Admissions avoided</th><td className="num"><Estimate value={b.admissions_avoided?.estimate} interval={b.admissions_avoided} format={formatSigned} /></td></tr>
          <tr><th scope="row">ED visits avoided</th><td className="num"><Estimate value={b.ed_visits_avoided?.estimate} interval={b.ed_visits_avoided} format={formatSigned} /></td></tr>
          <tr><th scope="row">Dollars saved (gross)</th><td className="num"><Estimate value={b.gross_savings?.estimate} interval={b.gross_savings} format={formatSignedMoney} /></td></tr>
          <tr><th scope="row">Program cost</th><td className="num" data-testid="program-cost">{formatSignedMoney(-b.program_cost)}</td></tr>
          <tr><th scope="row">CCM/TCM revenue</th><td className="num">{formatSignedMoney(b.ccm_tcm_revenue)}</td></tr>
          <tr className="total"><th scope="row">Net savings</th><td className="num"><Estimate value={b.net_savings?.estimate} interval={b.net_savings} format={formatSignedMoney} label="net-savings" /></td></tr>
          <tr className="total"><th scope="row">Return on investment (net ÷ cost)</th><td className="num"><Estimate value={b.roi?.estimate} interval={b.roi} format={formatRatio} label="roi-table" /></td></tr>
        </tbody>
      </table>
    </div>
  );
}

export function Assumptions({ evaluation }: { evaluation: Evaluation }) {
  const s = evaluation.savings;
  return (
    <div className="assumptions" data-testid="assumptions">
      <h3>Assumptions</h3>
      <ul>
        {s.assumptions.map((a) => (
          <li key={a}>{a}</li>
        ))}
        <li>
          Matched comparison: {evaluation.settings.controls_per_treated} comparison members per enrolled member, caliper {evaluation.settings.caliper} SD of the
          propensity logit, {evaluation.settings.replicates.toLocaleString('en-US')} bootstrap replicates (seed {evaluation.settings.seed}), {Math.round(evaluation.settings.level * 100)} % intervals.
        </li>
      </ul>
    </div>
  );
}
