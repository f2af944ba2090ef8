import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/engine/db.ts';
import { ingestDirectory, type IngestSummary } from '../../server/ingest/index.ts';
import { fixtureDir, openDb, scratch, tempTables } from './helpers.ts';

describe('the Tuva demo sample (test/fixtures/tuva_demo)', () => {
  const area = scratch();
  let db: Database;
  let summary: IngestSummary;

  beforeAll(async () => {
    db = await openDb(area.dbPath);
    summary = await ingestDirectory(db, { dir: fixtureDir });
  });
  afterAll(() => {
    db.close();
    area.cleanup();
  });

  it('ingests cleanly with the counts the samples README gives', () => {
    expect(summary.status).toBe('loaded');
    expect(summary.format).toBe('tuva');
    expect(summary.format_reason).toBe('detected tuva: Tuva claims (found eligibility.csv, medical_claim.csv)');
    const byFile = Object.fromEntries(summary.files.map((f) => [f.file, f]));
    expect(byFile['medical_claim.csv']).toMatchObject({ table: 'medical_claim', rows_read: 6075, rows_loaded: 6075, rows_rejected: 0, rows_replaced: 0 });
    expect(byFile['eligibility.csv']).toMatchObject({ table: 'eligibility', rows_read: 219, rows_loaded: 219, rows_rejected: 0 });
    expect(summary.ignored).toEqual(['LICENSE.txt', 'pharmacy_claim.csv']);
    expect(summary.reject_sample).toEqual([]);
  });

  it('loads the legacy Tuva names into canonical columns', async () => {
    const claims = await db.one<{ claims: number; people: number; drg: number; ms: number }>(
      `SELECT count(DISTINCT claim_id) AS claims, count(DISTINCT person_id) AS people,
              count(drg_code) AS drg, count(*) FILTER (drg_code_type = 'ms-drg') AS ms FROM raw_medical_claim`,
    );
    expect(claims).toEqual({ claims: 3106, people: 87, drg: 86, ms: 86 });
    const members = await db.one<{ members: number }>('SELECT count(DISTINCT person_id) AS members FROM raw_eligibility');
    expect(members!.members).toBe(100);
  });

  it('normalises codes and keeps unknown columns in _extra', async () => {
    const row = await db.one<Record<string, unknown>>(
      `SELECT revenue_center_code, bill_type_code, discharge_disposition_code, diagnosis_code_1, _extra->>'hcpcs_modifier_1' AS modifier, _line
       FROM raw_medical_claim WHERE claim_id = '1118895' AND claim_line_number = 3`,
    );
    expect(row).toEqual({ revenue_center_code: '0301', bill_type_code: '131', discharge_disposition_code: '01', diagnosis_code_1: 'E1122', modifier: 'AY', _line: expect.any(Number) });
    const lines = await db.one<{ first: number; last: number }>('SELECT min(_line) AS first, max(_line) AS last FROM raw_medical_claim');
    expect(lines).toEqual({ first: 2, last: 6076 });
    const dataSource = await db.all('SELECT DISTINCT data_source FROM raw_medical_claim');
    expect(dataSource).toEqual([{ data_source: 'cclf' }]);
  });

  it('stores the reconciliation and leaves no temp tables behind', async () => {
    const files = await db.all('SELECT file, table_name, rows_read, rows_loaded, rows_rejected, skipped_same_content FROM ingest_files ORDER BY file');
    expect(files).toEqual([
      { file: 'eligibility.csv', table_name: 'eligibility', rows_read: 219, rows_loaded: 219, rows_rejected: 0, skipped_same_content: false },
      { file: 'medical_claim.csv', table_name: 'medical_claim', rows_read: 6075, rows_loaded: 6075, rows_rejected: 0, skipped_same_content: false },
    ]);
    const batch = await db.one('SELECT status, rows_read, rows_loaded, ignored_files FROM ingest_batches');
    expect(batch).toEqual({ status: 'loaded', rows_read: 6294, rows_loaded: 6294, ignored_files: ['LICENSE.txt', 'pharmacy_claim.csv'] });
    expect(await tempTables(db)).toEqual([]);
  });

  it('is a no-op the second time, naming the batch that loaded it', async () => {
    const again = await ingestDirectory(db, { dir: fixtureDir });
    expect(again.status).toBe('no-op');
    expect(again.batch_id).toBe(summary.batch_id + 1);
    expect(again.files.map((f) => [f.file, f.skipped_same_content, f.same_content_batch_id, f.rows_read])).toEqual([
      ['eligibility.csv', true, summary.batch_id, 0],
      ['medical_claim.csv', true, summary.batch_id, 0],
    ]);
    const count = await db.one<{ n: number }>('SELECT count(*) AS n FROM raw_medical_claim');
    expect(count!.n).toBe(6075);
  });
});
