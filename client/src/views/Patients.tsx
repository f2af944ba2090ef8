/** Patients (case manager): "Who needs me today?" */
import { Link } from 'react-router';
import { getArrowPage, useLoad } from '../api.ts';
import { DataTable, Pager, type Column } from '../components/DataTable.tsx';
import { DefinitionLink } from '../components/Definitions.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { Load } from '../components/States.tsx';
import { useSession } from '../auth.tsx';
import { carryFilters, useUrlState } from '../urlState.ts';
import { formatCondition, formatCount, formatDate, formatMoney } from '../format.ts';

export type PatientRow = Record<string, unknown> & { person_id: string };

const conditionsText = (r: PatientRow) => ((r.conditions as string[] | null) ?? []).map(formatCondition).join(', ') || '—';

/** Follow-up status against the 7-day window after the last discharge. */
export function followupStatus(r: PatientRow): string {
  if (r.last_discharge_date == null) return '—';
  if (r.followup_7d) return 'Done';
  const days = Number(r.days_since_discharge);
  return days <= 7 ? `Not yet: ${7 - days} ${7 - days === 1 ? 'day' : 'days'} left` : 'Missed';
}

function usePersonLink() {
  const { search } = useUrlState();
  return (r: PatientRow) => <Link to={`/patients/${encodeURIComponent(r.person_id)}${carryFilters(search)}`}>{r.person_id}</Link>;
}

const utilization = (): Column<PatientRow>[] => [
  { key: 'ed_visits_12m', label: 'ED visits', numeric: true, sortKey: 'ed_visits_12m', render: (r) => formatCount(r.ed_visits_12m as number) },
  { key: 'admissions_12m', label: 'Admissions', numeric: true, sortKey: 'admissions_12m', render: (r) => formatCount(r.admissions_12m as number) },
  { key: 'bed_days_12m', label: 'Bed days', numeric: true, sortKey: 'bed_days_12m', render: (r) => formatCount(r.bed_days_12m as number) },
  { key: 'paid_12m', label: 'Paid', numeric: true, sortKey: 'paid_12m', render: (r) => formatMoney(r.paid_12m as number) },
];

