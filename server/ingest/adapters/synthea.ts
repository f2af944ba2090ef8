/**
 * Synthea CSV export → canonical tables (docs/synthea.md): patients + payer_transitions →
 * eligibility, encounters → encounter, conditions → condition (SNOMED CT mapped to
 * ICD-10-CM by datasets/synthea/snomed_icd10cm.csv), procedures → procedure, and program
 * enrolment from program_enrollment.csv or else from careplans for target conditions.
 * Planning reads headers and encounter classes with DuckDB (in memory) so structural
 * problems fail before anything is written, naming file, line and column.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { condition, eligibility, encounter, procedure, programEnrollment, type TableSpec } from '../../engine/contract.ts';
import { Database } from '../../engine/db.ts';
import { InputError } from '../../errors.ts';
import { duckdbMessage } from '../sources/errors.ts';
import {
  careplanColumns, careplanSelect, codedColumns, codedSelect, eligibilityColumns, eligibilitySelect, ENCOUNTER_CLASSES,
  encounterColumns, encounterSelect, Header, syntheaCsv,
} from './synthea-sql.ts';
import type { FormatAdapter, IngestPlan, PlannedInput } from './types.ts';

/** The shipped SNOMED CT → ICD-10-CM map (bound as a path; part of each input's fingerprint). */
export const SNOMED_MAP_PATH = fileURLToPath(new URL('../../../datasets/synthea/snomed_icd10cm.csv', import.meta.url));

const SIGNATURE = ['patients.csv', 'encounters.csv'];

/** Required columns per Synthea file; an array lists alternatives (3.0 name, newer name). */
const REQUIRED: Record<string, (string | string[])[]> = {
  'patients.csv': ['Id', 'BIRTHDATE'],
  'payer_transitions.csv': ['PATIENT', ['START_YEAR', 'START_DATE']],
  'payers.csv': ['Id', 'NAME'],
  'encounters.csv': ['Id', 'START', 'PATIENT', 'ENCOUNTERCLASS'],
  'conditions.csv': ['START', 'PATIENT', 'CODE'],
  'procedures.csv': ['START', 'PATIENT', 'CODE'],
  'careplans.csv': ['START', 'PATIENT', 'REASONCODE'],
};

export const syntheaAdapter: FormatAdapter = {
  format: 'synthea',

  detect(fileNames) {
    const lower = new Set(fileNames.map((name) => name.toLowerCase()));
    return SIGNATURE.every((name) => lower.has(name)) ? `Synthea CSV export (found ${SIGNATURE.join(', ')})` : null;
  },

  async plan(dir, fileNames) {
    const present = new Map(fileNames.map((name) => [name.toLowerCase(), name]));
    for (const required of ['patients.csv', 'payer_transitions.csv', 'encounters.csv']) {
      if (!present.has(required)) throw new InputError(`${dir}: missing required Synthea file ${required}.`);
    }
    const db = await Database.open(':memory:');
    try {
      return await planWith(db, dir, present);
    } finally {
      db.close();
    }
  },
};

async function planWith(db: Database, dir: string, present: Map<string, string>): Promise<IngestPlan> {
  const path = (file: string) => join(dir, present.get(file)!);
  const headers = new Map<string, Header>();
  for (const file of Object.keys(REQUIRED)) {
    if (present.has(file)) headers.set(file, await checkedHeader(db, present.get(file)!, path(file), REQUIRED[file]));
  }
  await checkEncounterClasses(db, present.get('encounters.csv')!, path('encounters.csv'), headers.get('encounters.csv')!);

  const sql = (table: TableSpec, file: string, select: string, paths: string[], columns: string[], firstLine?: number): PlannedInput => ({
    table, file: present.get(file)!, source: { kind: 'sql', select, paths, params: paths, columns, firstLine },
  });
  const payers = present.has('payers.csv') ? [path('payers.csv')] : [];
  const inputs: PlannedInput[] = [
    sql(eligibility, 'payer_transitions.csv',
      eligibilitySelect(headers.get('payer_transitions.csv')!, headers.get('patients.csv')!, headers.get('payers.csv') ?? null),
      [path('payer_transitions.csv'), path('patients.csv'), ...payers], eligibilityColumns, 2),
  ];
  const used = new Set(['patients.csv', 'payer_transitions.csv', 'payers.csv', 'encounters.csv']);
  if (present.has('program_enrollment.csv')) {
    inputs.push({ table: programEnrollment, file: present.get('program_enrollment.csv')!, source: { kind: 'csv', path: path('program_enrollment.csv') } });
    used.add('program_enrollment.csv');
  } else if (present.has('careplans.csv')) {
    inputs.push(sql(programEnrollment, 'careplans.csv', careplanSelect(headers.get('careplans.csv')!), [path('careplans.csv'), SNOMED_MAP_PATH], careplanColumns));
    used.add('careplans.csv');
  }
  inputs.push(sql(encounter, 'encounters.csv', encounterSelect(headers.get('encounters.csv')!), [path('encounters.csv'), SNOMED_MAP_PATH], encounterColumns, 2));
  const notes: string[] = [];
  if (present.has('conditions.csv')) {
    const h = headers.get('conditions.csv')!;
    inputs.push(sql(condition, 'conditions.csv', codedSelect(h, 'condition'), [path('conditions.csv'), SNOMED_MAP_PATH], codedColumns('condition'), 2));
    notes.push(await unmappedShare(db, path('conditions.csv'), h));
    used.add('conditions.csv');
  }
  if (present.has('procedures.csv')) {
    inputs.push(sql(procedure, 'procedures.csv', codedSelect(headers.get('procedures.csv')!, 'procedure'), [path('procedures.csv')], codedColumns('procedure'), 2));
    used.add('procedures.csv');
  }
  const ignored = [...present.values()].filter((name) => !used.has(name.toLowerCase())).sort();
  return { inputs, ignored, notes };
}

