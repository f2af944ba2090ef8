/** Control charts of one cohort (Overview, the quality lead): is a month's change a signal or noise? */
import type { TopLevelSpec } from 'vega-lite';
import { useJson } from '../../api.ts';
import { Load } from '../../components/States.tsx';
import { VegaChart } from '../../components/VegaChart.tsx';
import { aggregateParams, useUrlState } from '../../urlState.ts';
import { cohortLabels, type CohortId } from '../../palette.ts';
import './controlCharts.css';

interface ControlChartsResponse {
  cohort: CohortId;
  from: string;
  to: string;
  charts: { id: string; label: string; kind: 'p' | 'u'; laney: boolean | null; special_causes: number | null; suppressed: boolean; message: string | null; spec: TopLevelSpec | null }[];
}

const cohorts: CohortId[] = ['all', 'managed', 'unmanaged', 'other'];

export function ControlCharts() {
  const { filters, get, set } = useUrlState();
  const cohort = (cohorts as string[]).includes(get('ccCohort') ?? '') ? (get('ccCohort') as CohortId) : 'all';
  const state = useJson<ControlChartsResponse>('/overview/control-charts', { ...aggregateParams(filters), cohort });
  return (
    <section className="panel control-charts" aria-labelledby="control-charts-heading" data-testid="control-charts">
      <div className="control-charts-head">
        <h2 id="control-charts-heading" className="section-title">Control charts</h2>
        <label>
          Cohort{' '}
          <select name="ccCohort" value={cohort} onChange={(e) => set({ ccCohort: e.target.value === 'all' ? null : e.target.value })}>
            {cohorts.map((c) => (
              <option key={c} value={c}>{cohortLabels[c]}</option>
            ))}
          </select>
        </label>
      </div>
      <p className="note">
        Monthly values against 3-sigma limits that widen in months with fewer members or stays. A red point is a special cause — beyond a limit, or part of
        8 or more months in a row on one side of the centre line — worth investigating; everything else is common-cause variation. Without a chosen period the charts cover every month of the data: limits need about 20 months to be reliable.
      </p>
      <Load state={state} label="Loading control charts…">
        {(data) =>
          data.charts.every((c) => c.spec !== null && (c.spec as unknown as { datasets: { control: unknown[] } }).datasets.control.length === 0) ? (
            <div className="state state-empty">No months with data for this cohort and selection.</div>
          ) : (
            <div className="trend-grid">
              {data.charts.map((c) => (
                c.spec === null ? (
                  <div key={c.id} className="control-chart control-chart-suppressed" data-chart={c.id} data-chart-suppressed>
                    <h3 className="chart-title">{c.label}</h3>
                    <div className="state state-suppressed" role="note">{c.message}</div>
                  </div>
                ) : (
                  <div key={c.id} className="control-chart" data-chart={c.id} data-special-causes={c.special_causes}>
                    <VegaChart spec={c.spec} fileName={`control-chart-${c.id}-${data.cohort}`} />
                  </div>
                )
              ))}
            </div>
          )
        }
      </Load>
    </section>
  );
}
