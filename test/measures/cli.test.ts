/**
 * The real CLI end to end, as users run it: `caseload ingest`, `build`, `report
 * --format json|table` on the §9 worked examples; stdout of `--format json` must be
 * exactly the MEASURES.md §8 object.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCsvFolder } from './fixture.ts';
import { eligibility, enrolment, inpatient, professional } from './rows.ts';

const bin = fileURLToPath(new URL('../../bin/caseload.mjs', import.meta.url));
const caseload = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });

const cohortKeys = [
  'member_months', 'members', 'admissions', 'admissions_per_1000', 'ed_visits', 'ed_visits_per_1000', 'ed_treat_release',
  'ed_treat_release_per_1000', 'ed_leading_to_admission', 'index_stays', 'readmissions', 'readmission_rate', 'bed_days', 'alos',
];

describe('caseload ingest → build → report (CLI)', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caseload-cli-'));
    db = join(dir, 'caseload.duckdb');
    writeCsvFolder(join(dir, 'extracts'), {
      eligibility: [eligibility('A', '2024-01-01', '2024-12-31'), eligibility('B', '2024-01-01', '2024-12-31'), eligibility('C', '2024-01-01', '2024-12-31')],
      program_enrollment: [enrolment('A', '2024-03-15')],
      medical_claim: [
        inpatient({ claim_id: 'A1', person_id: 'A', from: '2024-02-01', to: '2024-02-05' }),
        professional({ claim_id: 'A2', person_id: 'A', date: '2024-02-01', pos: '23', hcpcs: '99284' }),
        inpatient({ claim_id: 'A3', person_id: 'A', from: '2024-02-20', to: '2024-02-20', dx: 'I5023' }),
        inpatient({ claim_id: 'B1', person_id: 'B', facility: 'F1', from: '2024-05-01', to: '2024-05-03', disposition: '02' }),
        inpatient({ claim_id: 'B2', person_id: 'B', facility: 'F2', from: '2024-05-03', to: '2024-05-09' }),
        inpatient({ claim_id: 'C1', person_id: 'C', from: '2024-07-01', to: '2024-07-31', disposition: '30' }),
        inpatient({ claim_id: 'C2', person_id: 'C', from: '2024-08-01', to: '2024-08-04' }),
      ],
    });
    const ingest = caseload('ingest', '--db', db, '--dir', join(dir, 'extracts'));
    expect(ingest.status, ingest.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('report before build is a usage error (exit 2)', () => {
    const r = caseload('report', '--db', db, '--format', 'json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/caseload build/);
  });

  it('build prints every relation with its row count and time', () => {
    const r = caseload('build', '--db', db, '--data-through', '2024-12-31');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/marts\/mart_episode\s+4 rows\s+\d+\.\d\d s/);
    expect(r.stdout).toMatch(/built \d+ relations through 2024-12-31/);
  });

  it('report --format json prints exactly the §8 object and nothing else', () => {
    const r = caseload('report', '--db', db, '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['data_through', 'period', 'cohorts']);
    expect(report.data_through).toBe('2024-12-31');
    expect(report.period).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(Object.keys(report.cohorts)).toEqual(['all', 'managed', 'unmanaged', 'other']);
    for (const cohort of Object.values(report.cohorts) as Record<string, unknown>[]) {
      expect(Object.keys(cohort)).toEqual(cohortKeys);
      for (const key of ['member_months', 'members', 'admissions', 'ed_visits', 'ed_treat_release', 'ed_leading_to_admission', 'index_stays', 'readmissions', 'bed_days']) {
        expect(Number.isInteger(cohort[key]), key).toBe(true);
      }
    }
    // Same numbers as the worked examples (see worked-examples.test.ts for the reasoning).
    expect(report.cohorts.all).toMatchObject({ member_months: 36, members: 3, admissions: 4, bed_days: 47, ed_visits: 1, index_stays: 4, readmissions: 1 });
    expect(report.cohorts.managed).toMatchObject({ member_months: 10, admissions: 0, readmission_rate: null, alos: null });
  });

  it('report --from/--to restricts events to anchor dates inside the period', () => {
    // February only: A's two admissions (02-01, 02-20) and the ED visit; member months:
    // A, B, C in February = 3.
    const r = caseload('report', '--db', db, '--from', '2024-02-01', '--to', '2024-02-29', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.period).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(report.cohorts.all).toMatchObject({ member_months: 3, admissions: 2, bed_days: 5, ed_visits: 1, index_stays: 2, readmissions: 1 });
    expect(report.cohorts.all.admissions_per_1000).toBe((12000 * 2) / 3);
  });

  it('report --format table prints an aligned table', () => {
    const r = caseload('report', '--db', db, '--format', 'table');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Period 2024-01-01 to 2024-12-31/);
    expect(r.stdout).toMatch(/Admissions per 1,000\s+1,333\.3\s+0\.0\s+12,000\.0\s+1,000\.0/);
    expect(r.stdout).toMatch(/Readmission rate\s+25\.0 %\s+—\s+50\.0 %\s+0\.0 %/);
  });

  it('a period that ends before it starts is a usage error (exit 2)', () => {
    const r = caseload('report', '--db', db, '--from', '2024-05-01', '--to', '2024-04-01', '--format', 'json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
