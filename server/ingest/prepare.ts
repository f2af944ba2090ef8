/**
 * Pre-flight for one input, before the batch transaction opens: fingerprint the bytes,
 * notice content already ingested, read the header or schema and match it to the table.
 * Every structural problem found here fails the batch before anything is written.
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
  fingerprint: Fingerprint;
  sameContentBatch: number;
}

export interface ReadyInput {
  kind: 'load';
  input: PlannedInput;
  tag: string;
  fingerprint: Fingerprint;
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

/** Runs the pre-flight for `input`; throws InputError for structural problems. */
export async function prepareInput(db: Database, input: PlannedInput, tag: string): Promise<PreparedInput> {
  const { source, file } = input;
  const paths = source.kind === 'sql' ? source.paths : [source.path];
  for (const path of paths) checkReadable(path, file);

  const fingerprint =
    source.kind === 'sql'
      ? combineFingerprints(await Promise.all(paths.map((p) => fingerprintFile(p, { countLines: false, gzip: false }))))
      : await fingerprintFile(source.path, {
          countLines: source.kind === 'csv',
          gzip: isGzip(source.path),
        }).catch((error: Error) => {
          throw new InputError(`${file}: cannot be read: ${error.message}`);
        });
  const sameContentBatch = await alreadyIngested(db, fingerprint.sha256, input.table.name);
  if (sameContentBatch !== null) return { kind: 'skip', input, fingerprint, sameContentBatch };
  const base = { kind: 'load' as const, input, tag, fingerprint };

  if (source.kind === 'csv') {
    if (fingerprint.contentLines === 0) throw new InputError(`${file}: the file has no header line (it is blank).`);
    const headers = await readCsvHeader(db, source.path, file, tag, isGzip(source.path));
    const mapping = mapHeader(input.table, file, headers);
    if (fingerprint.contentLines === 1) throw new InputError(`${file}: has a header but no data rows.`);
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

function checkReadable(path: string, file: string): void {
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
}

async function alreadyIngested(db: Database, sha256: string, table: string): Promise<number | null> {
  const row = await db.one<{ batch_id: number }>(
    `SELECT min(batch_id) AS batch_id FROM ingest_files
     WHERE sha256 = $1 AND table_name = $2 AND NOT skipped_same_content HAVING count(*) > 0`,
    [sha256, table],
  );
  return row ? Number(row.batch_id) : null;
}
