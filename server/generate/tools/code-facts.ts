/**
 * Dev-time tool (never run by the app or the tests): looks up every code of the
 * generator's catalog in the public reference tables and writes
 * datasets/generator/code_facts.csv — existence, description, CCS category, and the CMS
 * Planned Readmission Algorithm / HWR flags. Fails when a code is not in the references.
 *
 *   npx tsx server/generate/tools/code-facts.ts --reference <dir> [--out datasets/generator/code_facts.csv]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../../engine/db.ts';
import { csvField } from '../csv.ts';
import { codeCatalog } from '../codes/catalog.ts';

const { values } = parseArgs({ options: { reference: { type: 'string' }, out: { type: 'string', default: 'datasets/generator/code_facts.csv' } } });
if (!values.reference) throw new Error('usage: code-facts.ts --reference <dir> [--out file]');
const ref = (path: string) => join(values.reference as string, path);
const catalog = codeCatalog();
const db = await Database.open(':memory:');
const load = (name: string, path: string) => db.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv($1, header = true, all_varchar = true)`, [ref(path)]);
await load('cm', 'icd10/icd10cm_codes_dxccsr_v2025_1.csv.gz');
await load('pcs', 'icd10/icd10pcs_codes_2023.csv.gz');
await load('ccs_dx', 'ccs/ccs_dx_icd10cm_2019_1.csv.gz');
await load('ccs_pr', 'ccs/ccs_pr_icd10pcs_2020_1.csv.gz');
await load('hcpcs', 'ccs/ccs_services_procedures_hcpcs.csv');
await load('acute_cm', 'cms-pra/acute_diagnosis_icd_10_cm.csv');
await load('acute_ccs', 'cms-pra/acute_diagnosis_ccs.csv');
await load('excl', 'cms-pra/exclusion_ccs_diagnosis_category.csv');
await load('ap_dx', 'cms-pra/always_planned_ccs_diagnosis_category.csv');
await load('ap_pr', 'cms-pra/always_planned_ccs_procedure_category.csv');
await load('pp_ccs', 'cms-pra/potentially_planned_ccs_procedure_category.csv');
await load('pp_pcs', 'cms-pra/potentially_planned_icd_10_pcs.csv');
await load('drg', 'cms-pra/ms_drg.csv');

type Fact = { code_system: string; code: string; description: string; ccs_category: string; acute: string; hwr_exclusion: string; always_planned: string; potentially_planned: string };
const facts: Fact[] = [];
const missing: string[] = [];
const yn = (b: unknown) => (b ? 'yes' : 'no');

for (const code of catalog.icd10cm) {
  const row = await db.one(
    `SELECT cm.icd_10_cm_description AS d, c.ccs_category AS ccs,
       (SELECT count(*) FROM acute_cm WHERE icd_10_cm = $1) + (SELECT count(*) FROM acute_ccs WHERE ccs_diagnosis_category = c.ccs_category) > 0 AS acute,
       (SELECT exclusion_category FROM excl WHERE ccs_diagnosis_category = c.ccs_category) AS excl,
       (SELECT count(*) FROM ap_dx WHERE ccs_diagnosis_category = c.ccs_category) > 0 AS ap
     FROM cm LEFT JOIN ccs_dx c ON c.icd_10_cm_code = cm.icd_10_cm_code WHERE cm.icd_10_cm_code = $1`,
    [code],
  );
  if (!row) missing.push(`icd-10-cm ${code}`);
  else facts.push({ code_system: 'icd-10-cm', code, description: String(row.d), ccs_category: String(row.ccs ?? ''), acute: yn(row.acute), hwr_exclusion: String(row.excl ?? ''), always_planned: yn(row.ap), potentially_planned: '' });
}
for (const code of catalog.icd10pcs) {
  const row = await db.one(
    `SELECT p.icd_10_pcs_description AS d, c.ccs_category AS ccs,
       (SELECT count(*) FROM ap_pr WHERE ccs_procedure_category = c.ccs_category) > 0 AS ap,
       (SELECT count(*) FROM pp_ccs WHERE ccs_procedure_category = c.ccs_category) > 0 AS by_ccs,
       (SELECT count(*) FROM pp_pcs WHERE icd_10_pcs = $1) > 0 AS by_code
     FROM pcs p LEFT JOIN ccs_pr c ON c.icd_10_pcs_code = p.icd_10_pcs_code WHERE p.icd_10_pcs_code = $1`,
    [code],
  );
  if (!row) missing.push(`icd-10-pcs ${code}`);
  else {
    const pp = row.by_ccs && row.by_code ? 'ccs category and pcs list' : row.by_ccs ? 'ccs category' : row.by_code ? 'pcs list' : '';
    facts.push({ code_system: 'icd-10-pcs', code, description: String(row.d), ccs_category: String(row.ccs ?? ''), acute: '', hwr_exclusion: '', always_planned: yn(row.ap), potentially_planned: pp });
  }
}
for (const code of catalog.hcpcs) {
  const row = await db.one('SELECT ccs_category AS ccs, ccs_category_description AS d FROM hcpcs WHERE hcpcs_code = $1', [code]);
  if (!row) missing.push(`hcpcs ${code}`);
  else facts.push({ code_system: 'hcpcs', code, description: `CCS: ${row.d}`, ccs_category: String(row.ccs), acute: '', hwr_exclusion: '', always_planned: '', potentially_planned: '' });
}
for (const code of catalog.msDrg) {
  const row = await db.one('SELECT description AS d FROM drg WHERE ms_drg = $1', [code]);
  if (!row) missing.push(`ms-drg ${code}`);
  else facts.push({ code_system: 'ms-drg', code, description: String(row.d), ccs_category: '', acute: '', hwr_exclusion: '', always_planned: '', potentially_planned: '' });
}
db.close();
if (missing.length > 0) throw new Error(`codes not found in the references: ${missing.join(', ')}`);
const columns = Object.keys(facts[0]) as (keyof Fact)[];
writeFileSync(values.out as string, [columns.join(','), ...facts.map((f) => columns.map((c) => csvField(f[c])).join(','))].join('\n') + '\n');
process.stderr.write(`wrote ${facts.length} code facts to ${values.out}\n`);
