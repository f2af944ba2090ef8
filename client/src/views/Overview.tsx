/** Overview (quality lead): "Did anything move last month, and is it real?" */
import { Link, useNavigate } from 'react-router';
import type { TopLevelSpec } from 'vega-lite';
import { useJson } from '../api.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { KpiTile, type Kpi } from '../components/KpiTile.tsx';
import { Load, Suppressed } from '../components/States.tsx';
import { useSession } from '../auth.tsx';
import { VegaChart } from '../components/VegaChart.tsx';
import { DefinitionLink } from '../components/Definitions.tsx';
import { aggregateParams, carryFilters, useUrlState } from '../urlState.ts';
import { formatCount, formatMeasure, formatMonth, formatPeriod } from '../format.ts';
import { cohortLabels, type CohortId } from '../palette.ts';
import { useMeta } from '../meta.tsx';
import { ControlCharts } from './overview/ControlCharts.tsx';

interface KpiResponse {
  period: { from: string; to: string; months: number };
  previous: { from: string; to: string };
  kpis: Kpi[];
}

const trendMeasures = ['admissions_per_1000', 'ed_visits_per_1000', 'readmission_rate', 'alos'];
const eventNames: Record<string, string> = { admissions: 'admissions', ed_visits: 'ED visits', readmissions: 'readmissions' };

export function Overview() {
  const { filters } = useUrlState();
  const state = useJson<KpiResponse>('/overview/kpis', aggregateParams(filters));
  return (
    <>
      <header className="view-head">
        <h1>Overview</h1>
        <p className="view-question">Did anything move, and is it real?</p>
      </header>
      <FilterBar show={{ period: true, condition: true, payer: true, program: true }} />
      <Load state={state} label="Loading measures…">
        {(data) => (
          <>
            <p className="period-note">
              {formatPeriod(data.period)} ({data.period.months} months) compared with {formatPeriod(data.previous)}. Values per cohort with the{' '}
              <DefinitionLink id="interval">95 % interval</DefinitionLink>; <DefinitionLink id="cohorts">cohorts</DefinitionLink>.
            </p>
            <section className="kpi-row" aria-label="Headline measures">
              {data.kpis.map((kpi) => (
                <KpiTile key={kpi.measure} kpi={kpi} previous={data.previous} />
              ))}
            </section>
          </>
        )}
      </Load>
      <section className="trend-grid" aria-label="Monthly trends">
        {trendMeasures.map((measure) => (
          <TrendPanel key={measure} measure={measure} />
        ))}
      </section>
      <ControlCharts />
    </>
  );
}

interface TrendRow {
  month: string;
  cohort: CohortId;
  value: number | null;
  /** null: suppressed (small-cell rule). */
  numerator: number | null;
  denominator: number | null;
  suppressed?: boolean;
}

/** A count, a link to the events behind it when the role may drill down, or "<11" when suppressed. */
function CountCell({ value, href }: { value: number | null; href?: string }) {
  if (value == null) return <Suppressed />;
  return href ? <Link to={href}>{formatCount(value)}</Link> : <>{formatCount(value)}</>;
}

function TrendPanel({ measure }: { measure: string }) {
  const { filters, search } = useUrlState();
  const navigate = useNavigate();
  const meta = useMeta();
  const { can } = useSession();
  const info = meta.measures.find((m) => m.id === measure)!;
  const state = useJson<TopLevelSpec>('/overview/trend', { ...aggregateParams(filters), measure });
  const drillHref = (month: string, cohort: string) =>
    `/drill${carryFilters(search, { events: info.events, month: month.slice(0, 7), cohort, measure })}`;
  return (
    <div className="panel trend-panel" data-trend={measure}>
      <Load state={state} label={`Loading ${info.label}…`}>
        {(spec) => {
          const rows = ((spec as { datasets?: Record<string, TrendRow[]> }).datasets?.trend ?? []) as TrendRow[];
          if (rows.every((r) => r.numerator === 0 && !r.suppressed)) {
            return (
              <div className="state state-empty">
                <h3>
                  <DefinitionLink id={measure}>{info.label}</DefinitionLink>
                </h3>
                No {eventNames[info.events] ?? info.events} in this period for this selection.
              </div>
            );
          }
          return (
            <>
              <p className="panel-definition">
                <DefinitionLink id={measure}>Definition</DefinitionLink>
              </p>
              <VegaChart
                spec={spec}
                fileName={`${measure}-by-month`}
                onSelect={
                  can.drill
                    ? (datum) => {
                        const month = typeof datum.month === 'number' || datum.month instanceof Date ? new Date(datum.month).toISOString() : String(datum.month ?? '');
                        if (month && datum.cohort) navigate(drillHref(month, String(datum.cohort)));
                      }
                    : undefined
                }
              />
              <details className="chart-data">
                <summary>{can.drill ? 'Data table and drill-down links' : 'Data table'}</summary>
                <table className="data-table compact">
                  <caption className="visually-hidden">{info.label} by month and cohort</caption>
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col">Cohort</th>
                      <th scope="col" className="num">{info.label}</th>
                      <th scope="col" className="num">Events / denominator</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={`${r.month}-${r.cohort}`}>
                        <td>{formatMonth(r.month)}</td>
                        <td>{cohortLabels[r.cohort]}</td>
                        <td className="num">{r.suppressed ? <Suppressed /> : formatMeasure(r.value, info.format)}</td>
                        <td className="num">
                          {measure === 'alos' ? (
                            <>
                              <CountCell value={r.numerator} /> / <CountCell value={r.denominator} href={can.drill ? drillHref(r.month, r.cohort) : undefined} />
                            </>
                          ) : (
                            <>
                              <CountCell value={r.numerator} href={can.drill ? drillHref(r.month, r.cohort) : undefined} /> / <CountCell value={r.denominator} />
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          );
        }}
      </Load>
    </div>
  );
}