export function Patients() {
  const personLink = usePersonLink();
  const ownCaseload = useSession().caseManagerScope === 'own';
  const discharged: Column<PatientRow>[] = [
    { key: 'person_id', label: 'Patient', render: personLink },
    { key: 'last_discharge_date', label: 'Discharged', render: (r) => formatDate(r.last_discharge_date as string) },
    { key: 'days_since_discharge', label: 'Days since', numeric: true, render: (r) => formatCount(r.days_since_discharge as number) },
    { key: 'followup', label: '7-day follow-up', definition: 'followup_7d', render: (r) => <span className={followupStatus(r) === 'Missed' ? 'status-missed' : undefined}>{followupStatus(r)}</span>, csv: followupStatus },
    { key: 'conditions', label: 'Conditions', render: conditionsText },
    { key: 'case_manager_name', label: 'Case manager', render: (r) => String(r.case_manager_name ?? r.case_manager_id ?? '—') },
  ];
  const worklist: Column<PatientRow>[] = [
    { key: 'person_id', label: 'Patient', render: personLink, sortKey: 'person_id' },
    { key: 'conditions', label: 'Conditions', render: conditionsText },
    ...utilization(),
    { key: 'last_discharge_date', label: 'Last discharge', render: (r) => formatDate(r.last_discharge_date as string) },
    { key: 'days_since_discharge', label: 'Days since', numeric: true, sortKey: 'days_since_discharge', render: (r) => formatCount(r.days_since_discharge as number) },
    { key: 'followup_7d', label: '7-day follow-up', definition: 'followup_7d', render: followupStatus, csv: followupStatus },
    { key: 'case_manager_name', label: 'Case manager', render: (r) => String(r.case_manager_name ?? r.case_manager_id ?? '—') },
  ];
  const caseFinding: Column<PatientRow>[] = [
    { key: 'person_id', label: 'Patient', render: personLink, sortKey: 'person_id' },
    { key: 'conditions', label: 'Conditions', render: conditionsText },
    { key: 'payer', label: 'Payer' },
    ...utilization(),
    { key: 'last_discharge_date', label: 'Last discharge', render: (r) => formatDate(r.last_discharge_date as string) },
  ];
  return (
    <>
      <header className="view-head">
        <h1>Patients</h1>
        <p className="view-question">Who needs me today? Recent discharges first, then the caseload, then who to enrol next.</p>
      </header>
      <FilterBar show={{ caseManager: !ownCaseload, program: true, condition: true, payer: true }} resets={['dPage', 'wPage', 'cPage']} />
      <p className="note">
        {ownCaseload ? 'The first two lists show your own caseload; program narrows them.' : 'Case manager and program narrow the first two lists.'} Condition and payer narrow case finding.
      </p>
      <PatientList
        prefix="d"
        title="Discharged in the last 30 days without a 7-day follow-up visit"
        path="/patients/discharged"
        columns={discharged}
        empty="No patient of this caseload was discharged in the last 30 days without a follow-up visit."
        defaultSort="days_since_discharge"
        defaultDir="asc"
        fixedSort
      />
      <PatientList
        prefix="w"
        title="Caseload by recent utilization (last 12 months)"
        path="/patients/worklist"
        columns={worklist}
        empty="No managed patients for this case manager and program."
        definition="utilization"
      />
      <PatientList
        prefix="c"
        title="Case finding: unmanaged patients with a target condition, by recent utilization"
        path="/patients/case-finding"
        columns={caseFinding}
        empty="No unmanaged patients in the target population."
        definition="target_population"
        population
      />
    </>
  );
}

interface ListProps {
  prefix: string;
  title: string;
  path: string;
  columns: Column<PatientRow>[];
  empty: string;
  defaultSort?: string;
  defaultDir?: 'asc' | 'desc';
  fixedSort?: boolean;
  definition?: string;
  /** Case finding: filtered by population (condition, payer), not by case manager. */
  population?: boolean;
}

function PatientList({ prefix, title, path, columns, empty, defaultSort = 'utilization', defaultDir = 'desc', fixedSort, definition, population }: ListProps) {
  const { filters, get, set } = useUrlState();
  const sort = get(`${prefix}Sort`) ?? defaultSort;
  const dir = (get(`${prefix}Dir`) ?? defaultDir) as 'asc' | 'desc';
  const page = Number(get(`${prefix}Page`) ?? 1);
  const params: Record<string, string | number | undefined> = population
    ? { condition: filters.condition, payer: filters.payer, sort, dir, page, pageSize: 15 }
    : { caseManager: filters.caseManager, program: filters.program, ...(fixedSort ? {} : { sort }), dir, page, pageSize: 15 };
  const state = useLoad(path + JSON.stringify(params), (signal) => getArrowPage<PatientRow>(path, params, signal));
  const onSort = (key: string) =>
    set({ [`${prefix}Sort`]: key, [`${prefix}Dir`]: key === sort && dir === 'desc' ? 'asc' : 'desc', [`${prefix}Page`]: null });
  return (
    <section className="panel" aria-label={title} data-list={path.split('/').pop()}>
      <Load state={state} label="Loading patients…">
        {(data) => (
          <DataTable
            caption={title}
            columns={columns}
            rows={data.rows}
            fileName={path.split('/').pop()!}
            empty={empty}
            sort={fixedSort ? undefined : { key: sort, dir, onSort }}
            footer={
              <div className="table-foot">
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => set({ [`${prefix}Page`]: p })} label={title} />
                {definition && <DefinitionLink id={definition}>What counts here?</DefinitionLink>}
              </div>
            }
          />
        )}
      </Load>
    </section>
  );
}
