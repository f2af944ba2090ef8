/**
 * Golden-test harness: writes canonical CSV extracts to a temp folder, ingests them with
 * the real ingest, builds the pipeline and computes the report — the way users go.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, type Row } from '../../server/engine/db.ts';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { buildDatabase, type BuildSummary } from '../../server/pipeline/build.ts';
import { computeReport, type CohortMeasures, type Report, type ReportPeriod } from '../../server/report/compute.ts';

export type Cell = string | number | null | undefined;
export type CsvRow = Record<string, Cell>;

export interface FixtureFiles {
  eligibility?: CsvRow[];
  medical_claim?: CsvRow[];
  program_enrollment?: CsvRow[];
  encounter?: CsvRow[];
  condition?: CsvRow[];
  procedure?: CsvRow[];
}

/** CSV text for rows of objects; the header is the union of their keys. */
export function toCsv(rows: CsvRow[]): string {
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: Cell) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\n') + '\n';
}

export interface Scenario {
  db: Database;
  dir: string;
  build: BuildSummary;
  report(period?: ReportPeriod): Promise<Report>;
  rows<T extends Row = Row>(sql: string, params?: Record<string, string | number | boolean | null>): Promise<T[]>;
  /** The value of one data-quality metric (optionally one detail). */
  quality(metric: string, detail?: string): Promise<number>;
  close(): void;
}

/** Writes the CSVs to a temp folder, then ingest → build; call close() when done. */
export async function scenario(files: FixtureFiles, opts: { dataThrough?: string } = {}): Promise<Scenario> {
  const dir = mkdtempSync(join(tmpdir(), 'caseload-measures-'));
  const extracts = join(dir, 'extracts');
  writeCsvFolder(extracts, files);
  const db = await Database.open(join(dir, 'caseload.duckdb'));
  await ingestDirectory(db, { dir: extracts });
  const build = await buildDatabase(db, { dataThrough: opts.dataThrough });
  return {
    db,
    dir,
    build,
    report: (period) => computeReport(db, period),
    rows: (sql, params) => db.all(sql, params),
    async quality(metric, detail) {
      const row = await db.one<{ v: number }>(
        `SELECT coalesce(sum(value), 0)::BIGINT AS v FROM mart_data_quality WHERE metric = $m AND ($d::VARCHAR IS NULL OR detail = $d)`,
        { m: metric, d: detail ?? null },
      );
      return Number(row?.v ?? 0);
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes each non-empty table of `files` as `<name>.csv` into `dir` (created). */
export function writeCsvFolder(dir: string, files: FixtureFiles): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(files)) {
    if (rows && rows.length) writeFileSync(join(dir, `${name}.csv`), toCsv(rows));
  }
}
