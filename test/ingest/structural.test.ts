import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { medicalClaim, rawTableDdl } from '../../server/engine/contract.ts';
import { Database } from '../../server/engine/db.ts';
import { InputError } from '../../server/errors.ts';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { ensureIngestSchema } from '../../server/ingest/schema.ts';
import { claimCsv, claimLine, eligibilityCsv, openDb, scratchDatabase, snapshot, tempTables } from './helpers.ts';

describe('structural problems fail the whole batch and leave every table as it was', () => {
  const env = scratchDatabase();
  let before: Record<string, number>;

  beforeEach(async () => {
    // An earlier good batch, so "as it was" is not just "empty".
    await ingestDirectory(env.db, { dir: env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv([claimLine('C0', 1)]) }) });
    before = await snapshot(env.db);
  });

  /** Ingests `files` (with a fresh, valid eligibility file unless given) and returns the InputError message. */
  async function failure(files: Record<string, string | Buffer>, setup?: (dir: string) => void): Promise<string> {
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv.replace('P2', 'P9'), ...files });
    setup?.(dir);
    const error = await ingestDirectory(env.db, { dir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(await snapshot(env.db)).toEqual(before);
    expect(await tempTables(env.db)).toEqual([]);
    return (error as Error).message;
  }

  it('missing required files', async () => {
    const dir = env.area.folder({ 'medical_claim.csv': claimCsv([claimLine('C1', 1)]) });
    await expect(ingestDirectory(env.db, { dir })).rejects.toThrow(/missing required file eligibility\.csv/);
    const noClaims = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'program_enrollment.csv': 'person_id,program,enrollment_start_date\nP1,CM,2023-01-01\n' });
    await expect(ingestDirectory(env.db, { dir: noClaims })).rejects.toThrow(/missing required file medical_claim\.csv or encounter\.csv/);
    expect(await snapshot(env.db)).toEqual(before);
  });

  it('a missing required column, naming file and column', async () => {
    const message = await failure({ 'medical_claim.csv': 'claim_id,claim_line_number,person_id,claim_end_date\nC1,1,P1,2023-01-01\n' });
    expect(message).toBe('medical_claim.csv: missing required column claim_start_date for medical_claim.');
  });

  it('a wrong delimiter, suggesting why', async () => {
    const message = await failure({ 'medical_claim.csv': claimCsv([claimLine('C1', 1)]).replaceAll(',', ';') });
    expect(message).toMatch(/^medical_claim\.csv: missing required columns claim_id, claim_line_number, person_id \(or patient_id\), claim_start_date, claim_end_date for medical_claim\./);
    expect(message).toMatch(/The header parsed as a single column \("claim_id;claim_line_number;.*…"\), so the delimiter looks wrong/);
  });

  it('a file in which no data row can be read', async () => {
    const header = 'claim_id,claim_line_number,person_id,claim_start_date,claim_end_date';
    const semicolons = await failure({ 'medical_claim.csv': `${header}\nC1;1;P1;2023-01-01;2023-01-02\nC2;1;P1;2023-01-01;2023-01-02\n` });
    expect(semicolons).toBe(
      'medical_claim.csv: line 2: no data row could be read (Expected Number of Columns: 5 Found: 1); check the delimiter and the encoding (UTF-8).',
    );
    const latin1 = await failure({ 'medical_claim.csv': Buffer.from(`${header}\nC1,1,P\xe9,2023-01-01,2023-01-02\n`, 'latin1') });
    expect(latin1).toMatch(/^medical_claim\.csv: line 2: no data row could be read \(not valid UTF-8 text; re-save the file as UTF-8\)/);
    const badHeader = await failure({ 'medical_claim.csv': Buffer.from(`claim_id,claim_line_number,person_id,claim_start_date,claim_end_date,caf\xe9\nC1,1,P1,2023-01-01,2023-01-02,x\n`, 'latin1') });
    expect(badHeader).toBe('medical_claim.csv: line 1, the header is not valid UTF-8 text; re-save the file as UTF-8.');
  });

  it('an empty file, a header without rows, a blank file', async () => {
    expect(await failure({ 'medical_claim.csv': '' })).toBe('medical_claim.csv: the file is empty (0 bytes).');
    expect(await failure({ 'medical_claim.csv': 'claim_id,claim_line_number,person_id,claim_start_date,claim_end_date\r\n' })).toBe(
      'medical_claim.csv: has a header but no data rows.',
    );
    expect(await failure({ 'medical_claim.csv': '\n\n' })).toBe('medical_claim.csv: the file has no header line (it is blank).');
  });

  it('a repeated or unnamed header column', async () => {
    const repeated = await failure({ 'medical_claim.csv': claimCsv([claimLine('C1', 1) + ',x'], 'claim_id,claim_line_number,claim_type,person_id,claim_start_date,claim_end_date,bill_type_code,revenue_center_code,discharge_disposition_code,place_of_service_code,diagnosis_code_1,paid_amount,data_source,Claim_ID') });
    expect(repeated).toBe('medical_claim.csv: line 1, column Claim_ID appears twice in the header (columns 1 and 14).');
    const unnamed = await failure({ 'medical_claim.csv': 'claim_id,,claim_line_number,person_id,claim_start_date,claim_end_date\nC1,x,1,P1,2023-01-01,2023-01-02\n' });
    expect(unnamed).toBe('medical_claim.csv: line 1, column 2 of the header has no name.');
  });

  it('an unreadable file', async () => {
    const dangling = await failure({}, (dir) => symlinkSync(join(dir, 'nowhere.csv'), join(dir, 'medical_claim.csv')));
    expect(dangling).toMatch(/^medical_claim\.csv: cannot be read: ENOENT/);
    const folder = await failure({}, (dir) => mkdirSync(join(dir, 'medical_claim.csv')));
    expect(folder).toBe('medical_claim.csv: cannot be read: not a regular file.');
    const notGzip = await failure({ 'medical_claim.csv.gz': claimCsv([claimLine('C1', 1)]) });
    expect(notGzip).toMatch(/^medical_claim\.csv\.gz: cannot be read: /);
  });

  it('two files for one table', async () => {
    const message = await failure({ 'medical_claim.csv': claimCsv([claimLine('C1', 1)]), 'Medical_Claim.csv.gz': 'x' });
    expect(message).toMatch(/both Medical_Claim\.csv\.gz and medical_claim\.csv hold medical_claim|both medical_claim\.csv and Medical_Claim\.csv\.gz hold medical_claim/);
  });

  it('Parquet with the wrong schema or broken bytes', async () => {
    const writer = await Database.open(':memory:');
    const dir = env.area.folder({});
    const missing = join(dir, 'missing.parquet');
    const nested = join(dir, 'nested.parquet');
    await writer.run(`COPY (SELECT 'C1' AS claim_id, 1 AS claim_line_number, 'P1' AS person_id, DATE '2023-01-01' AS claim_end_date) TO '${missing}' (FORMAT parquet)`);
    await writer.run(
      `COPY (SELECT ['C1'] AS claim_id, 1 AS claim_line_number, 'P1' AS person_id, DATE '2023-01-01' AS claim_start_date, DATE '2023-01-02' AS claim_end_date) TO '${nested}' (FORMAT parquet)`,
    );
    writer.close();
    expect(await failure({ 'medical_claim.parquet': readFileSync(missing) })).toBe(
      'medical_claim.parquet: missing required column claim_start_date for medical_claim.',
    );
    expect(await failure({ 'medical_claim.parquet': readFileSync(nested) })).toBe(
      'medical_claim.parquet: column claim_id (for claim_id) has Parquet type VARCHAR[]; expected text, a number or a date.',
    );
    expect(await failure({ 'medical_claim.parquet': 'PAR1 this is not parquet' })).toMatch(/^medical_claim\.parquet: cannot be read as Parquet: /);
  });

  it('rolls back every file when writing fails part-way through the batch', async () => {
    // A raw table someone constrained: the claim insert fails after eligibility was written.
    const strict = await openDb(join(env.area.root, 'strict.duckdb'));
    await strict.run(rawTableDdl(medicalClaim).replace(/\n\)$/, ",\n  CHECK (claim_id <> 'BOOM')\n)"));
    await ensureIngestSchema(strict);
    const empty = await snapshot(strict);
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv([claimLine('C1', 1), claimLine('BOOM', 1)]) });
    await expect(ingestDirectory(strict, { dir })).rejects.toThrow(/CHECK constraint/i);
    expect(await snapshot(strict)).toEqual(empty);
    expect(empty.raw_eligibility).toBe(0);
    expect(await tempTables(strict)).toEqual([]);
    strict.close();
  });

  it('reports an unknown folder and unknown formats', async () => {
    await expect(ingestDirectory(env.db, { dir: join(env.area.root, 'nope') })).rejects.toThrow(/nope: cannot read the folder/);
    const other = env.area.folder({ 'notes.txt': 'hello' });
    await expect(ingestDirectory(env.db, { dir: other })).rejects.toThrow(/could not tell the input format.*Found: notes\.txt\./);
    const synthea = env.area.folder({ 'patients.csv': 'Id\n1\n', 'encounters.csv': 'Id\n1\n' });
    await expect(ingestDirectory(env.db, { dir: synthea })).rejects.toThrow(/missing required Synthea file payer_transitions\.csv/);
    writeFileSync(join(synthea, 'eligibility.csv'), eligibilityCsv);
    await expect(ingestDirectory(env.db, { dir: synthea, format: 'synthea' })).rejects.toThrow(/missing required Synthea file payer_transitions\.csv/);
    expect(await snapshot(env.db)).toEqual(before);
  });
});
