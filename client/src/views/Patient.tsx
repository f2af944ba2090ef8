/** One patient: timeline of stays, ED visits, office visits and CCM/TCM contacts; conditions; enrolments; the claims behind each event. */
import { Link, useParams } from 'react-router';
import type { TopLevelSpec } from 'vega-lite';
import { getJson, useJson, useLoad, type TablePage } from '../api.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { DefinitionLink } from '../components/Definitions.tsx';
import { Load } from '../components/States.tsx';
import { VegaChart } from '../components/VegaChart.tsx';
import { carryFilters, useUrlState } from '../urlState.ts';
import { formatCondition, formatCount, formatDate, formatMoney } from '../format.ts';
import { followupStatus, type PatientRow } from './Patients.tsx';

type Row = Record<string, unknown>;

const kindLabels: Record<string, string> = { inpatient: 'Inpatient stay', ed: 'ED visit', office: 'Office visit', tcm: 'TCM contact', ccm: 'CCM contact', other: 'Other' };
const cohortText: Record<string, string> = { managed: 'Managed', unmanaged: 'Unmanaged (target population)', other: 'Not in the target population' };

export function Patient() {
  const { personId = '' } = useParams();
  const { get, set, search } = useUrlState();
  const patient = useJson<{ patient: PatientRow; enrolments: Row[] }>(`/patients/${encodeURIComponent(personId)}`);
  const timeline = useJson<{ from: string; to: string; events: Row[]; spec: TopLevelSpec }>(`/patients/${encodeURIComponent(personId)}/timeline`);
  const claim = get('claim');
  const episode = get('episode');
  const claimParams = episode ? { episodeId: episode } : claim ? { claimId: claim, dataSource: get('ds') } : null;
  const claims = useLoad(JSON.stringify({ personId, claimParams }), (signal) =>
    claimParams ? getJson<TablePage<Row>>(`/patients/${encodeURIComponent(personId)}/claims`, claimParams, signal) : Promise.resolve(null),
  );
  const selectEvent = (e: Row) =>
    e.kind === 'inpatient' && e.episode_id
      ? set({ episode: String(e.episode_id), claim: null, ds: null })
      : e.claim_id
        ? set({ claim: String(e.claim_id), ds: e.data_source == null ? null : String(e.data_source), episode: null })
        : undefined;

  const eventColumns: Column<Row>[] = [
    { key: 'event_date', label: 'From', render: (r) => formatDate(r.event_date as string) },
    { key: 'end_date', label: 'To', render: (r) => formatDate(r.end_date as string) },
    { key: 'kind', label: 'Contact', render: (r) => kindLabels[String(r.kind)] ?? String(r.kind) },
    { key: 'label', label: 'Detail' },
    { key: 'paid_amount', label: 'Paid', numeric: true, render: (r) => formatMoney(r.paid_amount as number) },
    {
      key: 'claims',
      label: 'Claims',
      render: (r) =>
        r.claim_id || r.episode_id ? (
          <button type="button" className="link-button" onClick={() => selectEvent(r)}>
            Show claims
          </button>
        ) : (
          '—'
        ),
      csv: (r) => r.claim_id ?? r.episode_id,
    },
  ];
  const claimColumns: Column<Row>[] = [
    { key: 'claim_id', label: 'Claim' },
    { key: 'claim_line_number', label: 'Line', numeric: true },
    { key: 'claim_type', label: 'Type' },
    { key: 'claim_start_date', label: 'From', render: (r) => formatDate(r.claim_start_date as string) },
    { key: 'claim_end_date', label: 'To', render: (r) => formatDate(r.claim_end_date as string) },
    { key: 'bill_type_code', label: 'Bill type' },
    { key: 'revenue_center_code', label: 'Revenue' },
    { key: 'hcpcs_code', label: 'HCPCS' },
    { key: 'place_of_service_code', label: 'POS' },
    { key: 'diagnosis_code_1', label: 'Diagnosis 1' },
    { key: 'paid_amount', label: 'Paid', numeric: true, render: (r) => formatMoney(r.paid_amount as number) },
  ];
  const enrolmentColumns: Column<Row>[] = [
    { key: 'program', label: 'Program' },
    { key: 'enrollment_start_date', label: 'Enrolled', render: (r) => formatDate(r.enrollment_start_date as string) },
    { key: 'enrollment_end_date', label: 'Until', render: (r) => (r.enrollment_end_date ? formatDate(r.enrollment_end_date as string) : 'Still enrolled') },
    { key: 'case_manager_name', label: 'Case manager', render: (r) => String(r.case_manager_name ?? r.case_manager_id ?? '—') },
    { key: 'acuity', label: 'Acuity', render: (r) => String(r.acuity ?? '—') },
  ];

  return (
    <>
      <header className="view-head">
        <p className="breadcrumb">
          <Link to={`/patients${carryFilters(search)}`}>← Patients</Link>
        </p>
        <h1>Patient {personId}</h1>
      </header>
      <Load state={patient} label="Loading patient…">
        {({ patient: p, enrolments }) => (
          <>
            <section className="patient-summary panel" aria-label="Summary">
              <dl className="facts">
                <Fact term="Sex, age" value={`${capitalise(String(p.sex ?? '—'))}, ${p.age ?? '—'}`} />
                <Fact term="Payer" value={String(p.payer ?? '—')} />
                <Fact term="Cohort now" value={cohortText[String(p.current_cohort)] ?? String(p.current_cohort)} />
                <Fact term="Program" value={p.program ? `${p.program} since ${formatDate(p.enrolled_since as string)}` : '—'} />
                <Fact term="Case manager" value={String(p.case_manager_name ?? p.case_manager_id ?? '—')} />
                <Fact term="Conditions" value={((p.conditions as string[] | null) ?? []).map(formatCondition).join(', ') || 'None of the target conditions'} />
                <Fact term="Last discharge" value={`${p.last_discharge_date ? `${formatDate(p.last_discharge_date as string)} (${formatCount(p.days_since_discharge as number)} days ago)` : 'None'}${p.in_hospital ? '; in hospital now' : ''}`} />
                <Fact term={<DefinitionLink id="followup_7d">7-day follow-up</DefinitionLink>} value={followupStatus(p)} />
              </dl>
              <table className="data-table compact utilization">
                <caption>
                  <DefinitionLink id="utilization">Utilization</DefinitionLink>
                </caption>
                <thead>
                  <tr>
                    <th scope="col" />
                    <th scope="col" className="num">Last 12 months</th>
                    <th scope="col" className="num">12 months before</th>
                  </tr>
                </thead>
                <tbody>
                  <tr><th scope="row">Admissions</th><td className="num">{formatCount(p.admissions_12m as number)}</td><td className="num">{formatCount(p.admissions_prior_12m as number)}</td></tr>
                  <tr><th scope="row">ED visits</th><td className="num">{formatCount(p.ed_visits_12m as number)}</td><td className="num">{formatCount(p.ed_visits_prior_12m as number)}</td></tr>
                  <tr><th scope="row">Readmissions</th><td className="num">{formatCount(p.readmissions_12m as number)}</td><td className="num">—</td></tr>
                  <tr><th scope="row">Bed days</th><td className="num">{formatCount(p.bed_days_12m as number)}</td><td className="num">—</td></tr>
                  <tr><th scope="row">Paid</th><td className="num">{formatMoney(p.paid_12m as number)}</td><td className="num">{formatMoney(p.paid_prior_12m as number)}</td></tr>
                </tbody>
              </table>
            </section>
            <section className="panel" aria-label="Timeline">
              <Load state={timeline} label="Loading timeline…">
                {(t) =>
                  t.events.length === 0 ? (
                    <div className="state state-empty">No encounters in the last 24 months.</div>
                  ) : (
                    <>
                      <VegaChart spec={t.spec} fileName={`patient-${personId}-timeline`} onSelect={selectEvent} />
                      <Load state={claims} label="Loading claims…">
                        {(c) =>
                          c ? (
                            <DataTable id="claims-table" caption={episode ? `Claims of stay ${episode}` : `Claim ${claim}`} columns={claimColumns} rows={c.rows} fileName={`patient-${personId}-claims`} empty="No claim lines found for this event (it may come from an encounter extract)." />
                          ) : (
                            <p className="note">Click a mark in the timeline, or “Show claims” below, to see the claims behind an event.</p>
                          )
                        }
                      </Load>
                      <DataTable caption="Encounters, last 24 months" columns={eventColumns} rows={t.events} fileName={`patient-${personId}-encounters`} empty="No encounters." />
                    </>
                  )
                }
              </Load>
            </section>
            <section className="panel" aria-label="Enrolment history">
              <DataTable caption="Program enrolment history" columns={enrolmentColumns} rows={enrolments} fileName={`patient-${personId}-enrolments`} empty="Never enrolled in a case-management program." />
            </section>
          </>
        )}
      </Load>
    </>
  );
}

function Fact({ term, value }: { term: React.ReactNode; value: string }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
