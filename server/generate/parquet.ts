/** Converts the generator's CSV files to Parquet with DuckDB, typed by the data contract. */
import { rmSync } from 'node:fs';
import { Database } from '../engine/db.ts';
import { sqlType, type TableSpec } from '../engine/contract.ts';

/** The read_csv `columns` struct of a table: names and types from the contract (no caller input). */
function columnsStruct(spec: TableSpec): string {
  return `{${spec.columns.map((c) => `'${c.name}': '${sqlType[c.type]}'`).join(', ')}}`;
}

/** Writes `parquetPath` from `csvPath` (header, contract types) and removes the CSV; returns the row count. */
export async function csvToParquet(db: Database, spec: TableSpec, csvPath: string, parquetPath: string): Promise<number> {
  const select = `SELECT * FROM read_csv($1, header = true, delim = ',', quote = '"', escape = '"', columns = ${columnsStruct(spec)})`;
  await db.run(`COPY (${select}) TO $2 (FORMAT parquet, COMPRESSION zstd)`, [csvPath, parquetPath]);
  const row = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM read_parquet($1)', [parquetPath]);
  rmSync(csvPath);
  return row?.n ?? 0;
}

/** Opens an in-memory DuckDB for the conversion. */
export function openConverter(): Promise<Database> {
  return Database.open(':memory:', { threads: '2' });
}
