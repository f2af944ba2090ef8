/**
 * A batch commits its rows first and finishes them (lines, rejected rows, warnings) in a
 * second transaction right after (server/ingest/finish.ts). These tests stop a batch
 * between the two commits, as a crash there would, and check that whoever opens the
 * database next (another ingest, `caseload build`) finishes it to exactly the state a
 * normal ingest reaches, and that the read-only evaluation refuses to read it before.
 */
import { describe, expect, it } from 'vitest';
import { rawTableDdl, tableSpec } from '../../server/engine/contract.ts';
import { Database } from '../../server/engine/db.ts';
import { finishBatches, ingestBatch, ingestDirectory } from '../../server/ingest/index.ts';
import { chooseAdapter } from '../../server/ingest/adapters/index.ts';
import { runBuild } from '../../server/pipeline/command.ts';
import { checkBuilt } from '../../server/evaluation/views.ts';
import { claimCsv, claimLine, eligibilityCsv, scratchDatabase } from './helpers.ts';

const lines = [
  claimLine('C1', 1), //                                   line 2
  claimLine('C1', 2, { claim_start_date: 'bad' }), //       line 3: rejected (required date)
  claimLine('C1', 1, { paid_amount: '5' }), //              line 4: duplicate of line 2
  claimLine('C2', 1, { paid_amount: 'n/a' }), //            line 5: loaded, paid_amount NULL with a warning
  claimLine('C3', 1), //                                   line 6
];

const rows = (db: Database) =>
  db.all(
    `SELECT claim_id, claim_line_number, paid_amount, _line, _problems IS NULL AS clean, _warnings IS NULL AS no_warnings
     FROM raw_medical_claim ORDER BY claim_id, claim_line_number`,
  );

async function interruptedBatch(db: Database, dir: string) {
  const { adapter, reason } = chooseAdapter(dir, ['eligibility.csv', 'medical_claim.csv']);
  const plan = await adapter.plan(dir, ['eligibility.csv', 'medical_claim.csv']);
  return ingestBatch(db, { plan, format: adapter.format, reason, dir, finish: false });
}

describe('finishing a batch after its commit', () => {
  const env = scratchDatabase();
  const finished = [
    { claim_id: 'C1', claim_line_number: 1, paid_amount: 1000.5, _line: 2, clean: true, no_warnings: true },
    { claim_id: 'C2', claim_line_number: 1, paid_amount: null, _line: 5, clean: true, no_warnings: true },
    { claim_id: 'C3', claim_line_number: 1, paid_amount: 1000.5, _line: 6, clean: true, no_warnings: true },
  ];

  it('leaves flagged rows without lines between the commits, and the next ingest finishes them', async () => {
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv(lines) });
    const summary = await interruptedBatch(env.db, dir);
    expect(summary.files.find((f) => f.table === 'medical_claim')).toMatchObject({ rows_read: 5, rows_loaded: 3, rows_rejected: 2, rows_warned: 1 });
    const pending = await rows(env.db);
    expect(pending).toHaveLength(5);
    expect(pending.filter((r) => r.clean === false)).toHaveLength(1);
    expect(pending.every((r) => r._line === null)).toBe(true);
    expect(await env.db.one('SELECT count(*) AS n FROM ingest_duplicate_rows')).toEqual({ n: 1 });
    await expect(checkBuilt(env.db)).rejects.toThrow(/ingest batch 1 was interrupted after it committed; run `caseload build`/);

    const next = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv(lines) });
    const again = await ingestDirectory(env.db, { dir: next });
    expect(again.status).toBe('no-op');
    expect(await rows(env.db)).toEqual(finished);
    expect(await env.db.one('SELECT (SELECT count(*) FROM ingest_line_segments) + (SELECT count(*) FROM ingest_duplicate_rows) AS n')).toEqual({ n: 0 });
    expect(await finishBatches(env.db)).toBe(0);
  });

  it('is finished by caseload build before it reads the raw tables', async () => {
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv(lines) });
    await interruptedBatch(env.db, dir);
    env.db.close();
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      await runBuild({ db: env.area.dbPath });
    } finally {
      process.stdout.write = write;
    }
    const reopened = await Database.open(env.area.dbPath);
    try {
      expect(await rows(reopened)).toEqual(finished);
      expect(await reopened.one('SELECT count(*) AS n FROM ingest_line_segments')).toEqual({ n: 0 });
    } finally {
      reopened.close();
    }
    (env as { db: Database }).db = await Database.open(env.area.dbPath);
  });

  it('adds the scratch columns to raw tables created by an earlier version, then ingests', async () => {
    const current = rawTableDdl(tableSpec('medical_claim')).split('\n');
    await env.db.run(current.filter((line) => !/_problems|_warnings/.test(line)).join('\n').replace(/,\n\)$/, '\n)'));
    const before = await env.db.all(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'raw_medical_claim' AND column_name IN ('_problems', '_warnings')`);
    expect(before).toEqual([]);
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv(lines) });
    await ingestDirectory(env.db, { dir });
    expect(await rows(env.db)).toEqual(finished);
  });
});
