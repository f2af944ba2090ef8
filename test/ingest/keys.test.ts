import { describe, expect, it } from 'vitest';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { claimCsv, claimLine, eligibilityCsv, rejects, scratchDatabase } from './helpers.ts';

describe('keys: repeats inside a batch are rejects, keys from earlier batches are replaced', () => {
  const env = scratchDatabase();

  it('rejects later duplicate claim lines, pointing at the first', async () => {
    const dir = env.area.folder({
      'eligibility.csv': eligibilityCsv,
      'medical_claim.csv': claimCsv([
        claimLine('C1', 1), //                               line 2
        claimLine('C1', 2), //                               line 3
        claimLine('C1', 1, { paid_amount: '5' }), //          line 4: duplicate of line 2
        claimLine('C1', 1, { data_source: 'other' }), //      line 5: another data source, a different key
        claimLine('C1', '01', { paid_amount: '7' }), //       line 6: same key once normalised
        claimLine('C2', 1, { claim_start_date: 'bad' }), //   line 7: rejected for its date
        claimLine('C2', 1), //                               line 8: so this one is the first valid C2/1
      ]),
    });
    const summary = await ingestDirectory(env.db, { dir });
    expect(summary.files.find((f) => f.table === 'medical_claim')).toMatchObject({ rows_read: 7, rows_loaded: 4, rows_rejected: 3 });
    expect((await rejects(env.db)).map((r) => [r.line, r.column_name, r.value, r.rule, r.reason])).toEqual([
      [4, 'claim_id, claim_line_number, data_source', 'C1 | 1 | src', 'duplicate_key', 'duplicate key (first at line 2)'],
      [6, 'claim_id, claim_line_number, data_source', 'C1 | 1 | src', 'duplicate_key', 'duplicate key (first at line 2)'],
      [7, 'claim_start_date', 'bad', 'unparseable_date', 'unparseable date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)'],
    ]);
    const loaded = await env.db.all('SELECT claim_id, claim_line_number, data_source, _line, paid_amount FROM raw_medical_claim ORDER BY _line');
    expect(loaded).toEqual([
      { claim_id: 'C1', claim_line_number: 1, data_source: 'src', _line: 2, paid_amount: 1000.5 },
      { claim_id: 'C1', claim_line_number: 2, data_source: 'src', _line: 3, paid_amount: 1000.5 },
      { claim_id: 'C1', claim_line_number: 1, data_source: 'other', _line: 5, paid_amount: 1000.5 },
      { claim_id: 'C2', claim_line_number: 1, data_source: 'src', _line: 8, paid_amount: 1000.5 },
    ]);
  });

  it('treats blank parts of a key as equal (eligibility without plan, blank data_source)', async () => {
    const dir = env.area.folder({
      'eligibility.csv': ['person_id,enrollment_start_date,payer', 'P1,2023-01-01,', 'P1,2023-01-01,', 'P1,2023-01-01,medicare'].join('\n'),
      'medical_claim.csv': claimCsv([claimLine('C1', 1)]),
    });
    await ingestDirectory(env.db, { dir });
    expect((await rejects(env.db)).map((r) => [r.line, r.reason])).toEqual([[3, 'duplicate key (first at line 2)']]);
    expect(await env.db.one('SELECT count(*) AS n FROM raw_eligibility')).toEqual({ n: 2 });
  });

  it('replaces rows whose key an earlier batch loaded and counts them', async () => {
    const first = env.area.folder({
      'eligibility.csv': eligibilityCsv,
      'medical_claim.csv': claimCsv([claimLine('C1', 1), claimLine('C1', 2), claimLine('C2', 1)]),
    });
    await ingestDirectory(env.db, { dir: first });
    const second = env.area.folder({
      'eligibility.csv': eligibilityCsv,
      'medical_claim.csv': claimCsv([claimLine('C1', 2, { paid_amount: '-20' }), claimLine('C3', 1), claimLine('C2', 1, { claim_start_date: 'bad' })]),
    });
    const summary = await ingestDirectory(env.db, { dir: second });
    expect(summary.status).toBe('loaded');
    const byFile = Object.fromEntries(summary.files.map((f) => [f.file, f]));
    expect(byFile['eligibility.csv']).toMatchObject({ skipped_same_content: true, same_content_batch_id: 1, rows_read: 0 });
    expect(byFile['medical_claim.csv']).toMatchObject({ rows_read: 3, rows_loaded: 2, rows_rejected: 1, rows_replaced: 1 });
    const rows = await env.db.all('SELECT claim_id, claim_line_number, paid_amount, _batch_id FROM raw_medical_claim ORDER BY claim_id, claim_line_number');
    expect(rows).toEqual([
      { claim_id: 'C1', claim_line_number: 1, paid_amount: 1000.5, _batch_id: 1 },
      { claim_id: 'C1', claim_line_number: 2, paid_amount: -20, _batch_id: 2 },
      { claim_id: 'C2', claim_line_number: 1, paid_amount: 1000.5, _batch_id: 1 },
      { claim_id: 'C3', claim_line_number: 1, paid_amount: 1000.5, _batch_id: 2 },
    ]);
    const batches = await env.db.all('SELECT batch_id, status, rows_read, rows_loaded, rows_rejected, rows_replaced FROM ingest_batches ORDER BY 1');
    expect(batches).toEqual([
      { batch_id: 1, status: 'loaded', rows_read: 5, rows_loaded: 5, rows_rejected: 0, rows_replaced: 0 },
      { batch_id: 2, status: 'loaded', rows_read: 3, rows_loaded: 2, rows_rejected: 1, rows_replaced: 1 },
    ]);
  });

  it('recognises the same bytes under another folder as already ingested', async () => {
    const files = { 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': claimCsv([claimLine('C1', 1)]) };
    await ingestDirectory(env.db, { dir: env.area.folder(files) });
    const again = await ingestDirectory(env.db, { dir: env.area.folder(files) });
    expect(again.status).toBe('no-op');
    expect(again.files.every((f) => f.skipped_same_content && f.same_content_batch_id === 1)).toBe(true);
    expect(await env.db.one('SELECT count(*) AS n FROM raw_medical_claim')).toEqual({ n: 1 });
    expect(await env.db.one('SELECT status FROM ingest_batches WHERE batch_id = 2')).toEqual({ status: 'no-op' });
  });
});
