/** The Charlson comorbidity relation (sql/evaluation/eval_person_charlson.sql) on hand-made diagnoses. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalTables, rawTableDdl } from '../../server/engine/contract.ts';
import { Database } from '../../server/engine/db.ts';

const sqlFile = fileURLToPath(new URL('../../sql/evaluation/eval_person_charlson.sql', import.meta.url));
const refFile = fileURLToPath(new URL('../../datasets/reference/comorbidity/charlson_icd10_quan2005.csv', import.meta.url));
let db: Database;
let result: Map<string, { charlson_index: number; charlson_band: string; charlson_categories: string[] }>;

beforeAll(async () => {
  db = await Database.open(':memory:');
  for (const spec of canonicalTables) await db.run(rawTableDdl(spec));
  await db.run(`CREATE TABLE ref_charlson_icd10_quan2005 AS SELECT * FROM read_csv($file, header = true, all_varchar = true)`, { file: refFile });
  const claim = (id: string, person: string, dx: (string | null)[], type: string | null = null) =>
    db.run(
      `INSERT INTO raw_medical_claim (claim_id, claim_line_number, person_id, claim_start_date, claim_end_date, diagnosis_code_type,
         diagnosis_code_1, diagnosis_code_2, diagnosis_code_3, data_source, _batch_id, _file, _line)
       VALUES ($id, 1, $person, DATE '2024-01-05', DATE '2024-01-05', $type, $d1, $d2, $d3, 'test', 1, 'medical_claim.csv', 2)`,
      { id, person, type, d1: dx[0] ?? null, d2: dx[1] ?? null, d3: dx[2] ?? null },
    );
  // A: diabetes without (E119) and with complications (E1122): only the latter counts (2);
  //    any malignancy (C509, 2) and metastatic tumour (C787, 6): only the latter counts → 8.
  await claim('c1', 'A', ['E119', 'E1122', 'C509']);
  await claim('c2', 'A', ['C787']);
  // B: myocardial infarction I214 (1) and heart failure I110 via I11.0 (1) → 2, band 1–2.
  await claim('c3', 'B', ['I214', null, 'I110']);
  // C: an ICD-9 code 4280 is not ICD-10 and matches nothing; a condition row K704 (moderate/severe
  //    liver disease, 3) together with mild liver disease K700 (1) counts 3 → band 3–4.
  await claim('c4', 'C', ['4280'], 'icd-9-cm');
  await db.run(
    `INSERT INTO raw_condition (condition_id, person_id, recorded_date, normalized_code, _batch_id, _file, _line)
     VALUES ('k1', 'C', DATE '2024-02-01', 'K704', 1, 'condition.csv', 2), ('k2', 'C', DATE '2024-02-01', 'K700', 1, 'condition.csv', 3)`,
  );
  // D: hypertension only (I10) — no Charlson category.
  await claim('c5', 'D', ['I10']);
  const rows = await db.all<{ person_id: string; charlson_index: number; charlson_band: string; charlson_categories: string[] }>(readFileSync(sqlFile, 'utf8'));
  result = new Map(rows.map((r) => [r.person_id, r]));
});

afterAll(() => db?.close());

describe('eval_person_charlson', () => {
  it('applies Charlson weights with the diabetes and malignancy hierarchies', () => {
    expect(result.get('A')).toMatchObject({ charlson_index: 8, charlson_band: '5+', charlson_categories: ['diabwc', 'metacanc'] });
  });

  it('matches prefixes on dotless codes in any diagnosis position', () => {
    expect(result.get('B')).toMatchObject({ charlson_index: 2, charlson_band: '1-2', charlson_categories: ['chf', 'mi'] });
  });

  it('reads condition rows, ignores non-ICD-10 codes, and applies the liver hierarchy', () => {
    expect(result.get('C')).toMatchObject({ charlson_index: 3, charlson_band: '3-4', charlson_categories: ['msld'] });
  });

  it('leaves out persons without a Charlson condition (they count as 0 downstream)', () => {
    expect(result.has('D')).toBe(false);
  });
});
