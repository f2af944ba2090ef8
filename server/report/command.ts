/** `caseload report`: prints the MEASURES.md §8 report as JSON (exactly the object) or a table. */
import { existsSync } from 'node:fs';
import { Database } from '../engine/db.ts';
import { UsageError } from '../errors.ts';
import { computeReport } from './compute.ts';
import { formatReportTable } from './format.ts';

export interface ReportCommandOptions {
  db: string;
  from?: string;
  to?: string;
  format: 'json' | 'table';
}

/** Opens the database read-only, computes the report and writes it to stdout. */
export async function runReport(opts: ReportCommandOptions): Promise<void> {
  if (opts.from && opts.to && opts.from > opts.to) throw new UsageError(`--from ${opts.from} is after --to ${opts.to}.`);
  if (!existsSync(opts.db)) throw new UsageError(`no database at ${opts.db}: run \`caseload ingest\` and \`caseload build\` first.`);
  const db = await Database.open(opts.db, { access_mode: 'READ_ONLY' });
  try {
    const report = await computeReport(db, { from: opts.from, to: opts.to });
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatReportTable(report)}\n`);
  } finally {
    db.close();
  }
}
