/** Program (administrator): "Does the program pay for itself? What will the finance committee challenge?" */
import { useNavigate } from 'react-router';
import type { TopLevelSpec } from 'vega-lite';
import { useJson } from '../api.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { DefinitionLink } from '../components/Definitions.tsx';
import { Load, Suppressed } from '../components/States.tsx';
import { VegaChart } from '../components/VegaChart.tsx';
import { aggregateParams, carryFilters, useUrlState } from '../urlState.ts';
import { formatCount, formatMeasure, formatMoney, formatPeriod, formatRate } from '../format.ts';
import { useMeta } from '../meta.tsx';
import { useSession, useSuppressedText } from '../auth.tsx';
import { ProgramEvaluation } from './program/Evaluation.tsx';

interface ComparisonRow {
  measure: string;
  cohort: string;
  cohortId: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

/** A before/after row; a null count is suppressed. */
interface PrePostRow {
  relative_month: number;
  member_months: number | null;
  members: number | null;
  admissions: number | null;
  ed_visits: number | null;
  bed_days: number | null;
  paid_amount: number | null;
  admissions_per_1000: number | null;
  ed_visits_per_1000: number | null;
  suppressed?: boolean;
}

export function Program() {
  const { filters, search } = useUrlState();
  const meta = useMeta();
  const navigate = useNavigate();
  const { can } = useSession();
  const hidden = useSuppressedText();
  const drill = (datum: Record<string, unknown>) => {
    const events = meta.measures.find((m) => m.id === datum.measure)?.events;
    if (events && datum.cohort) navigate(`/drill${carryFilters(search, { events, cohort: String(datum.cohort), back: '/program' })}`);
  };
  const comparison = useJson<{ period: { from: string; to: string }; rows: ComparisonRow[]; spec: TopLevelSpec }>('/program/comparison', aggregateParams(filters));
  const prePost = useJson<{ rows: PrePostRow[]; spec: TopLevelSpec }>('/program/pre-post', { program: filters.program });
  const formatOf = (label: string) => meta.measures.find((m) => m.label === label)?.format ?? ',.1f';
  const idOf = (label: string) => meta.measures.find((m) => m.label === label)?.id ?? 'cohorts';

  const comparisonColumns: Column<ComparisonRow>[] = [
    { key: 'measure', label: 'Measure', render: (r) => <DefinitionLink id={idOf(r.measure)}>{r.measure}</DefinitionLink>, csv: (r) => r.measure },
    { key: 'cohort', label: 'Cohort' },
    { key: 'value', label: 'Value', numeric: true, render: (r) => (r.suppressed ? <Suppressed /> : formatMeasure(r.value, formatOf(r.measure))), csv: (r) => (r.suppressed ? hidden : r.value) },
    { key: 'interval', label: '95 % interval', numeric: true, definition: 'interval', render: (r) => (r.lower == null ? '—' : `${formatMeasure(r.lower, formatOf(r.measure))}–${formatMeasure(r.upper, formatOf(r.measure))}`), csv: (r) => (r.lower == null ? '' : `${r.lower}–${r.upper}`) },
    { key: 'numerator', label: 'Events', numeric: true, render: (r) => (r.numerator == null ? <Suppressed /> : formatCount(r.numerator)), csv: (r) => r.numerator ?? hidden },
    { key: 'denominator', label: 'Denominator', numeric: true, render: (r) => (r.denominator == null ? <Suppressed /> : formatCount(r.denominator)), csv: (r) => r.denominator ?? hidden },
  ];
  /** A count column of the before/after table: "<11" on screen and in the CSV when suppressed. */
  const count = (key: keyof PrePostRow, label: string, format: (v: number) => string = formatCount): Column<PrePostRow> => ({
    key,
    label,
    numeric: true,
    render: (r) => (r[key] == null ? <Suppressed /> : format(r[key] as number)),
    csv: (r) => r[key] ?? hidden,
  });
  const rate = (key: 'admissions_per_1000' | 'ed_visits_per_1000', label: string): Column<PrePostRow> => ({
    key,
    label,
    numeric: true,
    definition: key,
    render: (r) => (r[key] == null && r.suppressed ? <Suppressed /> : formatRate(r[key])),
    csv: (r) => (r[key] == null && r.suppressed ? hidden : r[key]),
  });
  const prePostColumns: Column<PrePostRow>[] = [
    { key: 'relative_month', label: 'Months from enrolment', numeric: true, render: (r) => (r.relative_month > 0 ? `+${r.relative_month}` : String(r.relative_month)) },
    count('members', 'Members'),
    count('member_months', 'Member months'),
    count('admissions', 'Admissions'),
    rate('admissions_per_1000', 'Admissions per 1,000'),
    count('ed_visits', 'ED visits'),
    rate('ed_visits_per_1000', 'ED visits per 1,000'),
    count('bed_days', 'Bed days'),
    count('paid_amount', 'Paid', formatMoney),
  ];

  return (
    <>
      <header className="view-head">
        <h1>Program</h1>
        <p className="view-question">Does the program pay for itself? Managed members against comparable unmanaged ones, and the same members before and after enrolment.</p>
      </header>
      <FilterBar show={{ period: true, condition: true, payer: true, program: true }} />
      <ProgramEvaluation />
      <section className="panel" aria-labelledby="comparison-heading">
        <h2 id="comparison-heading" className="section-title">
          Managed vs unmanaged <DefinitionLink id="cohorts" compact />
        </h2>
        <Load state={comparison} label="Loading comparison…">
          {(data) => (
            <>
              <VegaChart spec={data.spec} fileName="managed-vs-unmanaged" onSelect={can.drill ? drill : undefined} />
              <DataTable
                caption={`Managed vs unmanaged, ${formatPeriod(data.period)}`}
                columns={comparisonColumns}
                rows={data.rows}
                fileName="managed-vs-unmanaged"
                empty="No member months in this period for this selection."
              />
              <p className="note">
                A naive comparison: managed members were chosen for the program, often because they were sicker, so the difference is not the program’s effect by itself.
              </p>
            </>
          )}
        </Load>
      </section>
      <section className="panel" aria-labelledby="prepost-heading">
        <h2 id="prepost-heading" className="section-title">
          Before vs after enrolment <DefinitionLink id="pre_post" compact />
        </h2>
        <Load state={prePost} label="Loading before and after…">
          {(data) =>
            data.rows.length === 0 ? (
              <div className="state state-empty">No enrolments for this program.</div>
            ) : (
              <>
                <VegaChart spec={data.spec} fileName="before-after-enrolment" />
                <DataTable caption="Enrolled members by month from enrolment" columns={prePostColumns} rows={data.rows} fileName="before-after-enrolment" empty="No enrolments." />
              </>
            )
          }
        </Load>
      </section>
    </>
  );
}
