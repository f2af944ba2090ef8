/** Program evaluation (administrator): naive vs adjusted estimates, matching, balance, risk adjustment, savings and ROI, printable as a board summary. */
import { useJson } from '../../api.ts';
import { Load } from '../../components/States.tsx';
import { formatDate } from '../../format.ts';
import { useUrlState } from '../../urlState.ts';
import { AssumptionsForm } from './AssumptionsForm.tsx';
import { costParams, useCostSettings } from './costSettings.ts';
import { Estimate } from './Estimate.tsx';
import { EstimatesTable, SelectionNote } from './EstimatesTable.tsx';
import { formatRatio, formatRelative, formatSignedMoney } from './format.ts';
import { BalanceTable, MatchingCounts, RiskAdjustmentTable } from './MatchingPanel.tsx';
import { Assumptions, SavingsTable } from './SavingsPanel.tsx';
import type { Evaluation } from './types.ts';
import './evaluation.css';

export function ProgramEvaluation() {
  const { filters } = useUrlState();
  const { settings, set } = useCostSettings();
  const state = useJson<Evaluation>('/program/evaluation', { from: filters.from, to: filters.to, ...costParams(settings) });
  const ready = state.status === 'ready' ? state.data : null;
  return (
    <section className="panel program-evaluation" id="program-evaluation" aria-labelledby="evaluation-heading">
      <div className="evaluation-head">
        <h2 id="evaluation-heading" className="section-title">Program evaluation: does it work, and does it pay?</h2>
        <button type="button" className="print-button" onClick={() => window.print()} disabled={!ready}>
          Print board summary
        </button>
      </div>
      <p className="note screen-only">Period and cost assumptions apply; the condition, payer and program filters do not (the evaluation covers every enrolled member).</p>
      <AssumptionsForm
        settings={settings}
        onChange={set}
        defaultFte={ready ? ready.savings.inputs.average_managed_members / 100 : null}
        currentPmpm={ready?.savings.inputs.program_cost_pmpm ?? null}
      />
      <Load state={state} label="Running the evaluation (matching and bootstrap take a few seconds)…">
        {(e) => (e.matching.treated === 0 ? <div className="state state-empty">No enrolled members in the data: nothing to evaluate.</div> : <EvaluationBody evaluation={e} />)}
      </Load>
    </section>
  );
}

function EvaluationBody({ evaluation: e }: { evaluation: Evaluation }) {
  const admissions = e.admissions.did.relative_change as { estimate: number; ci_low: number; ci_high: number } | null;
  const roi = e.savings.program_period.roi;
  const net = e.savings.program_period.net_savings;
  return (
    <>
      <p className="period-note">
        {formatDate(e.period.from)} to {formatDate(e.period.to)} (data through {formatDate(e.period.data_through)}); 95 % intervals throughout.
      </p>
      {e.matching.matched === 0 && <div className="state state-empty">No enrolled member could be matched to a comparable member: no adjusted estimate or savings.</div>}
      <div className="headline-numbers" data-testid="headline">
        <div className="headline">
          <span className="headline-label">Admissions, adjusted change</span>
          <Estimate value={admissions?.estimate} interval={admissions} format={formatRelative} label="adjusted-admissions" />
        </div>
        <div className="headline">
          <span className="headline-label">Net savings</span>
          <Estimate value={net?.estimate} interval={net} format={formatSignedMoney} label="net" />
        </div>
        <div className="headline">
          <span className="headline-label">Return on investment</span>
          <Estimate value={roi?.estimate} interval={roi} format={formatRatio} label="roi" />
        </div>
        <div className="headline">
          <span className="headline-label">Program cost</span>
          <span className="estimate">
            <span className="estimate-value">{formatSignedMoney(e.savings.program_period.program_cost)}</span>
            <span className="estimate-interval">{e.savings.inputs.cost_model}</span>
          </span>
        </div>
      </div>
      <h3>Naive and adjusted estimates</h3>
      <EstimatesTable evaluation={e} />
      <SelectionNote />
      <div className="evaluation-columns">
        <div>
          <h3>Matching</h3>
          <MatchingCounts evaluation={e} />
        </div>
        <div>
          <h3>Savings and return on investment</h3>
          <SavingsTable evaluation={e} />
        </div>
      </div>
      <Assumptions evaluation={e} />
      <div className="screen-only">
        <h3>Balance</h3>
        <BalanceTable rows={e.balance} />
        <h3>Risk adjustment</h3>
        <RiskAdjustmentTable evaluation={e} />
        <details className="chart-data">
          <summary>How the comparison was built</summary>
          <ul>
            {e.matching.rules.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
      </div>
    </>
  );
}