/** Reads a file's header with DuckDB and checks its required columns (alternatives: any one). */
async function checkedHeader(db: Database, file: string, path: string, required: (string | string[])[]): Promise<Header> {
  let names: string[];
  try {
    names = (await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${syntheaCsv('$1')}`, [path])).map((r) => r.column_name);
  } catch (error) {
    throw new InputError(`${file}: cannot be read as CSV: ${duckdbMessage(error)}`);
  }
  const header = new Header(names);
  const missing = required.filter((need) => !header.find(...[need].flat())).map((need) => [need].flat().join(' or '));
  if (missing.length > 0) {
    throw new InputError(`${file}: line 1 (header): missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of a Synthea export.`);
  }
  return header;
}

/** Fails on the first ENCOUNTERCLASS the adapter cannot map, naming its line. */
async function checkEncounterClasses(db: Database, file: string, path: string, h: Header): Promise<void> {
  const column = h.find('ENCOUNTERCLASS')!;
  const row = await db.one<{ line: number; value: string | null }>(
    `SELECT line, value FROM (SELECT row_number() OVER () + 1 AS line, "${column}" AS value FROM ${syntheaCsv('$1')})
     WHERE coalesce(lower(trim(value)), '') NOT IN (SELECT unnest(CAST(CAST($2 AS JSON) AS VARCHAR[]))) ORDER BY line LIMIT 1`,
    [path, JSON.stringify(Object.keys(ENCOUNTER_CLASSES))],
  );
  if (row) {
    throw new InputError(
      `${file}: line ${Number(row.line)}, column ${column}: unknown encounter class ${JSON.stringify(row.value ?? '')}; ` +
        `expected one of ${Object.keys(ENCOUNTER_CLASSES).join(', ')}.`,
    );
  }
}

/** "conditions.csv: 12.3% of condition rows (40 of 120 distinct codes) have a SNOMED CT code the map does not cover …". */
async function unmappedShare(db: Database, path: string, h: Header): Promise<string> {
  const code = `nullif(trim("${h.find('CODE')}"), '')`;
  const icd = h.find('SYSTEM') ? `coalesce("${h.find('SYSTEM')}", '') ILIKE '%icd%10%'` : 'false';
  const r = (await db.one<{ rows: number; unmapped: number; codes: number; unmapped_codes: number }>(
    `WITH c AS (SELECT ${code} AS code, ${icd} AS is_icd FROM ${syntheaCsv('$1')} WHERE ${code} IS NOT NULL),
     m AS (SELECT snomed_code FROM ${syntheaCsv('$2')})
     SELECT count(*) AS rows, count(*) FILTER (WHERE NOT is_icd AND m.snomed_code IS NULL) AS unmapped,
            count(DISTINCT code) AS codes, count(DISTINCT code) FILTER (WHERE NOT is_icd AND m.snomed_code IS NULL) AS unmapped_codes
     FROM c LEFT JOIN m ON m.snomed_code = c.code`,
    [path, SNOMED_MAP_PATH],
  ))!;
  const pct = Number(r.rows) === 0 ? 0 : (100 * Number(r.unmapped)) / Number(r.rows);
  return (
    `SNOMED CT → ICD-10-CM: ${pct.toFixed(1)}% of condition rows (${Number(r.unmapped)} of ${Number(r.rows)}; ` +
    `${Number(r.unmapped_codes)} of ${Number(r.codes)} distinct codes) could not be mapped and are kept as SNOMED CT, matching no code list.`
  );
}
