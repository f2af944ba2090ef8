/**
 * Bare DuckDB baselines, run as a child process so its time and RSS are comparable to the CLI's:
 *   node --import tsx bench/floor.ts csv DB DIR   — CREATE TABLE … AS SELECT * FROM read_csv(…) of each CSV in DIR
 *   node --import tsx bench/floor.ts scan DB TABLE — a full scan reading every column of TABLE
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, dbPath, target] = process.argv.slice(2);
const instance = await DuckDBInstance.create(dbPath);
const connection = await instance.connect();
const quoteLiteral = (s: string) => `'${s.replaceAll("'", "''")}'`;
const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

if (mode === 'csv') {
  for (const file of readdirSync(target).filter((f) => f.endsWith('.csv')).sort()) {
    const table = basename(file, '.csv');
    await connection.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${quoteLiteral(join(target, file))})`);
  }
  await connection.run('CHECKPOINT');
  const counts = (await connection.runAndReadAll(`SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY 1`)).getRows();
  process.stdout.write(`${JSON.stringify(Object.fromEntries(counts.map(([t, c]) => [String(t), Number(c)])))}\n`);
} else if (mode === 'scan') {
  const columns = (await connection.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [target])).getRows().map((r) => String(r[0]));
  if (columns.length === 0) throw new Error(`no table ${target}`);
  const reader = await connection.runAndReadAll(`SELECT count(*), ${columns.map((c) => `count(${quoteIdent(c)})`).join(', ')} FROM ${quoteIdent(target)}`);
  process.stdout.write(`${String(reader.getRows()[0][0])}\n`);
} else {
  throw new Error('usage: floor.ts csv DB DIR | scan DB TABLE');
}
connection.closeSync();
instance.closeSync();
