/** `caseload build`: runs the sql/ pipeline against a database file and prints each relation built. */
import { existsSync } from 'node:fs';
import { Database } from '../engine/db.ts';
import { engineSettings } from '../engine/settings.ts';
import { finishBatches } from '../ingest/finish.ts';
import { UsageError } from '../errors.ts';
import { buildDatabase, type BuildSummary } from './build.ts';

export interface BuildCommandOptions {
  db: string;
  dataThrough?: string;
}

/** Opens the database, builds every relation in one transaction and logs progress to stdout. */
export async function runBuild(opts: BuildCommandOptions): Promise<BuildSummary> {
  if (!existsSync(opts.db)) throw new UsageError(`no database at ${opts.db}: run \`caseload ingest\` first.`);
  const db = await Database.open(opts.db, engineSettings({ keepInsertionOrder: false }));
  try {
    await finishBatches(db);
    return await buildDatabase(db, { dataThrough: opts.dataThrough, log: (line) => process.stdout.write(`${line}\n`) });
  } finally {
    db.close();
  }
}
