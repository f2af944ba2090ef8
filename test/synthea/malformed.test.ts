/** Synthea files that are malformed or use newer headers: errors name file, line and column. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { InputError } from '../../server/errors.ts';
import { ingestDirectory } from '../../server/ingest/index.ts';

const PATIENTS_30 = 'Id,BIRTHDATE,DEATHDATE,GENDER,RACE\nP1,1950-01-02,,F,white\nP2,1940-05-06,2023-03-15,M,black\n';
const TRANSITIONS_30 =
  'PATIENT,MEMBERID,START_YEAR,END_YEAR,PAYER,SECONDARY_PAYER,OWNERSHIP,OWNERNAME\n' +
  'P1,M1,2022-01-01T00:00:00Z,2023-12-31T00:00:00Z,Y1,,Self,Ann\nP2,M2,2022-01-01T00:00:00Z,2023-12-31T00:00:00Z,Y1,,Self,Bob\n';
const ENCOUNTER_HEADER = 'Id,START,STOP,PATIENT,ORGANIZATION,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION,REASONCODE';
const encounters = (...rows: string[]) => [ENCOUNTER_HEADER, ...rows].join('\n') + '\n';
const GOOD_ENCOUNTERS = encounters(
  'E1,2023-01-10T08:00:00Z,2023-01-12T10:00:00Z,P1,O1,Y1,inpatient,183452005,Encounter Inpatient,84114007',
  'E2,2023-02-01T08:00:00Z,2023-02-01T09:00:00Z,P2,O1,Y1,emergency,50849002,ER,',
);

let areas: string[] = [];
afterEach(() => {
  for (const a of areas) rmSync(a, { recursive: true, force: true });
  areas = [];
});

async function ingest(files: Record<string, string>) {
  const area = mkdtempSync(join(tmpdir(), 'caseload-synthea-bad-'));
  areas.push(area);
  const dir = join(area, 'in');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const db = await Database.open(join(area, 'c.duckdb'));
  try {
    const summary = await ingestDirectory(db, { dir });
    const rejects = await db.all('SELECT file, line, column_name, value, rule FROM ingest_rejects ORDER BY file, line');
    const eligibility = await db.all(
      `SELECT person_id, strftime(enrollment_start_date, '%Y-%m-%d') AS s, strftime(enrollment_end_date, '%Y-%m-%d') AS e, gender FROM raw_eligibility ORDER BY 1`,
    );
    const enc = await db.all(`SELECT encounter_id, encounter_type, primary_diagnosis_code AS dx, facility_id FROM raw_encounter ORDER BY 1`);
    return { summary, rejects, eligibility, enc };
  } finally {
    db.close();
  }
}

describe('Synthea adapter: malformed files', () => {
  it('a missing required column fails the batch naming file, line 1 and the column', async () => {
    const noClass = GOOD_ENCOUNTERS.replace('ENCOUNTERCLASS', 'KIND');
    const error = await ingest({ 'patients.csv': PATIENTS_30, 'payer_transitions.csv': TRANSITIONS_30, 'encounters.csv': noClass }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^encounters\.csv: line 1 \(header\): missing required column ENCOUNTERCLASS/);
  });

  it('an unknown encounter class fails the batch naming file, line and column', async () => {
    const odd = encounters('E1,2023-01-10T08:00:00Z,,P1,O1,Y1,ambulatory,1,x,', 'E2,2023-01-11T08:00:00Z,,P1,O1,Y1,spaceship,1,x,');
    const error = await ingest({ 'patients.csv': PATIENTS_30, 'payer_transitions.csv': TRANSITIONS_30, 'encounters.csv': odd }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^encounters\.csv: line 3, column ENCOUNTERCLASS: unknown encounter class "spaceship"/);
  });

  it('a bad timestamp rejects its row with file, physical line and column; the rest loads', async () => {
    const bad = encounters(
      'E1,2023-01-10T08:00:00Z,2023-01-12T10:00:00Z,P1,O1,Y1,inpatient,1,x,',
      'E2,2023-02-30T08:00:00Z,,P1,O1,Y1,ambulatory,1,x,',
      'E3,yesterday,,P2,O1,Y1,wellness,1,x,',
    );
    const { summary, rejects } = await ingest({ 'patients.csv': PATIENTS_30, 'payer_transitions.csv': TRANSITIONS_30, 'encounters.csv': bad });
    expect(summary.files.find((f) => f.file === 'encounters.csv')).toMatchObject({ rows_read: 3, rows_loaded: 1, rows_rejected: 2 });
    expect(rejects).toEqual([
      { file: 'encounters.csv', line: 3, column_name: 'encounter_start_date', value: '2023-02-30', rule: 'impossible_date' },
      { file: 'encounters.csv', line: 4, column_name: 'encounter_start_date', value: 'yesterday', rule: 'unparseable_date' },
    ]);
  });
});

describe('Synthea adapter: headers of 3.0 and newer exports', () => {
  it('maps 3.0 headers: classes, dates from timestamps, spans ended at death, SNOMED reasons to ICD-10-CM', async () => {
    const { eligibility, enc } = await ingest({ 'patients.csv': PATIENTS_30, 'payer_transitions.csv': TRANSITIONS_30, 'encounters.csv': GOOD_ENCOUNTERS });
    expect(eligibility).toEqual([
      { person_id: 'P1', s: '2022-01-01', e: '2023-12-31', gender: 'female' },
      { person_id: 'P2', s: '2022-01-01', e: '2023-03-15', gender: 'male' },
    ]);
    expect(enc).toEqual([
      { encounter_id: 'E1', encounter_type: 'acute inpatient', dx: 'I509', facility_id: 'O1' },
      { encounter_id: 'E2', encounter_type: 'emergency department', dx: null, facility_id: 'O1' },
    ]);
  });

  it('maps newer headers (MIDDLE/FIPS/INCOME, START_DATE/END_DATE, PLAN_OWNERSHIP)', async () => {
    const { summary, eligibility } = await ingest({
      'patients.csv': 'Id,BIRTHDATE,DEATHDATE,SSN,FIRST,MIDDLE,LAST,GENDER,RACE,FIPS,INCOME\nP1,1950-01-02,,1,Ann,B,C,F,white,25025,50000\nP2,1940-05-06,2023-03-15,2,Bob,,D,M,black,,\n',
      'payer_transitions.csv':
        'PATIENT,MEMBERID,START_DATE,END_DATE,PAYER,SECONDARY_PAYER,PLAN_OWNERSHIP,OWNER_NAME\n' +
        'P1,M1,2022-01-01T00:00:00Z,2023-12-31T00:00:00Z,Y1,,Self,Ann\nP2,M2,2022-01-01T00:00:00Z,2023-12-31T00:00:00Z,Y1,,Self,Bob\n',
      'encounters.csv': GOOD_ENCOUNTERS,
    });
    expect(summary.files.every((f) => f.rows_rejected === 0)).toBe(true);
    expect(eligibility.map((r) => [r.person_id, r.s, r.e])).toEqual([['P1', '2022-01-01', '2023-12-31'], ['P2', '2022-01-01', '2023-03-15']]);
  });
});
