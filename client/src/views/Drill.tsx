/** Drill-down: the events and patients behind one number of a chart (month × cohort). */
import { Link } from 'react-router';
import { getArrowPage, useLoad } from '../api.ts';
import { DataTable, Pager, type Column } from '../components/DataTable.tsx';
import { Load } from '../components/States.tsx';
import { carryFilters, useUrlState } from '../urlState.ts';
import { formatCondition, formatCount, formatDate, formatMoney, formatMonth } from '../format.ts';
import { cohortLabels, type CohortId } from '../palette.ts';
import { resolvePeriod, useMeta } from '../meta.tsx';

type Row = Record<string, unknown>;

const titles: Record<string, string> = {
  admissions: 'Admissions',
  ed_visits: 'ED visits',
  readmissions: 'Index stays and their 30-day readmissions',
};

const yesNo = (v: unknown) => (v == null ? '—' : v ? 'Yes' : 'No');
const diagnosis = (r: Row) => [r.principal_dx, r.principal_ccs_description].filter(Boolean).join(' · ') || '—';

export function Drill() {
  const { filters, get, set, search } = useUrlState();
  const meta = useMeta();
  const events = get('events') ?? 'admissions';
  const month = get('month');
  const cohort = (get('cohort') ?? 'all') as CohortId;
  const page = Number(get('page') ?? 1);
  const params = { events, month, from: month ? undefined : filters.from, to: month ? undefined : filters.to, cohort, condition: filters.condition, payer: filters.payer, program: filters.program, page, pageSize: 100 };
  const state = useLoad(JSON.stringify(params), (signal) => getArrowPage<Row>('/drill', params, signal));
  const personLink = (row: Row) => (
    <Link to={`/patients/${encodeURIComponent(String(row.person_id))}${carryFilters(search)}`}>{String(row.person_id)}</Link>
  );
  const columns: Column<Row>[] =
    events === 'ed_visits'
      ? [
          { key: 'visit_date', label: 'Visit date', render: (r) => formatDate(r.visit_date as string) },
          { key: 'person_id', label: 'Patient', render: personLink },
          { key: 'led_to_admission', label: 'Led to admission', render: (r) => yesNo(r.led_to_admission) },
          { key: 'source', label: 'Billed as', render: (r) => (r.source === 'inpatient_only' ? 'Inpatient claim only' : 'Outpatient ED') },
          { key: 'paid_amount', label: 'Paid', numeric: true, render: (r) => formatMoney(r.paid_amount as number) },
        ]
      : [
          { key: 'admission_date', label: 'Admitted', render: (r) => formatDate(r.admission_date as string) },
          { key: 'discharge_date', label: 'Discharged', render: (r) => formatDate(r.discharge_date as string) },
          { key: 'person_id', label: 'Patient', render: personLink },
          { key: 'los', label: 'Length of stay (days)', numeric: true, render: (r) => formatCount(r.los as number) },
          { key: 'principal_dx', label: 'Principal diagnosis', render: (r) => diagnosis(r), csv: (r) => diagnosis(r) },
          ...(events === 'readmissions'
            ? [
                { key: 'readmitted', label: 'Readmitted within 30 days', render: (r: Row) => yesNo(r.readmitted) },
                { key: 'days_to_readmission', label: 'Days to next admission', numeric: true, render: (r: Row) => (r.days_to_readmission == null ? '—' : `${formatCount(r.days_to_readmission as number)}${r.readmission_planned ? ' (planned)' : ''}`) },
              ]
            : [
                { key: 'admitted_through_ed', label: 'Through the ED', render: (r: Row) => yesNo(r.admitted_through_ed) },
                { key: 'paid_amount', label: 'Paid', numeric: true, render: (r: Row) => formatMoney(r.paid_amount as number) },
              ]),
        ];
  const slice = [
    filters.condition !== 'any' ? formatCondition(filters.condition) : null,
    filters.payer !== 'all' ? filters.payer : null,
    filters.program !== 'all' ? filters.program : null,
  ].filter(Boolean);
  const period = resolvePeriod(filters, { ...meta.build, pipeline_version: null });
  const when = month ? `in ${formatMonth(month)}` : `${formatMonth(period.from)} – ${formatMonth(period.to)}`;
  const title = `${titles[events] ?? events} ${when} · ${cohortLabels[cohort] ?? cohort}`;
  return (
    <>
      <header className="view-head">
        <p className="breadcrumb">
          <Link to={`${get('back') ?? '/'}${carryFilters(search)}`}>← {get('back') === '/program' ? 'Program' : 'Overview'}</Link>
        </p>
        <h1>{title}</h1>
        <p className="view-question">{slice.length ? `Only ${slice.join(', ')}.` : 'All conditions, payers and programs.'} Each row is one event; open a patient for their timeline.</p>
      </header>
      <Load state={state} label="Loading events…">
        {(data) => (
          <DataTable
            id="drill-table"
            caption={`${formatCount(data.total)} ${data.total === 1 ? 'event' : 'events'}`}
            columns={columns}
            rows={data.rows}
            fileName={`${events}-${month ?? 'period'}-${cohort}`}
            empty={`No ${(titles[events] ?? events).toLowerCase()} ${when} for this cohort.`}
            footer={<Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => set({ page: p })} label="Events" />}
          />
        )}
      </Load>
    </>
  );
}
