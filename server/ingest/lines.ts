/**
 * Physical line numbers (1-based, header = line 1) for the rows DuckDB's reader returned
 * and for the rows it rejected. A returned row's position (0-based, file order) is its
 * rowid minus the input's first rowid; DuckDB numbers rejected records by record (a quoted
 * newline does not count, a blank line does). Lines are stored as segments: from position
 * `from_rid` on, line = position + shift.
 *
 * Fast path: when the file's line count equals header + accepted + rejected records,
 * no record spans lines and there are no blank lines, so the record number is the line.
 * Otherwise see exact-lines.ts.
 */
import type { Database } from '../engine/db.ts';
import { exactCsvLines } from './exact-lines.ts';

export interface LineResolution {
  /** Temp table (from_rid, shift). */
  segments: string;
  /** Temp table (line, column_name, value, rule, reason) of the reader's rejects. */
  readerRejects: string;
  readerRejectedRows: number;
  exact: boolean;
}

interface CsvLineInput {
  path: string;
  gzip: boolean;
  /** Temp table DuckDB's read_csv wrote its rejects to. */
  duckdbRejects: string;
  headers: string[];
  acceptedRows: number;
  /** Lines in the file (trailing blank lines excluded). */
  contentLines: number;
  tag: string;
}

/** Segments for sources without a header line (Parquet, adapter SQL): line = row number. */
export async function rowNumberLines(db: Database, tag: string, firstLine = 1): Promise<LineResolution> {
  const segments = `ingest_lines_${tag}`;
  const readerRejects = `ingest_reader_rejects_${tag}`;
  await db.run(`CREATE TEMP TABLE ${segments} AS SELECT 0::BIGINT AS from_rid, $1::BIGINT AS shift`, [firstLine]);
  await db.run(
    `CREATE TEMP TABLE ${readerRejects} (line BIGINT, column_name VARCHAR, value VARCHAR, rule VARCHAR, reason VARCHAR)`,
  );
  return { segments, readerRejects, readerRejectedRows: 0, exact: true };
}

/** Resolves physical lines for a staged CSV; see the module comment. */
export async function csvLines(db: Database, input: CsvLineInput): Promise<LineResolution> {
  const { tag } = input;
  const byRecord = `ingest_reader_by_record_${tag}`;
  await db.run(
    `CREATE TEMP TABLE ${byRecord} AS
     SELECT line AS record, min(line_byte_position) AS byte_position, min(column_idx) AS column_idx,
            string_agg(DISTINCT error_type, ', ') AS error_types, first(error_message) AS message,
            ltrim(first(csv_line), chr(13) || chr(10)) AS raw,
            length(first(csv_line)) - length(ltrim(first(csv_line), chr(13) || chr(10))) AS lead_newlines
     FROM ${input.duckdbRejects} GROUP BY line`,
  );
  const rejected = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${byRecord}`))!.n);
  const segments = `ingest_lines_${tag}`;
  const fast = input.contentLines === 1 + input.acceptedRows + rejected;
  const physical = fast ? null : await exactCsvLines(db, { ...input, byRecord });
  if (physical) {
    await db.run(
      `CREATE TEMP TABLE ${segments} AS
       SELECT rid AS from_rid, shift FROM (
         SELECT rid, line - rid AS shift, lag(line - rid) OVER (ORDER BY rid) AS previous FROM ${physical.accepted})
       WHERE previous IS DISTINCT FROM shift`,
    );
  } else {
    await db.run(
      `CREATE TEMP TABLE ${segments} AS
       SELECT 0::BIGINT AS from_rid, 2::BIGINT AS shift
       UNION ALL
       SELECT g, 2 + max(j) FROM (SELECT record - j - 1 AS g, j FROM (
         SELECT record, row_number() OVER (ORDER BY record) AS j FROM ${byRecord})) GROUP BY g`,
    );
  }

  const readerRejects = `ingest_reader_rejects_${tag}`;
  const physicalJoin = physical ? `LEFT JOIN ${physical.rejected} p ON p.record = b.record` : '';
  await db.run(
    `CREATE TEMP TABLE ${readerRejects} AS
     SELECT ${physical ? 'coalesce(p.line, b.record)' : 'b.record'} AS line,
            list_extract(CAST(CAST($1 AS JSON) AS VARCHAR[]), CAST(b.column_idx AS BIGINT) + 1) AS column_name, b.raw AS value,
            'csv_' || lower(replace(b.error_types, ' ', '_')) AS rule,
            CASE WHEN b.error_types LIKE '%INVALID ENCODING%' THEN 'not valid UTF-8 text; re-save the file as UTF-8'
                 ELSE b.message END AS reason
     FROM ${byRecord} b ${physicalJoin}`,
    [JSON.stringify(input.headers)],
  );
  const exact = fast || physical !== null;
  return { segments, readerRejects, readerRejectedRows: rejected, exact };
}

/** Adds `_line` to a relation with a `_rid` column (the 0-based position in file order). */
export const withLines = (lines: LineResolution, relation: string) =>
  `(SELECT x.*, x._rid + l.shift AS _line FROM (${relation}) x ASOF JOIN ${lines.segments} l ON x._rid >= l.from_rid)`;
