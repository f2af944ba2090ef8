/**
 * Pre-flight for one input, before the batch transaction opens: fingerprint the bytes,
 * notice content already ingested, read the header or schema and match it to the table.
 * Every structural problem found here fails the batch before anything is written.
 *
 * A large CSV whose size no earlier file of its table had cannot repeat one, so its
 * fingerprint (a full pass over the bytes in this process) runs while DuckDB reads the file
 * instead of before: at a million members that pass is 10–19 s of a 3-minute ingest.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import type { PlannedInput } from './adapters/types.ts';
import { mapHeader, type ColumnMapping } from './columns.ts';
import { combineFingerprints, fingerprintFile, type Fingerprint } from './fingerprint.ts';
import { csvParams, csvRejectsTable, csvRelation, readCsvHeader } from './sources/csv.ts';
import { checkParquetTypes, parquetRelation, readParquetSchema } from './sources/parquet.ts';

/** An input whose exact bytes an earlier batch loaded into the same table: a no-op. */
export interface SkippedInput {
  kind: 'skip';
  input: PlannedInput;
  /** Size of the input in bytes. */
  bytes: number;
  fingerprint: Fingerprint;
  sameContentBatch: number;
}

export interface ReadyInput {
  kind: 'load';
  input: PlannedInput;
  tag: string;
  /** Size of the input in bytes (known before the fingerprint). */
  bytes: number;
  /** Resolves when the fingerprint is done; may still be running while the input is read. */
  fingerprint: Promise<Fingerprint>;
  /** Data rows the progress report expects: undefined when not counted (Parquet, SQL), null while the fingerprint runs. */
  expectedRows: number | null | undefined;
  headers: string[];
  mapping: ColumnMapping;
  /** FROM item exposing the source as c0, c1, … and the parameters it binds ($1 …). */
  relation: string;
  params: DuckDBValue[];
  /**
   * For CSV: the file, whether it is gzip, and the temp table read_csv writes its rejects
   * to; physical lines are resolved after reading. Null for Parquet and adapter SQL, whose
   * line is the 1-based row number.
   */
  csv: { path: string; gzip: boolean; rejects: string } | null;
  /** Line of the first row for Parquet and adapter SQL (1 unless the adapter says otherwise). */
  firstLine: number;
}

export type PreparedInput = SkippedInput | ReadyInput;

/** CSV files at least this large are fingerprinted while they are read, when they cannot repeat an earlier file. */
export const OVERLAP_FINGERPRINT_BYTES = 64 * 2 ** 20;

/** Runs the pre-flight for `input`; throws InputError for structural problems. */
export async function prepareInput(
  db: Database,
  input: PlannedInput,
  tag: string,
  overlapFrom: number = OVERLAP_FINGERPRINT_BYTES,
): Promise<PreparedInput> {
  const { source, file } = input;
  const paths = source.kind === 'sql' ? source.paths : [source.path];
  const bytes = paths.reduce((sum, path) => sum + checkReadable(path, file), 0);

  const fingerprinting =
    source.kind === 'sql'
      ? Promise.all(paths.map((p) => fingerprintFile(p, { countLines: false, gzip: false }))).then(combineFingerprints)
      : fingerprintFile(source.path, { countLines: source.kind === 'csv', gzip: isGzip(source.path) }).catch((error: Error) => {
          throw new InputError(`${file}: cannot be read: ${error.message}`);
        });
  // Awaited later (loadInput); a failure must not surface as an unhandled rejection meanwhile.
  fingerprinting.catch(() => undefined);
  const overlap = source.kind === 'csv' && bytes >= overlapFrom && !(await sameSizeIngested(db, bytes, input.table.name));
  const known = overlap ? null : await fingerprinting;
  if (known) {
    const sameContentBatch = await alreadyIngested(db, known.sha256, input.table.name);
    if (sameContentBatch !== null) return { kind: 'skip', input, bytes, fingerprint: known, sameContentBatch };
  }
  const expectedRows = known === null ? null : known.contentLines === null ? undefined : known.contentLines - 1;
  const base = { kind: 'load' as const, input, tag, bytes, fingerprint: fingerprinting, expectedRows };

  if (source.kind === 'csv') {
    if (known?.contentLines === 0) throw new InputError(`${file}: the file has no header line (it is blank).`);
    const headers = await readCsvHeader(db, source.path, file, tag, isGzip(source.path));
    const mapping = mapHeader(input.table, file, headers);
    if (known?.contentLines === 1) throw new InputError(`${file}: has a header but no data rows.`);
    return {
      ...base,
      headers,
      mapping,
      relation: csvRelation(headers.length, tag),
      params: csvParams(source.path),
      csv: { path: source.path, gzip: isGzip(source.path), rejects: csvRejectsTable(tag) },
      firstLine: 2,
    };
  }
  if (source.kind === 'parquet') {
    const schema = await readParquetSchema(db, source.path, file);
    const mapping = mapHeader(input.table, file, schema.headers);
    checkParquetTypes(file, schema, mapping);
    return { ...base, headers: schema.headers, mapping, relation: parquetRelation(schema), params: [source.path], csv: null, firstLine: 1 };
  }
  const mapping = mapHeader(input.table, file, source.columns);
  const aliases = source.columns.map((_, i) => `c${i}`).join(', ');
  return {
    ...base,
    headers: source.columns,
    mapping,
    relation: `(${source.select}) AS adapter_source(${aliases})`,
    params: source.params,
    csv: null,
    firstLine: source.firstLine ?? 1,
  };
}

const isGzip = (path: string) => path.toLowerCase().endsWith('.gz');

/** Checks `path` is a non-empty regular file and returns its size. */
function checkReadable(path: string, file: string): number {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new InputError(`${file}: cannot be read: not a regular file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  if (size === 0) throw new InputError(`${file}: the file is empty (0 bytes).`);
  return size;
}

/** Whether an earlier batch loaded a file of exactly `bytes` bytes into `table` (only then can the content repeat). */
async function sameSizeIngested(db: Database, bytes: number, table: string): Promise<boolean> {
  return Boolean(await db.one(`SELECT 1 AS present FROM ingest_files WHERE bytes = $1 AND table_name = $2 LIMIT 1`, [bytes, table]));
}

async function alreadyIngested(db: Database, sha256: string, table: string): Promise<number | null> {
  const row = await db.one<{ batch_id: number }>(
    `SELECT min(batch_id) AS batch_id FROM ingest_files
     WHERE sha256 = $1 AND table_name = $2 AND NOT skipped_same_content HAVING count(*) > 0`,
    [sha256, table],
  );
  return row ? Number(row.batch_id) : null;
}
