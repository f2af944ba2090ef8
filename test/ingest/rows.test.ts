import { describe, expect, it } from 'vitest';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { claimCsv, claimLine, eligibilityCsv, rejects, scratchDatabase, warnings } from './helpers.ts';

describe('row rules: a row is rejected only when it cannot be used', () => {
  const env = scratchDatabase();

  it('rejects missing keys, bad required dates, reversed dates and non-integer lines; the batch lands', async () => {
    const dir = env.area.folder({
      'eligibility.csv': eligibilityCsv,
      'medical_claim.csv': claimCsv([
        claimLine('C1', 1), //                                            line 2: fine
        claimLine('', 1), //                                              line 3: no claim id
        claimLine('C3', 1, { person_id: '' }), //                         line 4: no person id
        claimLine('C4', 1, { claim_start_date: 'yesterday' }), //         line 5: unparseable
        claimLine('C5', 1, { claim_start_date: '2024-02-30' }), //        line 6: impossible
        claimLine('C6', 1, { claim_start_date: '2023-03-05', claim_end_date: '2023-03-01' }), // line 7: reversed
        claimLine('C7', '1.5'), //                                        line 8: not an integer
        claimLine('C8', 'x'), //                                          line 9: not an integer
        claimLine('', 1, { claim_end_date: '' }), //                      line 10: two problems, one row
        claimLine('C10', 1, { paid_amount: 'abc' }), //                   line 11: kept, amount NULL
        claimLine('C11', 1, { bill_type_code: '11I', diagnosis_code_1: 'not-icd', discharge_disposition_code: '99x' }), // line 12: kept as given
      ]),
    });
    const summary = await ingestDirectory(env.db, { dir });
    const claims = summary.files.find((f) => f.file === 'medical_claim.csv')!;
    expect(claims).toMatchObject({ rows_read: 11, rows_loaded: 3, rows_rejected: 8, rows_warned: 1 });
    expect(claims.rows_read).toBe(claims.rows_loaded + claims.rows_rejected);

    const got = (await rejects(env.db)).map((r) => [r.line, r.column_name, r.value, r.rule, r.reason]);
    expect(got).toEqual([
      [3, 'claim_id', null, 'missing_value', 'missing required value'],
      [4, 'person_id', null, 'missing_value', 'missing required value'],
      [5, 'claim_start_date', 'yesterday', 'unparseable_date', 'unparseable date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)'],
      [6, 'claim_start_date', '2024-02-30', 'impossible_date', 'impossible date'],
      [7, 'claim_end_date', '2023-03-01', 'date_order', 'claim_end_date is before claim_start_date 2023-03-05'],
      [8, 'claim_line_number', '1.5', 'not_integer', 'not a whole number'],
      [9, 'claim_line_number', 'x', 'not_integer', 'not a whole number'],
      [10, 'claim_end_date', null, 'missing_value', 'missing required value'],
      [10, 'claim_id', null, 'missing_value', 'missing required value'],
    ]);
    expect((await warnings(env.db)).map((w) => [w.line, w.column_name, w.value, w.rule])).toEqual([[11, 'paid_amount', 'abc', 'not_number']]);

    const loaded = await env.db.all(
      'SELECT claim_id, _line, paid_amount, bill_type_code, diagnosis_code_1, discharge_disposition_code FROM raw_medical_claim ORDER BY _line',
    );
    expect(loaded).toEqual([
      { claim_id: 'C1', _line: 2, paid_amount: 1000.5, bill_type_code: '111', diagnosis_code_1: 'I509', discharge_disposition_code: '01' },
      { claim_id: 'C10', _line: 11, paid_amount: null, bill_type_code: '111', diagnosis_code_1: 'I509', discharge_disposition_code: '01' },
      { claim_id: 'C11', _line: 12, paid_amount: 1000.5, bill_type_code: '11I', diagnosis_code_1: 'NOT-ICD', discharge_disposition_code: '99x' },
    ]);
    const stored = await env.db.one('SELECT rows_read, rows_loaded, rows_rejected, rows_warned FROM ingest_files WHERE file = $1', ['medical_claim.csv']);
    expect(stored).toEqual({ rows_read: 11, rows_loaded: 3, rows_rejected: 8, rows_warned: 1 });
  });

  it('accepts ISO, YYYYMMDD and MM/DD/YYYY dates and normalises codes per the contract', async () => {
    const dir = env.area.folder({
      'eligibility.csv': eligibilityCsv,
      'medical_claim.csv': claimCsv([
        claimLine('C1', 1, { claim_start_date: '20230301', claim_end_date: '3/4/2023', place_of_service_code: '   ' }),
        claimLine('C2', '02', {
          person_id: '\tP2 ',
          claim_type: ' Professional ',
          bill_type_code: '0111',
          revenue_center_code: '450',
          discharge_disposition_code: '1',
          place_of_service_code: '2',
          diagnosis_code_1: ' e11.65 ',
          data_source: '',
        }),
      ]),
    });
    await ingestDirectory(env.db, { dir });
    const rows = await env.db.all(
      `SELECT claim_id, claim_line_number, person_id, claim_type, claim_start_date, claim_end_date, bill_type_code, revenue_center_code,
              discharge_disposition_code, place_of_service_code, diagnosis_code_1, data_source FROM raw_medical_claim ORDER BY claim_id`,
    );
    expect(rows).toEqual([
      {
        claim_id: 'C1', claim_line_number: 1, person_id: 'P1', claim_type: 'institutional', claim_start_date: '2023-03-01', claim_end_date: '2023-03-04',
        bill_type_code: '111', revenue_center_code: '0450', discharge_disposition_code: '01', place_of_service_code: null,
        diagnosis_code_1: 'I509', data_source: 'src',
      },
      {
        claim_id: 'C2', claim_line_number: 2, person_id: 'P2', claim_type: 'professional', claim_start_date: '2023-03-01', claim_end_date: '2023-03-04',
        bill_type_code: '111', revenue_center_code: '0450', discharge_disposition_code: '01', place_of_service_code: '02',
        diagnosis_code_1: 'E1165', data_source: '',
      },
    ]);
  });

  it('loads unparseable optional dates as NULL with a warning, and rejects reversed optional pairs', async () => {
    const header = 'CLAIM_ID,Claim_Line_Number,Patient_ID,claim_start_date,claim_end_date,Admission_Date,discharge_date,MS_DRG_CODE,apr_drg_code,Vendor Note';
    const dir = env.area.folder({
      'eligibility.csv': eligibilityCsv,
      'medical_claim.csv': claimCsv(
        [
          'C1,1,P1,2023-03-01,2023-03-04,2023-13-01,2023-03-04,291,,"note, with comma"',
          'C2,1,P1,2023-03-01,2023-03-04,2023-03-04,2023-03-01,,140,',
          'C3,1,P1,2023-03-01,2023-03-04,2023-03-01,2023-03-04,,,',
        ],
        header,
      ),
    });
    await ingestDirectory(env.db, { dir });
    expect((await warnings(env.db)).map((w) => [w.line, w.column_name, w.value, w.reason])).toEqual([
      [2, 'admission_date', '2023-13-01', 'impossible date; loaded as NULL'],
    ]);
    expect((await rejects(env.db)).map((r) => [r.line, r.column_name, r.rule])).toEqual([[3, 'discharge_date', 'date_order']]);
    const rows = await env.db.all(
      `SELECT claim_id, person_id, admission_date, drg_code, drg_code_type, _extra FROM raw_medical_claim ORDER BY claim_id`,
    );
    expect(rows).toEqual([
      { claim_id: 'C1', person_id: 'P1', admission_date: null, drg_code: '291', drg_code_type: 'ms-drg', _extra: '{"Vendor Note":"note, with comma"}' },
      { claim_id: 'C3', person_id: 'P1', admission_date: '2023-03-01', drg_code: null, drg_code_type: null, _extra: null },
    ]);
  });

  it('fills drg_code and its type from apr_drg_code, keeping an explicit type', async () => {
    const header = 'claim_id,claim_line_number,person_id,claim_start_date,claim_end_date,drg_code_type,ms_drg_code,apr_drg_code';
    const dir = env.area.folder({
      'eligibility.csv': eligibilityCsv,
      'medical_claim.csv': claimCsv(
        ['C1,1,P1,2023-03-01,2023-03-04,,,140', 'C2,1,P1,2023-03-01,2023-03-04,MS-DRG,,291', 'C3,1,P1,2023-03-01,2023-03-04,,470,140'],
        header,
      ),
    });
    await ingestDirectory(env.db, { dir });
    const rows = await env.db.all(`SELECT claim_id, drg_code, drg_code_type, _extra FROM raw_medical_claim ORDER BY claim_id`);
    expect(rows).toEqual([
      { claim_id: 'C1', drg_code: '140', drg_code_type: 'apr-drg', _extra: '{"apr_drg_code":"140"}' },
      { claim_id: 'C2', drg_code: '291', drg_code_type: 'ms-drg', _extra: '{"apr_drg_code":"291"}' },
      { claim_id: 'C3', drg_code: '470', drg_code_type: 'ms-drg', _extra: '{"apr_drg_code":"140"}' },
    ]);
  });

  it('applies the same rules to eligibility: missing start, death before birth, extra columns kept', async () => {
    const dir = env.area.folder({
      'eligibility.csv': [
        'Patient_Id,GENDER,Birth_Date,Death_Date,Enrollment_Start_Date,enrollment_end_date,payer,Zip_Code',
        'P1,F,1950-01-01,,2023-01-01,2023-12-31,medicare,02139',
        'P2,M,1960-01-01,1959-01-01,2023-01-01,,medicare,',
        'P3,M,1960-01-01,,,,medicare,',
        'P4,M,1960-01-01,,2023-01-01,2022-12-31,medicare,',
      ].join('\r\n'),
      'medical_claim.csv': claimCsv([claimLine('C1', 1)]),
    });
    const summary = await ingestDirectory(env.db, { dir });
    expect(summary.files.find((f) => f.table === 'eligibility')).toMatchObject({ rows_read: 4, rows_loaded: 1, rows_rejected: 3 });
    expect((await rejects(env.db)).map((r) => [r.line, r.column_name, r.rule])).toEqual([
      [3, 'death_date', 'date_order'],
      [4, 'enrollment_start_date', 'missing_value'],
      [5, 'enrollment_end_date', 'date_order'],
    ]);
    const row = await env.db.one('SELECT person_id, gender, plan, data_source, _extra FROM raw_eligibility');
    expect(row).toEqual({ person_id: 'P1', gender: 'f', plan: null, data_source: '', _extra: '{"Zip_Code":"02139"}' });
  });
});
