import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { CLAIM_HEADER, claimLine, eligibilityCsv, openDb, rejects, scratch, scratchDatabase } from './helpers.ts';

const HEADER = `${CLAIM_HEADER},note`;

/** Physical lines of a messy claim file; the comments give each record's first line. */
function messyLines(options: { multiline: boolean }): Buffer[] {
  const text = (s: string) => Buffer.from(s, 'utf8');
  const lines = [
    text(HEADER), //                                                          1
    text(`${claimLine('C1', 1)},plain`), //                                   2
    ...(options.multiline ? [text(`${claimLine('C2', 1)},"first`), text('second"')] : [text(`${claimLine('C2', 1)},single`)]), // 3(-4)
    text('C3,1'), //                                                          5 (4): too few fields
    text(`${claimLine('C4', 1)},"a ""quoted"" word, with a comma"`), //       6 (5)
    text(`${claimLine('C5', 1, { claim_start_date: '2023-02-31' })},x`), //   7 (6): impossible date
    Buffer.concat([text(`${claimLine('C6', 1)},caf`), Buffer.from([0xe9]), text(' latin-1')]), // 8 (7): not UTF-8
    text(`${claimLine('C7', 1)},one,two`), //                                 9 (8): too many fields
    text(`${claimLine('C8', 1)},last`), //                                    10 (9)
  ];
  return lines;
}

const join = (lines: Buffer[], eol: string) => Buffer.concat(lines.flatMap((l) => [l, Buffer.from(eol)]));

