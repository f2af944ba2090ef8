import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encounter, eligibility } from '../../server/engine/contract.ts';
import { Database } from '../../server/engine/db.ts';
import { chooseAdapter } from '../../server/ingest/adapters/index.ts';
import { ingestBatch, ingestDirectory, type IngestProgress } from '../../server/ingest/index.ts';
import { eligibilityCsv, openDb, rejects, scratch, scratchDatabase } from './helpers.ts';

describe('every canonical table goes through the same path', () => {
  const env = scratchDatabase();

  it('loads encounter, condition, procedure and program_enrollment extracts (no claims)', async () => {
    const dir = env.area.folder({
      'eligibility.csv': eligibilityCsv,
      'encounter.csv': [
        'encounter_id,person_id,encounter_type,encounter_start_date,encounter_end_date,discharge_disposition_code,primary_diagnosis_code,paid_amount',
        'E1,P1,Acute Inpatient,2023-02-01,2023-02-05,6,i50.9,12000',
        'E2,P1,emergency department,2023-03-01,2023-03-01,,R07.9,',
        'E3,P2,office visit,2023-04-02,2023-04-01,,Z00.00,',
        'E1,P1,acute inpatient,2023-02-01,2023-02-06,1,I50.9,',
      ].join('\n'),
      'condition.csv': 'condition_id,person_id,encounter_id,recorded_date,normalized_code_type,normalized_code\nK1,P1,E1,2023-02-01,ICD-10-CM,E11.9\nK2,,E1,2023-02-01,,I10\n',
      'procedure.csv': 'procedure_id,person_id,encounter_id,procedure_date,normalized_code\nX1,P1,E1,02/02/2023,02HV33Z\n',
      'program_enrollment.csv': 'person_id,program,enrollment_start_date,enrollment_end_date,case_manager_id,acuity\nP1,Complex CM,2023-01-15,,cm7,high\nP2,Complex CM,2023-06-01,2023-05-01,cm7,\n',
    });
    const summary = await ingestDirectory(env.db, { dir });
    expect(summary.files.map((f) => [f.file, f.rows_read, f.rows_loaded, f.rows_rejected])).toEqual([
      ['eligibility.csv', 2, 2, 0],
      ['program_enrollment.csv', 2, 1, 1],
      ['encounter.csv', 4, 2, 2],
      ['condition.csv', 2, 1, 1],
      ['procedure.csv', 1, 1, 0],
    ]);
    expect((await rejects(env.db)).map((r) => [r.file, r.line, r.column_name, r.rule])).toEqual([
      ['condition.csv', 3, 'person_id', 'missing_value'],
      ['encounter.csv', 4, 'encounter_end_date', 'date_order'],
      ['encounter.csv', 5, 'encounter_id, data_source', 'duplicate_key'],
      ['program_enrollment.csv', 3, 'enrollment_end_date', 'date_order'],
    ]);
    const encounters = await env.db.all('SELECT encounter_id, encounter_type, discharge_disposition_code, primary_diagnosis_code, paid_amount FROM raw_encounter ORDER BY 1');
    expect(encounters).toEqual([
      { encounter_id: 'E1', encounter_type: 'acute inpatient', discharge_disposition_code: '06', primary_diagnosis_code: 'I509', paid_amount: 12000 },
      { encounter_id: 'E2', encounter_type: 'emergency department', discharge_disposition_code: null, primary_diagnosis_code: 'R079', paid_amount: null },
    ]);
    expect(await env.db.one('SELECT normalized_code_type, normalized_code FROM raw_condition')).toEqual({ normalized_code_type: 'icd-10-cm', normalized_code: 'E119' });
    expect(await env.db.one('SELECT procedure_date FROM raw_procedure')).toEqual({ procedure_date: '2023-02-02' });
    expect(await env.db.one('SELECT program, enrollment_end_date, case_manager_id, acuity FROM raw_program_enrollment')).toEqual({
      program: 'Complex CM', enrollment_end_date: null, case_manager_id: 'cm7', acuity: 'high',
    });
  });

  it('loads typed Parquet: dates, timestamps, integers and doubles become canonical values', async () => {
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv });
    const writer = await Database.open(':memory:');
    await writer.run(
      `COPY (SELECT * FROM (VALUES
         ('C1', 1, 'P1', DATE '2023-01-01', TIMESTAMP '2023-01-03 10:30:00', 12.5::DOUBLE, '0450', 7),
         ('C1', 2, 'P1', DATE '2023-01-01', TIMESTAMP '2023-01-03 00:00:00', NULL, '450', 8),
         ('C1', 2, 'P1', DATE '2023-01-01', TIMESTAMP '2023-01-03 00:00:00', NULL, '450', 9))
       AS t(CLAIM_ID, claim_line_number, patient_id, claim_start_date, claim_end_date, paid_amount, revenue_center_code, batch_seq))
       TO '${join(dir, 'medical_claim.parquet')}' (FORMAT parquet)`,
    );
    writer.close();
    const summary = await ingestDirectory(env.db, { dir });
    expect(summary.files.find((f) => f.file === 'medical_claim.parquet')).toMatchObject({ rows_read: 3, rows_loaded: 2, rows_rejected: 1 });
    expect((await rejects(env.db)).map((r) => [r.line, r.reason])).toEqual([[3, 'duplicate key (first at line 2)']]);
    const rows = await env.db.all('SELECT claim_id, claim_line_number, person_id, claim_end_date, paid_amount, revenue_center_code, _line, _extra FROM raw_medical_claim ORDER BY _line');
    expect(rows).toEqual([
      { claim_id: 'C1', claim_line_number: 1, person_id: 'P1', claim_end_date: '2023-01-03', paid_amount: 12.5, revenue_center_code: '0450', _line: 1, _extra: '{"batch_seq":"7"}' },
      { claim_id: 'C1', claim_line_number: 2, person_id: 'P1', claim_end_date: '2023-01-03', paid_amount: null, revenue_center_code: '0450', _line: 2, _extra: '{"batch_seq":"8"}' },
    ]);
  });

  it('reports progress by file and phase', async () => {
    const dir = env.area.folder({ 'eligibility.csv': eligibilityCsv, 'encounter.csv': 'encounter_id,person_id,encounter_type,encounter_start_date\nE1,P1,office visit,2023-01-01\n' });
    const seen: IngestProgress[] = [];
    await ingestDirectory(env.db, { dir, onProgress: (p) => seen.push(p) });
    const phases = new Set(seen.map((p) => `${p.file}:${p.phase}`));
    expect([...phases]).toEqual(expect.arrayContaining(['eligibility.csv:fingerprint', 'encounter.csv:read', 'encounter.csv:load']));
    expect(seen.every((p) => p.elapsed_ms >= 0)).toBe(true);
  });
});

