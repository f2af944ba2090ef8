/**
 * Loads the reference code sets in `datasets/reference/` as `ref_<file stem>` tables
 * (all columns text, trimmed), so the SQL pipeline never touches the file system.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../engine/db.ts';

/** The repository's reference folder, found from this module's location (never the cwd). */
export const defaultReferenceDir = fileURLToPath(new URL('../../datasets/reference/', import.meta.url));

export interface ReferenceFile {
  table: string;
  file: string;
}

/** Lists the reference files (one level of sub-folders) and the table each becomes. */
export function listReferenceFiles(dir: string = defaultReferenceDir): ReferenceFile[] {
  const out: ReferenceFile[] = [];
  for (const group of readdirSync(dir).sort()) {
    const groupDir = join(dir, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const fileName of readdirSync(groupDir).sort()) {
      const match = /^([a-z0-9_]+)\.csv(\.gz)?$/.exec(fileName);
      if (match) out.push({ table: `ref_${match[1]}`, file: join(groupDir, fileName) });
    }
  }
  return out;
}

/**
 * Creates or replaces one temporary table of the connection per reference file (the build
 * publishes stored copies with the marts); returns the tables with their row counts.
 */
export async function loadReferenceTables(db: Database, opts: { dir?: string } = {}): Promise<{ table: string; rows: number }[]> {
  const loaded: { table: string; rows: number }[] = [];
  for (const { table, file } of listReferenceFiles(opts.dir)) {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT nullif(trim(COLUMNS(*)), '') FROM read_csv($file, header = true, all_varchar = true)`,
      { file },
    );
    const row = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`);
    loaded.push({ table, rows: row?.n ?? 0 });
  }
  return loaded;
}
