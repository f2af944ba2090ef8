import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { generate, type Generated, hashes } from './helpers.ts';

const made: Generated[] = [];
const make = async (options: Parameters<typeof generate>[0]) => {
  const g = await generate(options);
  made.push(g);
  return g;
};
afterAll(() => made.forEach((g) => g.cleanup()));

describe('generate: determinism', () => {
  it('writes byte-identical files for the same seed and options', async () => {
    const a = await make({ members: 3000, seed: 42 });
    const b = await make({ members: 3000, seed: 42 });
    const ha = hashes(a.dir);
    expect(Object.keys(ha)).toEqual(['eligibility.csv', 'medical_claim.csv', 'program_enrollment.csv', 'truth.json']);
    expect(hashes(b.dir)).toEqual(ha);
  });

  it('writes different files for a different seed', async () => {
    const a = await make({ members: 400, seed: 1 });
    const b = await make({ members: 400, seed: 2 });
    const ha = hashes(a.dir);
    const hb = hashes(b.dir);
    for (const file of ['eligibility.csv', 'medical_claim.csv', 'truth.json']) expect(hb[file]).not.toBe(ha[file]);
  });

  it('gives a member the same data whatever the population size', async () => {
    const small = await make({ members: 200, seed: 9 });
    const large = await make({ members: 400, seed: 9 });
    const db = await Database.open(':memory:');
    try {
      const rows = async (dir: string) =>
        db.all(`SELECT * FROM read_csv($1, header = true, all_varchar = true) WHERE person_id <= 'P0000200' ORDER BY ALL`, [join(dir, 'medical_claim.csv')]);
      expect(await rows(large.dir)).toEqual(await rows(small.dir));
    } finally {
      db.close();
    }
  });

  it('changes only what follows enrolment when the effect changes, and the counterfactual is exact without effect', async () => {
    const none = await make({ members: 3000, seed: 5, effect: 0 });
    const strong = await make({ members: 3000, seed: 5, effect: -0.5 });
    expect(none.truth.counterfactual.admissions_observed).toBe(none.truth.counterfactual.admissions_counterfactual);
    expect(none.truth.counterfactual.ed_visits_observed).toBe(none.truth.counterfactual.ed_visits_counterfactual);
    expect(strong.truth.counterfactual.admissions_counterfactual).toBe(none.truth.counterfactual.admissions_counterfactual);
    expect(strong.truth.counterfactual.admissions_observed).toBeLessThan(strong.truth.counterfactual.admissions_counterfactual);
    expect(strong.truth.enrollment.enrolled_members).toBe(none.truth.enrollment.enrolled_members);
    const db = await Database.open(':memory:');
    try {
      const starts = (dir: string) => db.all(`SELECT person_id, program, enrollment_start_date FROM read_csv($1, header = true, all_varchar = true) ORDER BY ALL`, [join(dir, 'program_enrollment.csv')]);
      expect(await starts(strong.dir)).toEqual(await starts(none.dir));
      const before = (dir: string) =>
        db.all(
          `SELECT c.* FROM read_csv($1, header = true, all_varchar = true) c
           JOIN read_csv($2, header = true, all_varchar = true) p USING (person_id)
           WHERE c.claim_start_date < p.enrollment_start_date AND c.hcpcs_code IS DISTINCT FROM '99496' AND c.hcpcs_code IS DISTINCT FROM '99495' ORDER BY ALL`,
          [join(dir, 'medical_claim.csv'), join(dir, 'program_enrollment.csv')],
        );
      const beforeNone = await before(none.dir);
      expect(beforeNone.length).toBeGreaterThan(1000);
      expect(await before(strong.dir)).toEqual(beforeNone);
    } finally {
      db.close();
    }
  });

  it('writes Parquet with the same rows, deterministically, and removes the CSVs', async () => {
    const csv = await make({ members: 300, seed: 3 });
    const p1 = await make({ members: 300, seed: 3, format: 'parquet' });
    const p2 = await make({ members: 300, seed: 3, format: 'parquet' });
    expect(hashes(p2.dir)).toEqual(hashes(p1.dir));
    for (const t of ['eligibility', 'medical_claim', 'program_enrollment']) {
      expect(existsSync(join(p1.dir, `${t}.csv`))).toBe(false);
      expect(existsSync(join(p1.dir, `${t}.parquet`))).toBe(true);
    }
    expect(p1.truth.files.map((f: { rows: number }) => f.rows)).toEqual(csv.truth.files.map((f: { rows: number }) => f.rows));
    const db = await Database.open(':memory:');
    try {
      const types = await db.all(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1)) WHERE column_name IN ('claim_start_date', 'paid_amount', 'revenue_center_code', 'claim_line_number')`, [join(p1.dir, 'medical_claim.parquet')]);
      expect(Object.fromEntries(types.map((r) => [r.column_name, r.column_type]))).toEqual({ claim_line_number: 'INTEGER', claim_start_date: 'DATE', revenue_center_code: 'VARCHAR', paid_amount: 'DOUBLE' });
      const sameRows = await db.one<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM (SELECT claim_id, claim_line_number::INTEGER AS l, revenue_center_code, paid_amount::DOUBLE AS p FROM read_csv($1, header = true, all_varchar = true)
           EXCEPT ALL SELECT claim_id, claim_line_number, revenue_center_code, paid_amount FROM read_parquet($2))`,
        [join(csv.dir, 'medical_claim.csv'), join(p1.dir, 'medical_claim.parquet')],
      );
      expect(sameRows?.n).toBe(0);
    } finally {
      db.close();
    }
  });
});
