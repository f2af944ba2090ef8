/** Shared set-up for ingest tests: temp folders of extracts and temp database files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Database } from '../../server/engine/db.ts';

export const fixtureDir = join(import.meta.dirname, '..', 'fixtures', 'tuva_demo');

/** A scratch area removed by `cleanup()`. */
export function scratch() {
  const root = mkdtempSync(join(tmpdir(), 'caseload-ingest-'));
  let n = 0;
  return {
    root,
    dbPath: join(root, 'test.duckdb'),
    /** Writes a folder of extracts (name → content) and returns its path. */
    folder(files: Record<string, string | Buffer>): string {
      const dir = join(root, `extract-${++n}`);
      mkdirSync(dir);
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
      return dir;
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export type Scratch = ReturnType<typeof scratch>;

/**
 * Registers hooks giving each test of the enclosing `describe` a fresh scratch area and an
 * open database on it, closed and removed after the test. Read `area` and `db` inside tests.
 */
export function scratchDatabase(): { readonly area: Scratch; readonly db: Database } {
  const current = {} as { area: Scratch; db: Database };
  beforeEach(async () => {
    current.area = scratch();
    current.db = await openDb(current.area.dbPath);
  });
  afterEach(() => {
    current.db.close();
    current.area.cleanup();
  });
  return current;
}

export const ELIGIBILITY_HEADER = 'person_id,gender,birth_date,enrollment_start_date,enrollment_end_date,payer,plan,data_source';
export const CLAIM_HEADER =
  'claim_id,claim_line_number,claim_type,person_id,claim_start_date,claim_end_date,bill_type_code,revenue_center_code,' +
  'discharge_disposition_code,place_of_service_code,diagnosis_code_1,paid_amount,data_source';

/** A small valid eligibility file (two members). */
export const eligibilityCsv = [
  ELIGIBILITY_HEADER,
  'P1,female,1950-01-01,2023-01-01,2023-12-31,medicare,A,src',
  'P2,male,1960-05-05,2023-01-01,,medicare,A,src',
].join('\n') + '\n';

/** A medical_claim CSV with the given data lines under CLAIM_HEADER. */
export function claimCsv(lines: string[], header = CLAIM_HEADER): string {
  return [header, ...lines].join('\n') + '\n';
}

/** A valid claim line; `over` replaces fields by position in CLAIM_HEADER. */
export function claimLine(claimId: string, line: number | string, over: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    claim_id: claimId,
    claim_line_number: String(line),
    claim_type: 'institutional',
    person_id: 'P1',
    claim_start_date: '2023-03-01',
    claim_end_date: '2023-03-04',
    bill_type_code: '111',
    revenue_center_code: '0450',
    discharge_disposition_code: '01',
    place_of_service_code: '',
    diagnosis_code_1: 'I50.9',
    paid_amount: '1000.50',
    data_source: 'src',
    ...over,
  };
  return CLAIM_HEADER.split(',').map((name) => fields[name]).join(',');
}

export async function openDb(path: string): Promise<Database> {
  return Database.open(path);
}

/** Row counts of every raw_* and ingest_* table (missing tables count as -1), to prove nothing landed. */
export async function snapshot(db: Database): Promise<Record<string, number>> {
  const tables = await db.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND (table_name LIKE 'raw\\_%' ESCAPE '\\' OR table_name LIKE 'ingest\\_%' ESCAPE '\\') ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    counts[table_name] = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table_name}`))!.n);
  }
  return counts;
}

/** Temp tables left on the connection (ingest must drop its own). */
export async function tempTables(db: Database): Promise<string[]> {
  const rows = await db.all<{ table_name: string }>(`SELECT table_name FROM duckdb_tables() WHERE temporary`);
  return rows.map((r) => r.table_name);
}

/** Rejects of the latest batch, ordered by file, line and column. */
export async function rejects(db: Database) {
  return db.all<{ file: string; line: number; column_name: string | null; value: string | null; rule: string; reason: string }>(
    `SELECT file, line, column_name, value, rule, reason FROM ingest_rejects
     WHERE batch_id = (SELECT max(batch_id) FROM ingest_batches) ORDER BY file, line, column_name`,
  );
}

/** Warnings of the latest batch. */
export async function warnings(db: Database) {
  return db.all<{ file: string; line: number; column_name: string; value: string; rule: string; reason: string }>(
    `SELECT file, line, column_name, value, rule, reason FROM ingest_warnings
     WHERE batch_id = (SELECT max(batch_id) FROM ingest_batches) ORDER BY file, line, column_name`,
  );
}
