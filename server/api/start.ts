/**
 * `npm start` / `caseload start`: on first start generate the bundled sample
 * (datasets/sample/, fixed seed), ingest and build it into the database file; build the
 * client when dist/client is missing or older than its sources; then serve both on one port.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { Database } from '../engine/db.ts';
import { engineSettings } from '../engine/settings.ts';
import { clientDistDir, listen, printFirstAdminHelp, rebuildOnSighup, repoRoot, secureServer, type ServeOptions } from './command.ts';
import { isSampleDatabase, markSampleDatabase, refreshDemoUsers } from '../auth/demo.ts';
import { countUsers } from '../auth/users.ts';

/** The bundled sample: small enough that a first start takes well under a minute. */
export const sampleOptions = {
  members: 3000,
  seed: 20240601,
  effect: -0.15,
  start: '2022-01-01',
  months: 36,
  format: 'csv' as const,
  mess: true,
};
export const sampleDir = join(repoRoot, 'datasets', 'sample');

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Generates the sample into `dir` unless its eligibility file is already there. */
export async function ensureSample(dir: string = sampleDir): Promise<void> {
  if (existsSync(join(dir, 'eligibility.csv'))) return;
  say(`Generating the sample population (${sampleOptions.members.toLocaleString('en-US')} members, seed ${sampleOptions.seed}) into ${dir} …`);
  const { generatePopulation } = await import('../generate/index.ts');
  await generatePopulation({ out: dir, ...sampleOptions });
}

/** Ingests `dir` and builds the marts into a new database file at `path` (written aside, then moved into place). */
export async function buildSampleDatabase(path: string, dir: string = sampleDir): Promise<void> {
  const { ingestDirectory } = await import('../ingest/index.ts');
  const { buildDatabase } = await import('../pipeline/build.ts');
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  rmSync(`${partial}.wal`, { force: true });
  const db = await Database.open(partial);
  try {
    say('Ingesting the sample …');
    await ingestDirectory(db, { dir });
    say('Building the measures …');
    await buildDatabase(db, {});
    await markSampleDatabase(db);
  } finally {
    db.close();
  }
  renameSync(partial, path);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when dist/client is missing or older than client/, the server modules it imports, or vite.config.ts. */
export function clientIsStale(): boolean {
  const index = join(clientDistDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [
    join(repoRoot, 'client'),
    join(repoRoot, 'server', 'charts', 'palette.ts'),
    join(repoRoot, 'server', 'api', 'period.ts'),
    join(repoRoot, 'vite.config.ts'),
  ];
  return sources.some((source) => existsSync(source) && newestMtime(source) > built);
}

/** Builds the client with Vite's JS API when it is stale. */
export async function ensureClientBuilt(): Promise<void> {
  if (!clientIsStale()) return;
  say('Building the dashboard client …');
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.config.ts'), root: join(repoRoot, 'client'), logLevel: 'error', build: { outDir: clientDistDir, emptyOutDir: true } });
}

/** True when every ingest batch of the database read the bundled sample folder (a database `npm start` made before it was marked). */
async function builtFromSample(db: Database): Promise<boolean> {
  const table = await db.one(`SELECT 1 AS ok FROM information_schema.tables WHERE table_name = 'ingest_batches'`);
  if (!table) return false;
  const dirs = await db.all<{ dir: string | null }>('SELECT DISTINCT dir FROM ingest_batches');
  return dirs.length > 0 && dirs.every((d) => d.dir != null && resolve(d.dir) === resolve(sampleDir));
}

/** Prepares what is missing, then serves the dashboard; resolves once listening. */
export async function runStart(opts: ServeOptions): Promise<Server> {
  const started = performance.now();
  if (!existsSync(opts.db)) {
    await ensureSample();
    await buildSampleDatabase(opts.db);
  }
  await ensureClientBuilt();
  const db = await Database.open(opts.db, engineSettings({ keepInsertionOrder: true }));
  const secure = await secureServer(db, opts.db);
  if (!(await isSampleDatabase(db)) && (await builtFromSample(db))) await markSampleDatabase(db);
  const demoPassword = await refreshDemoUsers(db);
  if (demoPassword) {
    say('DEMO ACCOUNTS (bundled synthetic sample only; the password changes at every start):');
    say('  demo-admin, demo-case-manager, demo-quality, demo-executive');
    say(`  password: ${demoPassword}`);
  } else if ((await countUsers(db)) === 0) {
    printFirstAdminHelp(opts.db);
  }
  if (performance.now() - started > 1000) say(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  const unwatch = rebuildOnSighup(secure);
  return listen(secure.app, opts, async () => {
    unwatch();
    await secure.close();
    await db.closeWhenSettled();
  });
}
