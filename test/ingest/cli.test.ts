import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { claimCsv, claimLine, eligibilityCsv, fixtureDir, openDb, scratch, snapshot } from './helpers.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', 'bin', 'caseload.mjs');

/** Runs the real CLI; resolves with its exit code and output whatever the code. */
async function caseload(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, TZ: 'UTC' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('caseload ingest (the CLI)', () => {
  const area = scratch();
  afterAll(() => area.cleanup());

  it('ingests the sample, prints the reconciliation, and is a no-op the second time (exit 0)', async () => {
    const first = await caseload('ingest', '--db', area.dbPath, '--dir', fixtureDir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Batch 1 loaded from .*tuva_demo in [\d.]+ s \(format tuva, detected tuva: Tuva claims \(found eligibility\.csv, medical_claim\.csv\)\)\./);
    expect(first.stdout).toMatch(/file\s+table\s+read\s+loaded\s+rejected\s+replaced\s+warned\s+note/);
    expect(first.stdout).toMatch(/eligibility\.csv\s+eligibility\s+219\s+219\s+0\s+0\s+0\n/);
    expect(first.stdout).toMatch(/medical_claim\.csv\s+medical_claim\s+6,075\s+6,075\s+0\s+0\s+0\n/);
    expect(first.stdout).toMatch(/pharmacy_claim\.csv\s+-\s+ignored: not a canonical table/);

    const second = await caseload('ingest', '--db', area.dbPath, '--dir', fixtureDir, '--format', 'tuva');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Batch 2 no-op \(every file was already ingested\).*\(format tuva, --format tuva\)\./);
    expect(second.stdout).toMatch(/medical_claim\.csv\s+medical_claim\s+0\s+0\s+0\s+0\s+0\s+already ingested in batch 1/);
  });

  it('lists rejected rows with file, line and column, and still exits 0', async () => {
    const dir = area.folder({
      'eligibility.csv': eligibilityCsv,
      'medical_claim.csv': claimCsv([claimLine('C1', 1), claimLine('C2', 1, { claim_end_date: '2023-02-30' }), claimLine('C3', 1, { paid_amount: 'n/a' })]),
    });
    const result = await caseload('ingest', '--db', join(area.root, 'rejects.duckdb'), '--dir', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/medical_claim\.csv\s+medical_claim\s+3\s+2\s+1\s+0\s+1\n/);
    expect(result.stdout).toContain('Rejected rows (all in ingest_rejects, batch_id = 1):\n  medical_claim.csv, line 3, claim_end_date: impossible date — value "2023-02-30"');
    expect(result.stdout).toContain('Values loaded as NULL (all in ingest_warnings, batch_id = 1):\n  medical_claim.csv, line 4, paid_amount: not a number; loaded as NULL — value "n/a"');
  });

  it('exits 1 naming file and column when a required column is missing, and loads nothing', async () => {
    const dbPath = join(area.root, 'broken.duckdb');
    const dir = area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': 'claim_id,claim_line_number,person_id,claim_start_date\nC1,1,P1,2023-01-01\n' });
    const result = await caseload('ingest', '--db', dbPath, '--dir', dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('caseload: medical_claim.csv: missing required column claim_end_date for medical_claim.\n');
    expect(result.stdout).toBe('');
    const db = await openDb(dbPath);
    const counts = await snapshot(db);
    db.close();
    expect(Object.entries(counts).filter(([, n]) => n !== 0)).toEqual([]);
  });

  it('exits 1 for a missing required file and for the Synthea format', async () => {
    const noEligibility = area.folder({ 'medical_claim.csv': claimCsv([claimLine('C1', 1)]) });
    const missing = await caseload('ingest', '--db', join(area.root, 'x.duckdb'), '--dir', noEligibility);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^caseload: .*: missing required file eligibility\.csv \(or eligibility\.parquet\)\.\n$/);
    const synthea = await caseload('ingest', '--db', join(area.root, 'x.duckdb'), '--dir', noEligibility, '--format', 'synthea');
    expect(synthea.code).toBe(1);
    expect(synthea.stderr).toMatch(/^caseload: .*: missing required Synthea file patients\.csv\.\n$/);
  });

  it('exits 2 for usage errors', async () => {
    const noDir = await caseload('ingest', '--db', join(area.root, 'x.duckdb'));
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/required option '--dir <dir>' not specified/);
    const badFormat = await caseload('ingest', '--db', join(area.root, 'x.duckdb'), '--dir', fixtureDir, '--format', 'cclf');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/argument 'cclf' is invalid\. Allowed choices are tuva, synthea/);
  });
});