describe('the adapter seam', () => {
  it('detects the canonical format from file names and says why', () => {
    expect(chooseAdapter('/x', ['eligibility.csv', 'encounter.parquet', 'notes.md']).reason).toBe('detected tuva: Tuva clinical (found eligibility.csv, encounter.parquet)');
    expect(chooseAdapter('/x', ['patients.csv', 'encounters.csv']).adapter.format).toBe('synthea');
    expect(chooseAdapter('/x', ['patients.csv'], 'tuva').reason).toBe('--format tuva');
    expect(() => chooseAdapter('/x', ['claims.txt'])).toThrow(/could not tell the input format/);
  });

  it('loads an adapter-built SQL source through the same validation', async () => {
    const area = scratch();
    const db = await openDb(area.dbPath);
    try {
      const dir = area.folder({
        'people.csv': 'Id,First,Start\nP1,Ann,2023-01-01\nP2,Bob,not a date\n',
        'visits.csv': 'Id,Patient,Kind,Start\nV1,P1,ED,2023-05-01\nV2,P2,OFFICE,2023-05-03\n',
      });
      const summary = await ingestBatch(db, {
        format: 'synthea',
        reason: 'test adapter',
        dir,
        plan: {
          ignored: [],
          inputs: [
            {
              table: eligibility,
              file: 'people.csv',
              source: {
                kind: 'sql',
                paths: [join(dir, 'people.csv')],
                select: `SELECT Id, Start, First FROM read_csv($1, all_varchar = true)`,
                params: [join(dir, 'people.csv')],
                columns: ['person_id', 'enrollment_start_date', 'first_name'],
              },
            },
            {
              table: encounter,
              file: 'visits.csv',
              source: {
                kind: 'sql',
                paths: [join(dir, 'visits.csv')],
                select: `SELECT Id, Patient, CASE Kind WHEN 'ED' THEN 'emergency department' ELSE 'office visit' END, Start, 'synthea' FROM read_csv($1, all_varchar = true)`,
                params: [join(dir, 'visits.csv')],
                columns: ['encounter_id', 'person_id', 'encounter_type', 'encounter_start_date', 'data_source'],
              },
            },
          ],
        },
      });
      expect(summary.files.map((f) => [f.file, f.rows_read, f.rows_loaded, f.rows_rejected])).toEqual([
        ['people.csv', 2, 1, 1],
        ['visits.csv', 2, 2, 0],
      ]);
      expect((await rejects(db)).map((r) => [r.file, r.line, r.column_name, r.rule])).toEqual([['people.csv', 2, 'enrollment_start_date', 'unparseable_date']]);
      expect(await db.all('SELECT encounter_id, encounter_type, data_source FROM raw_encounter ORDER BY 1')).toEqual([
        { encounter_id: 'V1', encounter_type: 'emergency department', data_source: 'synthea' },
        { encounter_id: 'V2', encounter_type: 'office visit', data_source: 'synthea' },
      ]);
      expect(await db.one('SELECT _extra FROM raw_eligibility')).toEqual({ _extra: '{"first_name":"Ann"}' });
    } finally {
      db.close();
      area.cleanup();
    }
  });
});
