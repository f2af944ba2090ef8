/**
 * Reading a canonical Parquet file with read_parquet. Columns are read by their schema
 * names (matched like CSV headers) and cast to text, so every format goes through the same
 * validation; a canonical column of a nested type is a schema error.
 */
import type { Database } from '../../engine/db.ts';
import { InputError } from '../../errors.ts';
import type { ColumnMapping } from '../columns.ts';
import { duckdbMessage } from './errors.ts';

export interface ParquetSchema {
  headers: string[];
  types: string[];
}

/** Column names and DuckDB types of the Parquet file at `path`. */
export async function readParquetSchema(db: Database, path: string, file: string): Promise<ParquetSchema> {
  try {
    const rows = await db.all<{ column_name: string; column_type: string }>(
      'DESCRIBE SELECT * FROM read_parquet($1)',
      [path],
    );
    return { headers: rows.map((r) => r.column_name), types: rows.map((r) => r.column_type) };
  } catch (error) {
    throw new InputError(`${file}: cannot be read as Parquet: ${duckdbMessage(error)}`);
  }
}

const NESTED = /^(STRUCT|MAP|UNION)\(|\[\d*\]$/;

/** Fails when a canonical column has a nested type (a list or struct cannot be a claim field). */
export function checkParquetTypes(file: string, schema: ParquetSchema, mapping: ColumnMapping): void {
  for (const [column, sources] of mapping.sources) {
    for (const source of sources) {
      const type = schema.types[Number(source.ident.slice(1))];
      if (NESTED.test(type)) {
        throw new InputError(
          `${file}: column ${source.header} (for ${column}) has Parquet type ${type}; expected text, a number or a date.`,
        );
      }
    }
  }
}

/** The FROM item exposing the file's columns as text c0, c1, …; timestamps become their date. */
export function parquetRelation(schema: ParquetSchema): string {
  const aliases = schema.headers.map((_, i) => `p${i}`).join(', ');
  const casts = schema.types.map((type, i) => {
    const value = type.startsWith('TIMESTAMP') ? `CAST(p${i} AS DATE)` : `p${i}`;
    return `CAST(${value} AS VARCHAR) AS c${i}`;
  });
  return `(SELECT ${casts.join(', ')} FROM read_parquet($1) AS parquet_file(${aliases}))`;
}
