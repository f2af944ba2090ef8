/**
 * The sample database every API and browser test reads: generated (2,000 members, fixed
 * seed), ingested and built by the real modules, once, and cached under the temp dir by
 * a key over every source that shapes it, so a change to the pipeline rebuilds it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/engine/db.ts';
import { generatePopulation } from '../../server/generate/index.ts';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { buildDatabase } from '../../server/pipeline/build.ts';
import { repoRoot } from '../../server/api/command.ts';

export const SAMPLE_MEMBERS = 2000;
const SAMPLE_SEED = 11;

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)));
}

function cacheKey(): string {
  const hash = createHash('sha256').update(`${SAMPLE_MEMBERS}/${SAMPLE_SEED}`);
  for (const folder of ['sql', 'server/generate', 'server/ingest', 'server/pipeline', 'server/engine', 'datasets/reference']) {
    for (const file of filesUnder(join(repoRoot, folder))) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Runs `work` holding a lock directory (shared by the test processes). */
export async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      if (Date.now() - started > 240_000) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** The path of the cached, built sample database (open it read-only: several test processes share it). */
export async function sampleDatabase(): Promise<string> {
  const dir = join(tmpdir(), `caseload-sample-${cacheKey()}`);
  const path = join(dir, 'caseload.duckdb');
  await withLock(join(tmpdir(), 'caseload-sample.lock'), async () => {
    removeStaleSamples(dir);
    if (existsSync(path)) return;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const extracts = join(dir, 'extracts');
    await generatePopulation({ out: extracts, members: SAMPLE_MEMBERS, seed: SAMPLE_SEED, effect: -0.15, start: '2022-01-01', months: 36, format: 'csv', mess: true });
    const partial = join(dir, 'building.duckdb');
    const db = await Database.open(partial);
    try {
      await ingestDirectory(db, { dir: extracts });
      await buildDatabase(db, {});
    } finally {
      db.close();
    }
    renameSync(partial, path);
    rmSync(extracts, { recursive: true, force: true });
  });
  return path;
}

/** Removes samples built from older sources (untouched for ten minutes), keeping `current`. */
function removeStaleSamples(current: string): void {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('caseload-sample-') || path === current) continue;
    if (Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { recursive: true, force: true });
  }
}
