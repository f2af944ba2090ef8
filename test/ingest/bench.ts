/**
 * Ingest speed vs a bare DuckDB load of the same CSV (not a test; run by hand):
 *   node --import tsx test/ingest/bench.ts [claim lines, default 1000000]
 * Writes a synthetic medical_claim.csv by repeating the Tuva demo's claim lines with new
 * claim ids (DuckDB COPY), then times `CREATE TABLE t AS SELECT * FROM read_csv(file)`
 * against ingestDirectory on fresh database files. Wall time and process CPU time are both
 * printed: on a shared machine CPU time is the steadier comparison.
 * A second file has a malformed line in the middle; the run checks that rows after it keep
 * their physical line numbers at this size (parallel reading).
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/engine/db.ts';
import { ingestDirectory } from '../../server/ingest/index.ts';

const target = Number(process.argv[2] ?? 1_000_000);
const fixture = join(import.meta.dirname, '..', 'fixtures', 'tuva_demo');
const work = mkdtempSync(join(tmpdir(), 'caseload-bench-'));

async function measure(label: string, task: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await task();
  const cpu = process.cpuUsage(cpuStart);
  const result = { wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
  console.log(`${label}: wall ${result.wall.toFixed(2)} s, cpu ${result.cpu.toFixed(2)} s`);
  return result;
}

/** Writes claim lines [from, to) of the repeated sample, in a fixed order. */
async function writeClaims(db: Database, path: string, from: number, to: number, header: boolean): Promise<void> {
  await db.run(
    `COPY (SELECT * EXCLUDE (n) FROM (
             SELECT * REPLACE (claim_id || '-' || r AS claim_id), r * 6075 + i AS n
             FROM (SELECT *, row_number() OVER () - 1 AS i FROM read_csv($1, all_varchar = true)), range(${Math.ceil(target / 6075)}) t(r))
           WHERE n >= ${from} AND n < ${to} ORDER BY n)
     TO '${path}' (HEADER ${header})`,
    [join(fixture, 'medical_claim.csv')],
  );
}

function folder(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  copyFileSync(join(fixture, 'eligibility.csv'), join(dir, 'eligibility.csv'));
  return dir;
}

try {
  const scratchDb = await Database.open(':memory:');
  const clean = folder('clean');
  await writeClaims(scratchDb, join(clean, 'medical_claim.csv'), 0, target, true);
  const half = Math.floor(target / 2);
  const messy = folder('messy');
  await writeClaims(scratchDb, join(work, 'part1.csv'), 0, half, true);
  await writeClaims(scratchDb, join(work, 'part2.csv'), half, target, false);
  scratchDb.close();
  appendFileSync(join(messy, 'medical_claim.csv'), readFileSync(join(work, 'part1.csv')));
  appendFileSync(join(messy, 'medical_claim.csv'), 'BAD,1\n');
  appendFileSync(join(messy, 'medical_claim.csv'), readFileSync(join(work, 'part2.csv')));
  console.log(`medical_claim.csv: ${target.toLocaleString('en-US')} claim lines`);

  const bare = await Database.open(join(work, 'bare.duckdb'));
  const bareTime = await measure('bare CREATE TABLE t AS SELECT * FROM read_csv(file)', () =>
    bare.run('CREATE TABLE t AS SELECT * FROM read_csv($1)', [join(clean, 'medical_claim.csv')]),
  );
  bare.close();

  const db = await Database.open(join(work, 'ingest.duckdb'));
  const ingestTime = await measure('caseload ingest (medical_claim + 219-row eligibility)', () => ingestDirectory(db, { dir: clean }));
  await measure('same files again (no-op)', () => ingestDirectory(db, { dir: clean }));
  db.close();
  console.log(`ratio ingest / bare: wall ${(ingestTime.wall / bareTime.wall).toFixed(2)}, cpu ${(ingestTime.cpu / bareTime.cpu).toFixed(2)}`);

  const messyDb = await Database.open(join(work, 'messy.duckdb'));
  let summary: Awaited<ReturnType<typeof ingestDirectory>> | undefined;
  await measure('ingest with a malformed line in the middle', async () => {
    summary = await ingestDirectory(messyDb, { dir: messy });
  });
  const claims = summary!.files.find((f) => f.table === 'medical_claim')!;
  const reject = await messyDb.one('SELECT line, rule FROM ingest_rejects');
  const after = await messyDb.one<{ claim_id: string; claim_line_number: number }>('SELECT claim_id, claim_line_number FROM raw_medical_claim WHERE _line = $1', [half + 3]);
  const last = await messyDb.one<{ n: number }>('SELECT max(_line) AS n FROM raw_medical_claim');
  messyDb.close();
  const expectedAfter = readFileSync(join(work, 'part2.csv'), 'utf8').slice(0, 200).split(',');
  const ok =
    claims.rows_rejected === 1 && reject?.line === half + 2 && after?.claim_id === expectedAfter[0] &&
    String(after?.claim_line_number) === expectedAfter[1] && last?.n === target + 2;
  console.log(`lines after the malformed line: ${ok ? 'right' : 'WRONG'} (reject at ${reject?.line}, ${claims.line_numbers})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
