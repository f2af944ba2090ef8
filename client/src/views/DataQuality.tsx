/** Data quality: ingest batches with reconciliation, rejects with reasons, and the data-quality mart. */
import { getArrowPage, useJson, useLoad } from '../api.ts';
import { DataTable, Pager, type Column } from '../components/DataTable.tsx';
import { Load } from '../components/States.tsx';
import { useUrlState } from '../urlState.ts';
import { formatCount, formatDate } from '../format.ts';

type Row = Record<string, unknown>;

const count = (key: string, label: string): Column<Row> => ({ key, label, numeric: true, render: (r) => formatCount(r[key] as number) });
const metricLabel = (metric: string) => metric.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

export function DataQuality() {
  const { get, set } = useUrlState();
  const page = Number(get('rPage') ?? 1);
  const state = useJson<{ batches: Row[]; files: Row[]; metrics: Row[] }>('/data-quality');
  const rejects = useLoad(`rejects-${page}`, (signal) => getArrowPage<Row>('/data-quality/rejects', { page, pageSize: 50 }, signal));

  const batchColumns: Column<Row>[] = [
    { key: 'batch_id', label: 'Batch', numeric: true },
    { key: 'status', label: 'Status' },
    { key: 'format', label: 'Format' },
    { key: 'finished_at', label: 'Loaded', render: (r) => formatDate(String(r.finished_at ?? '').slice(0, 10)) },
    count('rows_read', 'Rows read'),
    count('rows_loaded', 'Loaded'),
    count('rows_rejected', 'Rejected'),
    count('rows_replaced', 'Replaced'),
    { key: 'reconciled', label: 'Read = loaded + rejected', render: reconciled, csv: reconciled },
  ];
  const fileColumns: Column<Row>[] = [
    { key: 'batch_id', label: 'Batch', numeric: true },
    { key: 'file', label: 'File' },
    { key: 'table_name', label: 'Table' },
    count('rows_read', 'Rows read'),
    count('rows_loaded', 'Loaded'),
    count('rows_rejected', 'Rejected'),
    count('rows_replaced', 'Replaced'),
    count('rows_warned', 'Values blanked'),
    { key: 'reconciled', label: 'Read = loaded + rejected', render: reconciled, csv: reconciled },
  ];
  const metricColumns: Column<Row>[] = [
    { key: 'metric', label: 'Check', render: (r) => metricLabel(String(r.metric)) },
    { key: 'value', label: 'Count', numeric: true, render: (r) => formatCount(r.value as number) },
    { key: 'detail', label: 'Detail', render: (r) => String(r.detail ?? '—') },
  ];
  const rejectColumns: Column<Row>[] = [
    { key: 'batch_id', label: 'Batch', numeric: true },
    { key: 'file', label: 'File' },
    { key: 'line', label: 'Line', numeric: true },
    { key: 'column_name', label: 'Column', render: (r) => String(r.column_name ?? '—') },
    { key: 'value', label: 'Value', render: (r) => String(r.value ?? '—') },
    { key: 'reason', label: 'Reason' },
  ];
  return (
    <>
      <header className="view-head">
        <h1>Data quality</h1>
        <p className="view-question">What was loaded, what was rejected and why, and what the measures had to leave out.</p>
      </header>
      <Load state={state} label="Loading data quality…">
        {(data) => (
          <>
            <section className="panel">
              <DataTable caption="Ingest batches" columns={batchColumns} rows={data.batches} fileName="ingest-batches" empty="No ingest batches recorded." />
            </section>
            <section className="panel">
              <DataTable caption="Files and reconciliation" columns={fileColumns} rows={data.files} fileName="ingest-files" empty="No files recorded." />
            </section>
            <section className="panel">
              <DataTable caption="Checks made by the measure pipeline" columns={metricColumns} rows={data.metrics} fileName="data-quality" empty="The data-quality mart is empty." />
            </section>
          </>
        )}
      </Load>
      <section className="panel">
        <Load state={rejects} label="Loading rejects…">
          {(data) => (
            <DataTable
              caption="Rejected rows"
              columns={rejectColumns}
              rows={data.rows}
              fileName="ingest-rejects"
              empty="No rows were rejected."
              footer={<Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => set({ rPage: p })} label="Rejected rows" />}
            />
          )}
        </Load>
      </section>
    </>
  );
}

function reconciled(r: Row): string {
  if (r.rows_read == null) return '—';
  return Number(r.rows_read) === Number(r.rows_loaded) + Number(r.rows_rejected) ? 'Yes' : 'No';
}
