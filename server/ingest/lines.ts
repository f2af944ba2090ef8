/**
 * Physical line numbers (1-based, header = line 1) for staged CSV rows and for the rows
 * DuckDB's reader rejected. The stage table's rowid is the file order of the rows the
 * reader accepted; DuckDB numbers rejected records by record (a quoted newline does not
 * count, a blank line does). Lines are stored as segments: from stage rowid `from_rid`
 * on, line = rowid + shift.
 *
 * Fast path: when the file's line count equals header + accepted + rejected records,
 * no record spans lines and there are no blank lines, so the record number is the line.
 * Otherwise a second read declaring one column makes DuckDB report every record with its
 * raw text; embedded newlines are counted from that text, in SQL.
 */
import type { Database } from '../engine/db.ts';
import { csvProbeSql } from './sources/csv.ts';

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
  stage: string;
  /** Temp table DuckDB's read_csv wrote its rejects to. */
  duckdbRejects: string;
  headers: string[];
  acceptedRows: number;
  /** Lines in the file (trailing blank lines excluded). */
  contentLines: number;
  tag: string;
}

/** Segments for sources without a header line (Parquet, adapter SQL): line = row number. */
export async function rowNumberLines(db: Database, tag: string): Promise<LineResolution> {
  const segments = `ingest_lines_${tag}`;
  const readerRejects = `ingest_reader_rejects_${tag}`;
  await db.run(`CREATE TEMP TABLE ${segments} AS SELECT 0::BIGINT AS from_rid, 1::BIGINT AS shift`);
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
     SELECT line AS record, min_by(column_idx, column_idx) AS column_idx,
            string_agg(DISTINCT error_type, ', ') AS error_types, first(error_message) AS message,
            ltrim(first(csv_line), chr(13) || chr(10)) AS raw
     FROM ${input.duckdbRejects} GROUP BY line`,
  );
  const rejected = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${byRecord}`))!.n);
  const segments = `ingest_lines_${tag}`;
  const fast = input.contentLines === 1 + input.acceptedRows + rejected;
  const physical = fast ? null : await probeLines(db, input, byRecord);
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
  const physicalJoin = physical ? `LEFT JOIN ${physical.records} p ON p.record = b.record` : '';
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

/**
 * Maps every record to its physical line from a one-column re-read (see csvProbeSql):
 * `records` (record, blank, line) for every record and blank line, `accepted` (rid, line)
 * for the stage's rows. Null when the two reads disagree on the records.
 */
async function probeLines(
  db: Database,
  input: CsvLineInput,
  byRecord: string,
): Promise<{ records: string; accepted: string } | null> {
  const { tag } = input;
  const probe = `ingest_probe_${tag}`;
  const probeRejects = `ingest_probe_rejects_${tag}`;
  const physical = `ingest_physical_${tag}`;
  const recordLines = `ingest_record_lines_${tag}`;
  await db.run(csvProbeSql(tag), [input.path]);
  const headerNewlines = input.headers.reduce((n, h) => n + (h.match(/\n/g)?.length ?? 0), 0);
  await db.run(
    `CREATE TEMP TABLE ${physical} AS
     WITH multi AS (
       SELECT line AS record, ltrim(first(csv_line), chr(13) || chr(10)) AS raw FROM ${probeRejects} GROUP BY line),
     gaps AS (
       SELECT record - j - 1 AS g, max(j) AS j FROM (SELECT record, row_number() OVER (ORDER BY record) AS j FROM multi) GROUP BY g),
     single AS (
       SELECT s.prid + 2 + coalesce(gaps.j, 0) AS record, s.c0 AS raw
       FROM (SELECT rowid AS prid, c0 FROM ${probe}) s ASOF LEFT JOIN gaps ON s.prid >= gaps.g),
     records AS (
       SELECT record, raw, false AS blank FROM multi
       UNION ALL SELECT record, raw, raw IS NULL AS blank FROM single)
     SELECT record, blank,
            record + ${headerNewlines} + coalesce(sum(length(raw) - length(replace(raw, chr(10), ''))) OVER (
              ORDER BY record ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line
     FROM records`,
  );
  await db.run(
    `CREATE TEMP TABLE ${recordLines} AS
     SELECT row_number() OVER (ORDER BY p.record) - 1 AS rid, p.line
     FROM ${physical} p ANTI JOIN ${byRecord} b ON b.record = p.record
     WHERE NOT p.blank`,
  );
  const matched = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${recordLines}`);
  const readerRecords = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM ${byRecord} b SEMI JOIN ${physical} p ON p.record = b.record AND NOT p.blank`,
  );
  const rejected = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${byRecord}`);
  await db.run(`DROP TABLE ${probe}`);
  await db.run(`DROP TABLE ${probeRejects}`);
  if (Number(matched!.n) === input.acceptedRows && Number(readerRecords!.n) === Number(rejected!.n)) {
    return { records: physical, accepted: recordLines };
  }
  return null;
}
