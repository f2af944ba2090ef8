/**
 * Tables ingest writes (DESIGN.md "Ingest rules"): one `raw_*` table per canonical input
 * table, plus the batch log, per-file reconciliation, row rejects and kept-but-flagged values.
 *
 * `rule` codes, stable for data-quality reporting:
 *   ingest_rejects: missing_value, unparseable_date, impossible_date, date_order,
 *     not_integer, duplicate_key, and csv_<DuckDB error type> for rows the CSV reader could
 *     not parse (csv_missing_columns, csv_too_many_columns, csv_invalid_encoding,
 *     csv_unquoted_value, csv_line_size_over_maximum, …);
 *   ingest_warnings (value loaded as NULL): unparseable_date, impossible_date, not_number,
 *     not_integer.
 */
import { canonicalTables, rawMetaColumns, rawTableDdl } from '../engine/contract.ts';
import type { Database } from '../engine/db.ts';

const ingestTableDdl = [
  `CREATE TABLE IF NOT EXISTS ingest_batches (
  batch_id INTEGER PRIMARY KEY,
  status VARCHAR NOT NULL,          -- 'loaded' or 'no-op'
  format VARCHAR NOT NULL,          -- 'tuva', 'synthea'
  format_reason VARCHAR,            -- why this format was chosen (flag or detection evidence)
  dir VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  elapsed_ms BIGINT NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  rows_replaced BIGINT NOT NULL,
  rows_warned BIGINT NOT NULL,
  ignored_files VARCHAR[]
)`,
  `CREATE TABLE IF NOT EXISTS ingest_files (
  batch_id INTEGER NOT NULL,
  file VARCHAR NOT NULL,            -- file name inside the batch folder
  path VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,      -- canonical table it feeds
  sha256 VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  rows_read BIGINT NOT NULL,        -- = rows_loaded + rows_rejected
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  rows_replaced BIGINT NOT NULL,    -- loaded rows whose key an earlier batch had loaded
  rows_warned BIGINT NOT NULL,      -- loaded rows with at least one value set to NULL
  skipped_same_content BOOLEAN NOT NULL,
  same_content_batch_id INTEGER,    -- the batch that loaded these exact bytes, when skipped
  line_numbers VARCHAR NOT NULL,    -- 'exact', or 'approximate' when they could not be resolved
  PRIMARY KEY (batch_id, file)
)`,
  `CREATE TABLE IF NOT EXISTS ingest_rejects (
  batch_id INTEGER NOT NULL,
  file VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  line BIGINT,                      -- 1-based physical line (header = 1); Parquet: 1-based row
  column_name VARCHAR,
  value VARCHAR,                    -- the value as given, or the raw line for unreadable rows
  rule VARCHAR NOT NULL,            -- stable code, e.g. 'missing_value', 'duplicate_key'
  reason VARCHAR NOT NULL           -- human-readable explanation
)`,
  `CREATE TABLE IF NOT EXISTS ingest_line_segments (
  batch_id INTEGER NOT NULL,        -- a committed batch whose new rows finish.ts has not yet finished
  table_name VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  from_position BIGINT NOT NULL,    -- from this 0-based position in file order on,
  shift BIGINT NOT NULL             -- the physical line is position + shift
)`,
  `CREATE TABLE IF NOT EXISTS ingest_duplicate_rows (
  batch_id INTEGER NOT NULL,        -- rows finish.ts deletes: later duplicates of a key
  table_name VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  position BIGINT NOT NULL
)`,
  `CREATE TABLE IF NOT EXISTS ingest_warnings (
  batch_id INTEGER NOT NULL,
  file VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  line BIGINT,
  column_name VARCHAR,
  value VARCHAR,                    -- the value as given; it was loaded as NULL
  rule VARCHAR NOT NULL,
  reason VARCHAR NOT NULL
)`,
];

/**
 * Creates the raw_* tables and the ingest bookkeeping tables if they do not exist, and adds
 * meta columns a database from an earlier version lacks (idempotent).
 */
export async function ensureIngestSchema(db: Database): Promise<void> {
  const existing = await db.all<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal AND starts_with(table_name, 'raw_')`,
  );
  const has = new Set(existing.map((c) => `${c.table_name}.${c.column_name}`));
  for (const spec of canonicalTables) {
    await db.run(rawTableDdl(spec));
    const created = !existing.some((c) => c.table_name === spec.rawTable);
    for (const column of rawMetaColumns) {
      if (created || has.has(`${spec.rawTable}.${column.name}`)) continue;
      await db.run(`ALTER TABLE ${spec.rawTable} ADD COLUMN ${column.name} ${column.sqlType}`);
    }
  }
  for (const ddl of ingestTableDdl) await db.run(ddl);
}
