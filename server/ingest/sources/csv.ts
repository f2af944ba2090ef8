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
import { firstLine } from '../scan.ts';
import { duckdbMessage } from './errors.ts';

/** Widest header ingest reads. */
export const MAX_CSV_COLUMNS = 2000;

const COMMA = 0x2c;
const QUOTE = 0x22;

const DIALECT = `delim = ',', quote = '"', escape = '"', auto_detect = false`;

/**
 * Header names of the CSV at `path` (line 1), read by DuckDB so quoting rules match the
 * data. The first line's bytes are checked for UTF-8 first: DuckDB would skip an
 * unreadable header and return the first data row in its place.
 */
export async function readCsvHeader(db: Database, path: string, file: string, tag: string, gzip: boolean): Promise<string[]> {
  let header: Buffer;
  try {
    header = await firstLine(path, gzip);
    new TextDecoder('utf-8', { fatal: true }).decode(header);
  } catch (error) {
    if (error instanceof TypeError) throw new InputError(`${file}: line 1, the header is not valid UTF-8 text; re-save the file as UTF-8.`);
    throw new InputError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  // An unquoted header line has one more field than it has commas; declaring just those
  // keeps the read fast. A quote may hide a newline, so then the widest header is declared.
  const width = header.includes(QUOTE) ? MAX_CSV_COLUMNS : Math.min(MAX_CSV_COLUMNS, header.reduce((n, byte) => n + (byte === COMMA ? 1 : 0), 1));
  const columns = Array.from({ length: width }, (_, i) => `'h${i}': 'VARCHAR'`).join(', ');
  const rejects = `ingest_header_rejects_${tag}`;
  const scans = `ingest_header_scans_${tag}`;
  let row: Record<string, unknown> | undefined;
  try {
    row = await db.one(
      `SELECT * FROM read_csv($1, ${DIALECT}, header = false, columns = {${columns}}, null_padding = true,
        parallel = false, store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${scans}') LIMIT 1`,
      [path],
    );
  } catch (error) {
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

/**
 * Bytes the reader takes at a time. Smaller than DuckDB's default (32 MiB), the file splits
 * into more pieces for the threads: a 74 MB claims file ingested in 2.5–2.9 s instead of
 * 3.0–3.4 s, and 100k members in 15 s instead of 18 s with a third less memory (bench/README.md).
 */
const READ_BUFFER_BYTES = 16 * 2 ** 20;

/** The FROM item reading every data row of the CSV as VARCHAR columns c0, c1, …; reader rejects go to csvRejectsTable(tag). */
export function csvRelation(columnCount: number, tag: string): string {
  const columns = Array.from({ length: columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv($1, ${DIALECT}, header = true, columns = {${columns}}, buffer_size = ${READ_BUFFER_BYTES},
    store_rejects = true, rejects_table = '${csvRejectsTable(tag)}', rejects_scan = 'ingest_csv_scans_${tag}')`;
}

/** Parameters `csvRelation` binds. */
export function csvParams(path: string): DuckDBValue[] {
  return [path];
}

/**
 * SQL counting the newlines in `text` and how many of the lines they start are blank: a
 * run of k newlines (CRLF counted as one) leaves k - 1 blank lines between its neighbours.
 */
export function newlineCounts(text: string): { newlines: string; blank: string } {
  const newlines = `(length(${text}) - length(replace(${text}, chr(10), '')))`;
  const runs = `len(regexp_extract_all(replace(${text}, chr(13) || chr(10), chr(10)), '\n+'))`;
  return { newlines, blank: `(${newlines} - ${runs})` };
}

/**
 * Re-reads the CSV with the same dialect, keeping per accepted row only the newlines inside
 * its fields and the blank lines among them (narrow columns, in file order). Used only to
 * map records that span lines to physical lines.
 */
export function csvNewlineCountSql(columnCount: number, tag: string): string {
  const columns = Array.from({ length: columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const per = (pick: 'newlines' | 'blank') =>
    Array.from({ length: columnCount }, (_, i) => `CASE WHEN contains(c${i}, chr(10)) THEN ${newlineCounts(`c${i}`)[pick]} ELSE 0 END`).join(' + ');
  return `CREATE TEMP TABLE ingest_newlines_${tag} AS SELECT ${per('newlines')} AS nl, ${per('blank')} AS blank
    FROM read_csv($1, ${DIALECT}, header = true, columns = {${columns}},
      store_rejects = true, rejects_table = 'ingest_newline_rejects_${tag}', rejects_scan = 'ingest_newline_scans_${tag}')`;
}
