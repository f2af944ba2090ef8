/** A table of rows with formatted cells, an empty state and CSV export of exactly the rows shown. */
import type { ReactNode } from 'react';
import { DefinitionLink } from './Definitions.tsx';

export interface Column<R> {
  key: string;
  label: string;
  /** Cell content; default: the raw value. */
  render?: (row: R) => ReactNode;
  /** CSV value; default: the raw value. */
  csv?: (row: R) => unknown;
  numeric?: boolean;
  /** Measure definition linked from the header. */
  definition?: string;
  /** Header sort button when the table is sortable by this column. */
  sortKey?: string;
}

interface Props<R> {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  empty: ReactNode;
  fileName: string;
  sort?: { key: string; dir: 'asc' | 'desc'; onSort: (key: string) => void };
  footer?: ReactNode;
  id?: string;
}

function csvCell(value: unknown): string {
  if (value == null) return '';
  const text = Array.isArray(value) ? value.join('; ') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of `rows` under `columns` (header line first). */
export function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  const header = columns.map((c) => csvCell(c.label)).join(',');
  const lines = rows.map((row) => columns.map((c) => csvCell(c.csv ? c.csv(row) : (row as Record<string, unknown>)[c.key])).join(','));
  return [header, ...lines].join('\r\n') + '\r\n';
}

function downloadCsv(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${fileName}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DataTable<R>({ caption, columns, rows, empty, fileName, sort, footer, id }: Props<R>) {
  return (
    <div className="table-block" id={id}>
      <div className="table-head">
        <h3 className="table-caption">{caption}</h3>
        {rows.length > 0 && (
          <button type="button" className="link-button" onClick={() => downloadCsv(toCsv(columns, rows), fileName)}>
            Download CSV
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <div className="state state-empty">{empty}</div>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort && c.sortKey && sort.key === c.sortKey ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                    {sort && c.sortKey ? (
                      <button type="button" className="sort-button" onClick={() => sort.onSort(c.sortKey!)}>
                        {c.label}
                        <span aria-hidden="true">{sort.key === c.sortKey ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    ) : (
                      c.label
                    )}
                    {c.definition && <DefinitionLink id={c.definition} compact />}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  {columns.map((c) => (
                    <td key={c.key} className={c.numeric ? 'num' : undefined}>
                      {c.render ? c.render(row) : String((row as Record<string, unknown>)[c.key] ?? '—')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {footer}
    </div>
  );
}

/** Previous/next buttons for a paged table; `page` is 1-based. */
export function Pager({ page, pageSize, total, onPage, label }: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string }) {
  if (total <= pageSize) return <p className="pager-note">{total.toLocaleString('en-US')} {total === 1 ? 'row' : 'rows'}</p>;
  const last = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>Previous</button>
      <span>
        Rows {((page - 1) * pageSize + 1).toLocaleString('en-US')}–{Math.min(page * pageSize, total).toLocaleString('en-US')} of {total.toLocaleString('en-US')}
      </span>
      <button type="button" disabled={page >= last} onClick={() => onPage(page + 1)}>Next</button>
    </nav>
  );
}
