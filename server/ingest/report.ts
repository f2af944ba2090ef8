/** Human-readable reconciliation of a batch, printed by `caseload ingest`. */
import type { IngestSummary, RowIssue } from './types.ts';

const MAX_VALUE = 60;

function table(rows: string[][], rightAligned: Set<number>): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  return rows
    .map((row) => row.map((cell, col) => (rightAligned.has(col) ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd())
    .join('\n');
}

const n = (value: number) => value.toLocaleString('en-US');

function shown(value: string | null): string {
  if (value === null) return '(blank)';
  const flat = JSON.stringify(value);
  return flat.length > MAX_VALUE ? `${flat.slice(0, MAX_VALUE)}…" (${n(value.length)} chars)` : flat;
}

function issueLine(issue: RowIssue): string {
  const where = [issue.file, issue.line === null ? null : `line ${issue.line}`, issue.column_name].filter(Boolean).join(', ');
  return `  ${where}: ${issue.reason} — value ${shown(issue.value)}`;
}

/** Formats the batch summary: format choice, per-file reconciliation, ignored files, sample rejects. */
export function formatSummary(summary: IngestSummary): string {
  const out: string[] = [];
  const verb = summary.status === 'no-op' ? 'no-op (every file was already ingested)' : 'loaded';
  out.push(`Batch ${summary.batch_id} ${verb} from ${summary.dir} in ${(summary.elapsed_ms / 1000).toFixed(1)} s (format ${summary.format}, ${summary.format_reason}).`);
  out.push('');
  const rows = [['file', 'table', 'read', 'loaded', 'rejected', 'replaced', 'warned', 'note']];
  for (const f of summary.files) {
    const note = f.skipped_same_content
      ? `already ingested in batch ${f.same_content_batch_id}`
      : f.line_numbers === 'approximate'
        ? 'line numbers approximate'
        : '';
    rows.push([f.file, f.table, n(f.rows_read), n(f.rows_loaded), n(f.rows_rejected), n(f.rows_replaced), n(f.rows_warned), note]);
  }
  for (const name of summary.ignored) rows.push([name, '-', '', '', '', '', '', 'ignored: not a canonical table']);
  out.push(table(rows, new Set([2, 3, 4, 5, 6])));
  const rejected = summary.files.reduce((s, f) => s + f.rows_rejected, 0);
  if (rejected > 0) {
    out.push('', `Rejected rows (all in ingest_rejects, batch_id = ${summary.batch_id}):`);
    out.push(...summary.reject_sample.map(issueLine));
  }
  const warned = summary.files.reduce((s, f) => s + f.rows_warned, 0);
  if (warned > 0) {
    out.push('', `Values loaded as NULL (all in ingest_warnings, batch_id = ${summary.batch_id}):`);
    out.push(...summary.warning_sample.map(issueLine));
  }
  if (summary.notes.length > 0) out.push('', ...summary.notes);
  return out.join('\n') + '\n';
}
