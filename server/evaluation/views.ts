/**
 * Materialises the evaluation relations of `sql/evaluation/` as TEMP tables on the
 * connection for the duration of one evaluation (nothing is written to the database file,
 * so a read-only database works), then drops them. Evaluations on one connection run one
 * at a time, so two requests never see each other's tables.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import { checkFinished } from '../ingest/finish.ts';

const sqlDir = new URL('../../sql/evaluation/', import.meta.url);

/** In dependency order: each reads only marts, raw tables, references or the ones before it. */
export const evaluationRelations = ['eval_person_charlson', 'eval_person_month', 'eval_index_candidate'] as const;

/** Tables the evaluation reads; a database without them has not been built. */
const required = [
  'build_info', 'mart_member_month', 'mart_episode', 'mart_ed_visit', 'mart_measures_monthly', 'mart_patient_timeline',
  'raw_medical_claim', 'raw_encounter', 'raw_condition',
];

/** Reference code sets the relations read, loaded from `datasets/reference/` (the build keeps its copies temporary). */
const references: Record<string, string> = {
  ref_charlson_icd10_quan2005: '../../datasets/reference/comorbidity/charlson_icd10_quan2005.csv',
  ref_ccm_tcm_codes: '../../datasets/reference/care-management/ccm_tcm_codes.csv',
};

const queues = new WeakMap<Database, Promise<unknown>>();

/** Runs `work` with the evaluation tables in place; calls on the same database are queued. */
export async function withEvaluationTables<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(async () => {
    await createEvaluationTables(db);
    try {
      return await work();
    } finally {
      for (const name of [...evaluationRelations].reverse()) await db.run(`DROP TABLE IF EXISTS temp.${name}`);
      for (const name of Object.keys(references)) await db.run(`DROP TABLE IF EXISTS temp.${name}`);
    }
  });
  queues.set(db, run);
  return run;
}

/** Throws InputError naming the missing tables when the database has not been built, or when an ingest is unfinished. */
export async function checkBuilt(db: Database): Promise<void> {
  await checkFinished(db);
  const present = new Set((await db.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables`)).map((r) => r.name));
  const missing = required.filter((t) => !present.has(t));
  if (missing.length > 0) {
    throw new InputError(`${db.path}: not a built Caseload database (missing ${missing.join(', ')}); run \`caseload build\` first`);
  }
}

async function createEvaluationTables(db: Database): Promise<void> {
  await checkBuilt(db);
  for (const [name, file] of Object.entries(references)) {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM read_csv($file, header = true, all_varchar = true)`, {
      file: fileURLToPath(new URL(file, import.meta.url)),
    });
  }
  for (const name of evaluationRelations) {
    const sql = readFileSync(fileURLToPath(new URL(`${name}.sql`, sqlDir)), 'utf8').trim().replace(/;$/, '');
    await db.run(`CREATE OR REPLACE TEMP TABLE ${name} AS\n${sql}`);
  }
}
