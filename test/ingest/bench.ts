/**
 * Ingest speed vs a bare DuckDB load of the same CSV (not a test; run by hand):
 *   npx tsx test/ingest/bench.ts [claim lines, default 1000000]
 * Writes a synthetic medical_claim.csv by repeating the Tuva demo's claim lines with new
 * claim ids (DuckDB COPY), then times `CREATE TABLE t AS SELECT * FROM read_csv(file)`
 * against ingestDirectory on fresh database files, and prints the ratio.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/engine/db.ts';
import { ingestDirectory, type IngestSummary } from '../../server/ingest/index.ts';

const target = Number(process.argv[2] ?? 1_000_000);
const fixture = join(import.meta.dirname, '..', 'fixtures', 'tuva_demo');
const work = mkdtempSync(join(tmpdir(), 'caseload-bench-'));
const dir = join(work, 'extract');
mkdirSync(dir);

async function time(label: string, work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label}: ${seconds.toFixed(2)} s`);
  return seconds;
}

try {
  const scratch = await Database.open(':memory:');
  const copies = Math.ceil(target / 6075);
  await scratch.run(
    `COPY (SELECT * REPLACE (claim_id || '-' || r AS claim_id)
           FROM read_csv($1, all_varchar = true), range(${copies}) t(r)) TO '${join(dir, 'medical_claim.csv')}' (HEADER)`,
    [join(fixture, 'medical_claim.csv')],
  );
  scratch.close();
  copyFileSync(join(fixture, 'eligibility.csv'), join(dir, 'eligibility.csv'));
  console.log(`medical_claim.csv: ${(copies * 6075).toLocaleString('en-US')} claim lines`);

  const bare = await Database.open(join(work, 'bare.duckdb'));
  const bareSeconds = await time('bare CREATE TABLE AS SELECT * FROM read_csv', () =>
    bare.run('CREATE TABLE t AS SELECT * FROM read_csv($1)', [join(dir, 'medical_claim.csv')]),
  );
  bare.close();

  const db = await Database.open(join(work, 'ingest.duckdb'));
  let summary: IngestSummary | undefined;
  const ingestSeconds = await time('caseload ingest (medical_claim + eligibility)', async () => {
    summary = await ingestDirectory(db, { dir });
  });
  console.log(JSON.stringify(summary!.files.map((f) => [f.file, f.rows_read, f.rows_loaded, f.rows_rejected])));
  const again = await time('re-ingest same files (no-op)', () => ingestDirectory(db, { dir }));
  void again;
  db.close();
  console.log(`ratio ingest / bare: ${(ingestSeconds / bareSeconds).toFixed(2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
