/**
 * Data-quality reads: ingest batches with reconciliation, rejects with reasons, and
 * mart_data_quality. Ingest owns the ingest_* tables; their columns are read as they are.
 */
import type { Database, Row } from '../../engine/db.ts';

/** Whether a table exists in the main schema. */
export async function tableExists(db: Database, name: string): Promise<boolean> {
  const row = await db.one(`SELECT 1 AS ok FROM information_schema.tables WHERE table_name = $1 AND table_schema = 'main'`, [name]);
  return Boolean(row);
}

/** Every row of a table that may not exist yet (empty when absent). Table names here are fixed strings. */
async function readAll(db: Database, table: string, order: string): Promise<Row[]> {
  if (!(await tableExists(db, table))) return [];
  return db.all(`SELECT * FROM ${table} ORDER BY ${order}`);
}

export function qualityMetrics(db: Database): Promise<Row[]> {
  return readAll(db, 'mart_data_quality', 'metric, detail');
}

export function ingestBatches(db: Database): Promise<Row[]> {
  return readAll(db, 'ingest_batches', '1 DESC');
}

export function ingestFiles(db: Database): Promise<Row[]> {
  return readAll(db, 'ingest_files', '1 DESC, 2');
}

/** Rejected rows, newest batch first, paged. */
export async function ingestRejects(db: Database, batch: number | undefined, page: number, pageSize: number): Promise<{ rows: Row[]; total: number }> {
  if (!(await tableExists(db, 'ingest_rejects'))) return { rows: [], total: 0 };
  const rows = await db.all(
    `SELECT *, count(*) OVER () AS _total FROM ingest_rejects WHERE ($1::INTEGER IS NULL OR batch_id = $1)
      ORDER BY batch_id DESC, file, line LIMIT $2 OFFSET $3`,
    [batch ?? null, pageSize, (page - 1) * pageSize],
  );
  const total = rows.length > 0 ? Number(rows[0]._total) : 0;
  for (const row of rows) delete row._total;
  return { rows, total };
}
