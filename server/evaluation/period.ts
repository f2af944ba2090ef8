/** The evaluation period: defaults from build_info, overridable by the caller. */
import type { Database } from '../engine/db.ts';
import { UsageError } from '../errors.ts';

export interface Period {
  from: string;
  to: string;
  dataThrough: string;
}

/** Resolves `[from, to]` (YYYY-MM-DD) against build_info; a reversed period is a usage error. */
export async function resolvePeriod(db: Database, from?: string, to?: string): Promise<Period> {
  const info = await db.one<{ data_through: string; default_from: string }>(
    `SELECT strftime(data_through, '%Y-%m-%d') AS data_through, strftime(default_from, '%Y-%m-%d') AS default_from FROM build_info`,
  );
  if (!info) throw new UsageError('build_info is empty: run `caseload build` first');
  const period = { from: from ?? info.default_from, to: to ?? info.data_through, dataThrough: info.data_through };
  if (period.from > period.to) throw new UsageError(`--from ${period.from} is after --to ${period.to}`);
  return period;
}
