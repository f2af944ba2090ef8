/**
 * Reading a canonical CSV (`.csv`, `.csv.gz`) with DuckDB's read_csv — no hand-written parser.
 * The dialect is fixed (comma, double quote, RFC 4180 escaping, header on line 1) so a file
 * with another delimiter fails loudly instead of being guessed. Rows the reader cannot parse
 * (wrong number of fields, invalid UTF-8, stray quotes) are kept by DuckDB's `store_rejects`
 * with their line and raw text, and become row rejects.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../../engine/db.ts';
import { InputError } from '../../errors.ts';
import { duckdbMessage } from './errors.ts';

/** Widest header ingest reads; wider files fail with a message saying so. */
export const MAX_CSV_COLUMNS = 2000;

const DIALECT = `delim = ',', quote = '"', escape = '"', auto_detect = false`;

/** Header names of the CSV at `path` (line 1), read by DuckDB so quoting rules match the data. */
export async function readCsvHeader(db: Database, path: string, file: string, tag: string): Promise<string[]> {
  const columns = Array.from({ length: MAX_CSV_COLUMNS }, (_, i) => `'h${i}': 'VARCHAR'`).join(', ');
  const rejects = `ingest_header_rejects_${tag}`;
  const scans = `ingest_header_scans_${tag}`;
  let row: Record<string, unknown> | undefined;
  try {
    row = await db.one(
      `SELECT * FROM read_csv($1, ${DIALECT}, header = false, columns = {${columns}}, null_padding = true,
        parallel = false, store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${scans}') LIMIT 1`,
      [path],
    );
    const bad = await db.one<{ error_type: string; error_message: string }>(
      `SELECT error_type, error_message FROM ${rejects} WHERE line = 1 LIMIT 1`,
    );
    if (bad) {
      const reason =
        bad.error_type === 'TOO MANY COLUMNS' ? `has more than ${MAX_CSV_COLUMNS} columns` : `cannot be read (${bad.error_message})`;
      throw new InputError(`${file}: line 1, the header ${reason}.`);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot be read as CSV: ${duckdbMessage(error)}`);
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${rejects}`).catch(() => undefined);
    await db.run(`DROP TABLE IF EXISTS ${scans}`).catch(() => undefined);
  }
  if (!row) throw new InputError(`${file}: the file has no header line (it is empty or blank).`);
  const values = Object.values(row) as (string | null)[];
  let last = values.length - 1;
  while (last >= 0 && values[last] === null) last--;
  return values.slice(0, last + 1).map((v) => v ?? '');
}

/** Temp table read_csv writes the rejects of input `tag` to. */
export const csvRejectsTable = (tag: string) => `ingest_csv_rejects_${tag}`;

/** The FROM item reading every data row of the CSV as VARCHAR columns c0, c1, …; reader rejects go to csvRejectsTable(tag). */
export function csvRelation(columnCount: number, tag: string): string {
  const columns = Array.from({ length: columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv($1, ${DIALECT}, header = true, columns = {${columns}},
    store_rejects = true, rejects_table = '${csvRejectsTable(tag)}', rejects_scan = 'ingest_csv_scans_${tag}')`;
}

/** Parameters `csvRelation` binds. */
export function csvParams(path: string): DuckDBValue[] {
  return [path];
}

/**
 * Re-reads the CSV declaring a single column, so that every record with more than one field
 * lands in ingest_probe_rejects_<tag> with DuckDB's record number and raw text; blank lines
 * and one-field records land in ingest_probe_<tag>. Used only to map records to physical lines.
 */
export function csvProbeSql(tag: string): string {
  return `CREATE TEMP TABLE ingest_probe_${tag} AS SELECT c0 FROM read_csv($1, ${DIALECT}, header = true, columns = {'c0': 'VARCHAR'},
    store_rejects = true, rejects_table = 'ingest_probe_rejects_${tag}', rejects_scan = 'ingest_probe_scans_${tag}')`;
}
