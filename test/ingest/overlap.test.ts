/**
 * A large CSV that cannot repeat an earlier file (no earlier file of its table had its size)
 * is fingerprinted while DuckDB reads it (server/ingest/prepare.ts). These tests lower the
 * size threshold to 1 byte so the small fixtures take that path, and check that the batch
 * lands exactly as with the fingerprint first: same rows, lines, rejects and recorded
 * hash; that identical bytes are still a no-op; and that a read failing mid-way leaves
 * nothing behind.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/engine/db.ts';
import { ingestBatch } from '../../server/ingest/index.ts';
import { chooseAdapter } from '../../server/ingest/adapters/index.ts';
import { claimCsv, claimLine, eligibilityCsv, rejects, scratchDatabase, snapshot, warnings } from './helpers.ts';

const files = ['eligibility.csv', 'medical_claim.csv'];
const lines = [
  claimLine('C1', 1), //                                   line 2
  claimLine('C1', 2, { claim_start_date: 'bad' }), //       line 3: rejected (required date)
  claimLine('C1', 1, { paid_amount: '5' }), //              line 4: duplicate of line 2
  claimLine('C2', 1, { paid_amount: 'n/a' }), //            line 5: loaded with a warning
];

async function ingest(db: Database, dir: string, overlapFingerprintFrom?: number) {
  const { adapter, reason } = chooseAdapter(dir, files);
  const plan = await adapter.plan(dir, files);
  return ingestBatch(db, { plan, format: adapter.format, reason, dir, overlapFingerprintFrom });
}

const state = async (db: Database) => ({
  rows: await db.all(`SELECT claim_id, claim_line_number, paid_amount, _line FROM raw_medical_claim ORDER BY _line`),
  rejects: await rejects(db),
  warnings: await warnings(db),
  files: await db.all(`SELECT file, sha256, bytes, rows_read, rows_loaded, rows_rejected, rows_warned, line_numbers FROM ingest_files ORDER BY file`),
});

describe('fingerprinting a CSV while it is read', () => {
  const env = scratchDatabase();

  it('loads the same rows, lines, rejects and hash as fingerprinting first', async () => {
    const serialDir = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv(lines) });
    await ingest(env.db, serialDir);
    const serial = await state(env.db);
    await env.db.run('DELETE FROM raw_medical_claim; DELETE FROM raw_eligibility; DELETE FROM ingest_files; DELETE FROM ingest_rejects; DELETE FROM ingest_warnings; DELETE FROM ingest_batches');

    const summary = await ingest(env.db, serialDir, 1);
    expect(summary.status).toBe('loaded');
    const overlapped = await state(env.db);
    expect(overlapped).toEqual(serial);
    const bytes = readFileSync(join(serialDir, 'medical_claim.csv'));
    expect(overlapped.files.find((f) => f.file === 'medical_claim.csv')).toMatchObject({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      rows_read: 4,
      rows_loaded: 2,
      rows_rejected: 2,
    });
  });

  it('still finds identical bytes (same size: the fingerprint comes first) and skips them', async () => {
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv(lines) });
    await ingest(env.db, dir, 1);
    const again = await ingest(env.db, env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv(lines) }), 1);
    expect(again.status).toBe('no-op');
    expect(again.files.every((f) => f.skipped_same_content)).toBe(true);

    // Same size, other bytes: loaded.
    const changed = claimCsv([...lines.slice(0, 3), claimLine('C3', 1, { paid_amount: 'n/a' })]);
    expect(changed.length).toBe(claimCsv(lines).length);
    const next = await ingest(env.db, env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': changed }), 1);
    expect(next.files.find((f) => f.file === 'medical_claim.csv')).toMatchObject({ skipped_same_content: false, rows_loaded: 2 });
  });

  it('fails whole when the file has a header and no data rows', async () => {
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv([]) });
    await expect(ingest(env.db, dir, 1)).rejects.toThrow('medical_claim.csv: has a header but no data rows.');
    expect(Object.values(await snapshot(env.db)).every((n) => n === 0)).toBe(true);
  });
});