describe('CSV dialect: DuckDB read_csv does the parsing; lines stay physical', () => {
  const env = scratchDatabase();

  async function ingestClaims(content: Buffer | string, name = 'medical_claim.csv') {
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv, [name]: content });
    const summary = await ingestDirectory(env.db, { dir });
    return summary.files.find((f) => f.table === 'medical_claim')!;
  }

  const loadedLines = () => env.db.all('SELECT claim_id, _line FROM raw_medical_claim ORDER BY _line');

  it('keeps physical line numbers after rows the CSV reader rejected (no multi-line records)', async () => {
    const file = await ingestClaims(join(messyLines({ multiline: false }), '\n'));
    expect(file).toMatchObject({ rows_read: 8, rows_loaded: 4, rows_rejected: 4, line_numbers: 'exact' });
    expect(await loadedLines()).toEqual([
      { claim_id: 'C1', _line: 2 },
      { claim_id: 'C2', _line: 3 },
      { claim_id: 'C4', _line: 5 },
      { claim_id: 'C8', _line: 9 },
    ]);
    const got = await rejects(env.db);
    expect(got.map((r) => [r.line, r.rule])).toEqual([
      [4, 'csv_missing_columns'],
      [6, 'impossible_date'],
      [7, 'csv_invalid_encoding'],
      [8, 'csv_too_many_columns'],
    ]);
    expect(got[0].value).toBe('C3,1');
    expect(got[2].value).toMatch(/^C6,1,institutional,P1,.*,caf.*latin-1$/);
    expect(got[2].reason).toBe('not valid UTF-8 text; re-save the file as UTF-8');
    expect(got[3].value).toBe(`${claimLine('C7', 1)},one,two`);
  });

  it('keeps physical line numbers when a quoted field holds a newline, with LF and with CRLF', async () => {
    for (const eol of ['\n', '\r\n']) {
      const lines = messyLines({ multiline: true });
      const file =
        eol === '\n'
          ? await ingestClaims(join(lines, eol))
          : await ingestClaims(gzipSync(join(lines, eol)), 'medical_claim.csv.gz');
      expect(file).toMatchObject({ rows_read: 8, rows_loaded: 4, rows_rejected: 4, line_numbers: 'exact' });
    }
    // The second batch (CRLF, gzip) replaced the first batch's rows; lines are the same.
    expect(await loadedLines()).toEqual([
      { claim_id: 'C1', _line: 2 },
      { claim_id: 'C2', _line: 3 },
      { claim_id: 'C4', _line: 6 },
      { claim_id: 'C8', _line: 10 },
    ]);
    expect((await rejects(env.db)).map((r) => [r.line, r.rule])).toEqual([
      [5, 'csv_missing_columns'],
      [7, 'impossible_date'],
      [8, 'csv_invalid_encoding'],
      [9, 'csv_too_many_columns'],
    ]);
    const note = await env.db.one<{ note: string }>(`SELECT _extra->>'note' AS note FROM raw_medical_claim WHERE claim_id = 'C2'`);
    expect(note!.note).toBe('first\r\nsecond');
    const quoted = await env.db.one<{ note: string }>(`SELECT _extra->>'note' AS note FROM raw_medical_claim WHERE claim_id = 'C4'`);
    expect(quoted!.note).toBe('a "quoted" word, with a comma');
  });

  it('counts blank lines between records', async () => {
    const content = [HEADER, `${claimLine('C1', 1)},a`, '', '', `${claimLine('C2', 1)},"x`, '', 'y"', '', `${claimLine('C3', 1, { claim_end_date: '2020-01-01' })},b`, `${claimLine('C4', 1)},c`, '', ''].join('\n');
    const file = await ingestClaims(content);
    expect(file).toMatchObject({ rows_read: 4, rows_loaded: 3, line_numbers: 'exact' });
    expect(await loadedLines()).toEqual([
      { claim_id: 'C1', _line: 2 },
      { claim_id: 'C2', _line: 5 },
      { claim_id: 'C4', _line: 10 },
    ]);
    expect((await rejects(env.db)).map((r) => [r.line, r.rule])).toEqual([[9, 'date_order']]);
  });

  it('reads a UTF-8 byte order mark, mixed-case headers and a 100,000-character field', async () => {
    const long = 'x'.repeat(100_000);
    const content = '\uFEFF' + ['Claim_ID,CLAIM_LINE_NUMBER,Person_Id,Claim_Start_Date,claim_end_date,Free_Text', `C1,1,P1,2023-01-01,2023-01-02,"${long}"`, 'C2,1,P1,2023-01-01,2023-01-02,short'].join('\r\n');
    const file = await ingestClaims(content);
    expect(file).toMatchObject({ rows_read: 2, rows_loaded: 2, rows_rejected: 0 });
    const row = await env.db.one<{ claim_id: string; n: number }>(`SELECT claim_id, length(_extra->>'Free_Text') AS n FROM raw_medical_claim WHERE _line = 2`);
    expect(row).toEqual({ claim_id: 'C1', n: 100_000 });
  });

  it('keeps the whole record as the value when the reader rejects a multi-line record', async () => {
    const content = [HEADER, `${claimLine('C1', 1)},"spans`, `two lines",extra`, `${claimLine('C2', 1)},ok`].join('\n');
    const file = await ingestClaims(content);
    expect(file).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_rejected: 1 });
    expect(await loadedLines()).toEqual([{ claim_id: 'C2', _line: 4 }]);
    const [reject] = await rejects(env.db);
    expect(reject).toMatchObject({ line: 2, rule: 'csv_too_many_columns', value: `${claimLine('C1', 1)},"spans\ntwo lines",extra` });
  });

  it('keeps lines right with many interleaved reader rejects and multi-line records', async () => {
    const lines = [HEADER];
    const expected: { claim_id: string; _line: number }[] = [];
    for (let i = 0; i < 80; i++) {
      expected.push({ claim_id: `G${i}`, _line: lines.length + 1 });
      lines.push(i % 3 === 0 ? `${claimLine(`G${i}`, 1)},"two\nlines"` : `${claimLine(`G${i}`, 1)},one`);
      lines.push(`B${i},1`);
    }
    const file = await ingestClaims(lines.join('\n'));
    expect(file).toMatchObject({ rows_read: 160, rows_loaded: 80, rows_rejected: 80, line_numbers: 'exact' });
    const loaded = await env.db.all<{ claim_id: string; _line: number }>('SELECT claim_id, _line FROM raw_medical_claim ORDER BY _line');
    const physical = (line: number) => lines.slice(0, line - 1).join('\n').split('\n').length + 1;
    expect(loaded).toEqual(expected.map((e) => ({ claim_id: e.claim_id, _line: physical(e._line) })));
    const rejected = await rejects(env.db);
    expect(rejected.map((r) => [r.line, r.value])).toEqual(
      Array.from({ length: 80 }, (_, i) => [physical(2 * i + 3), `B${i},1`]),
    );
  });

  it('matches the lines of generated messy files (blank lines, multi-line fields and rejects, LF and CRLF)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      let state = seed * 7919;
      const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
      const eol = seed % 2 === 0 ? '\r\n' : '\n';
      const lines: string[] = [HEADER];
      const loaded: { claim_id: string; _line: number }[] = [];
      const rejected: number[] = [];
      for (let i = 0; i < 60; i++) {
        const blankRun = random() < 0.15 ? 1 + Math.floor(random() * 2) : 0;
        for (let b = 0; b < blankRun; b++) lines.push('');
        const start = lines.length + 1;
        const note = random() < 0.3 ? `"para one${'\n'.repeat(1 + Math.floor(random() * 3))}para two"` : 'plain';
        const kind = random();
        if (kind < 0.15) {
          lines.push(...`B${i},1,${note}`.split('\n'));
          rejected.push(start);
        } else if (kind < 0.2) {
          lines.push(...`${claimLine(`D${i}`, 1, { claim_start_date: 'soon' })},${note}`.split('\n'));
          rejected.push(start);
        } else {
          lines.push(...`${claimLine(`G${i}`, 1)},${note}`.split('\n'));
          loaded.push({ claim_id: `G${i}`, _line: start });
        }
      }
      const seedArea = scratch();
      const seedDb = await openDb(seedArea.dbPath);
      try {
        const dir = seedArea.folder({ 'eligibility.csv': eligibilityCsv, 'medical_claim.csv': lines.join(eol) + eol });
        const summary = await ingestDirectory(seedDb, { dir });
        const file = summary.files.find((f) => f.table === 'medical_claim')!;
        expect(file.line_numbers, `seed ${seed}`).toBe('exact');
        expect(await seedDb.all('SELECT claim_id, _line FROM raw_medical_claim ORDER BY _line'), `seed ${seed}`).toEqual(loaded);
        const got = await seedDb.all<{ line: number }>('SELECT DISTINCT line FROM ingest_rejects ORDER BY line');
        expect(got.map((r) => r.line), `seed ${seed}`).toEqual(rejected);
      } finally {
        seedDb.close();
        seedArea.cleanup();
      }
    }
  });

  it('reads gzip-compressed CSV', async () => {
    const file = await ingestClaims(gzipSync(join(messyLines({ multiline: false }), '\n')), 'medical_claim.csv.gz');
    expect(file).toMatchObject({ rows_read: 8, rows_loaded: 4, rows_rejected: 4, line_numbers: 'exact' });
    expect((await loadedLines()).map((r) => r._line)).toEqual([2, 3, 5, 9]);
  });
});
