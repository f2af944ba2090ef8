/**
 * The real Tuva demo sample (test/fixtures/tuva_demo, Apache-2.0): 87 patients with
 * claims, 2017-12 to 2018-12. Known properties (samples README): 9 inpatient stays and
 * no 30-day readmission pair.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { buildDatabase } from '../../server/pipeline/build.ts';
import { computeReport } from '../../server/report/compute.ts';

const sample = fileURLToPath(new URL('../fixtures/tuva_demo/', import.meta.url));

describe('Tuva demo sample', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caseload-tuva-'));
    db = await Database.open(join(dir, 'caseload.duckdb'));
    await ingestDirectory(db, { dir: sample });
    await buildDatabase(db);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has 9 acute inpatient stays, 9 episodes and no 30-day readmission', async () => {
    expect(await db.all(`SELECT count(*)::INTEGER AS n, sum(stay_count)::INTEGER AS stays FROM mart_episode`)).toEqual([{ n: 9, stays: 9 }]);
    expect(await db.all(`SELECT count(*)::INTEGER AS n FROM mart_episode WHERE readmitted`)).toEqual([{ n: 0 }]);
    // No pair of episodes of one person within 30 days, planned or not.
    expect(await db.all(`SELECT count(*)::INTEGER AS n FROM mart_episode WHERE readmission_episode_id IS NOT NULL`)).toEqual([{ n: 0 }]);
  });

  it('data_through is the latest claim end and the report is consistent', async () => {
    const report = await computeReport(db);
    expect(report.data_through).toBe('2018-12-22');
    const { all, managed, unmanaged, other } = report.cohorts;
    // No program_enrollment file → nobody is managed.
    expect(managed.member_months).toBe(0);
    expect(unmanaged.member_months + other.member_months).toBe(all.member_months);
    expect(all.admissions).toBe(9);
    expect(all.readmissions).toBe(0);
    expect(all.ed_visits).toBe(all.ed_treat_release + all.ed_leading_to_admission);
    expect(all.bed_days).toBe(Number((await db.one<{ n: number }>(`SELECT sum(los)::INTEGER AS n FROM mart_episode`))!.n));
  });
});
