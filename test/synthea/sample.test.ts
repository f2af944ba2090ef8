/**
 * The Synthea 3.0 sample (test/fixtures/synthea, OHDSI/dbt-synthea, Apache-2.0) through
 * ingest (format detected) → build → report. Expectations were computed from the raw CSVs
 * with a short Python script, independently of the adapter:
 * - patients: 27 rows in patients.csv, all with payer_transitions → 27 persons.
 * - member months: every (person, month) a payer_transitions span [START_YEAR, END_YEAR]
 *   (ended at DEATHDATE) touches, up to data_through = latest encounter START/STOP date
 *   2024-02-02 → 11,495.
 * - inpatient: 11 encounters, none overlapping or adjacent → 11 stays = 11 admissions.
 * - emergency: 17 encounters on 17 distinct person-dates → 17 ED visits; one (bd9aaf62,
 *   2014-09-08) has an inpatient encounter the same day → 1 leading to admission.
 * - target flags (SNOMED map, §2 rule on encounter REASONCODEs and conditions): ihd for
 *   261ad2a4 and c2d1b552 (3 other claims each), hypertension for 5a595dfb and 97a9452d
 *   (2 dates each); 4 other persons have hypertension on one date only → not target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { ingestDirectory, type IngestSummary } from '../../server/ingest/index.ts';
import { buildDatabase } from '../../server/pipeline/build.ts';
import { computeReport, type Report } from '../../server/report/compute.ts';

const SAMPLE = join(import.meta.dirname, '../fixtures/synthea');

describe('Synthea sample: ingest → build → report', () => {
  let area: string;
  let db: Database;
  let summary: IngestSummary;
  let report: Report;
  beforeAll(async () => {
    area = mkdtempSync(join(tmpdir(), 'caseload-synthea-'));
    db = await Database.open(join(area, 'c.duckdb'));
    summary = await ingestDirectory(db, { dir: SAMPLE });
    await buildDatabase(db, {});
    report = await computeReport(db);
  });
  afterAll(() => {
    db.close();
    rmSync(area, { recursive: true, force: true });
  });

  it('detects Synthea, loads every row and reports unmapped codes', () => {
    expect(summary.format).toBe('synthea');
    expect(summary.format_reason).toMatch(/^detected synthea: Synthea CSV export/);
    expect(summary.files.map((f) => [f.file, f.table, f.rows_read, f.rows_rejected])).toEqual([
      ['payer_transitions.csv', 'eligibility', 1051, 0],
      ['careplans.csv', 'program_enrollment', 6, 0],
      ['encounters.csv', 'encounter', 604, 0],
      ['conditions.csv', 'condition', 438, 0],
      ['procedures.csv', 'procedure', 249, 0],
    ]);
    expect(summary.notes.join('\n')).toMatch(/condition rows \(356 of 438; 15 of 48 distinct codes\) could not be mapped/);
  });

  it('counts patients, member months, stays, ED visits and target flags', async () => {
    expect(report.data_through).toBe('2024-02-02');
    expect(await db.one('SELECT count(*)::INTEGER AS n FROM mart_patient')).toEqual({ n: 27 });
    expect(report.cohorts.all).toMatchObject({ member_months: 11495, admissions: 11, ed_visits: 17, ed_leading_to_admission: 1 });
    const flagged = await db.all<{ p: string; c: string[] }>(
      `SELECT left(person_id, 8) AS p, conditions AS c FROM mart_patient WHERE len(conditions) > 0 ORDER BY 1`,
    );
    expect(flagged.map((r) => [r.p, [...r.c]])).toEqual([
      ['261ad2a4', ['ihd']], ['5a595dfb', ['hypertension']], ['97a9452d', ['hypertension']], ['c2d1b552', ['ihd']],
    ]);
  });
});
