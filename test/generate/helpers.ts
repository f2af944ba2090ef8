/** Shared helpers of the generator tests: generate into a temp folder, query the files with DuckDB. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/engine/db.ts';
import { generatePopulation, type GenerateOptions } from '../../server/generate/index.ts';

export const DEFAULTS: Omit<GenerateOptions, 'out'> = { members: 1000, seed: 1, effect: -0.15, start: '2022-01-01', months: 36, format: 'csv', mess: true };

export interface Generated {
  dir: string;
  truth: any;
  cleanup(): void;
}

/** Generates a population into a fresh temp folder. */
export async function generate(options: Partial<GenerateOptions>): Promise<Generated> {
  const dir = mkdtempSync(join(tmpdir(), 'caseload-gen-'));
  await generatePopulation({ ...DEFAULTS, ...options, out: dir });
  return { dir, truth: JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** sha256 of every file in a folder, by file name. */
export function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

/** An in-memory DuckDB with tables `claims`, `elig`, `prog` over the generated CSVs (all text), `facts` over code_facts.csv, and `mm` (member months). */
export async function openGenerated(dir: string, periodEnd = '2024-12-31'): Promise<Database> {
  const db = await Database.open(':memory:');
  const load = (table: string, path: string) => db.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv($1, header = true, all_varchar = true)`, [path]);
  await load('claims', join(dir, 'medical_claim.csv'));
  await load('elig', join(dir, 'eligibility.csv'));
  await load('prog', join(dir, 'program_enrollment.csv'));
  await load('facts', join(import.meta.dirname, '../../datasets/generator/code_facts.csv'));
  await db.run(
    `CREATE TABLE mm AS SELECT DISTINCT person_id, m FROM elig,
       LATERAL (SELECT unnest(generate_series(date_trunc('month', enrollment_start_date::DATE), date_trunc('month', coalesce(enrollment_end_date::DATE, $1::DATE)), INTERVAL 1 MONTH))::DATE AS m)`,
    [periodEnd],
  );
  return db;
}

/** SQL of a claim's anchor date (MEASURES.md §3: institutional start = coalesce(admission_date, claim_start_date)). */
export const ANCHOR = `CASE WHEN bill_type_code IS NOT NULL THEN coalesce(admission_date, claim_start_date) ELSE claim_start_date END::DATE`;
