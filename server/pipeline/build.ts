/**
 * The measure pipeline runner: loads reference tables, writes the build parameters,
 * then creates every relation of `sql/` in dependency order, all in ONE transaction —
 * a failed build rolls back and leaves the previous marts in place.
 */
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import { ensureIngestSchema } from '../ingest/schema.ts';
import { loadReferenceTables } from './references.ts';
import { loadRelations, type Layer, type SqlRelation } from './sqlFiles.ts';

export const pipelineVersion = '1.0.0';

export interface BuildOptions {
  /** Last date the data is complete for (YYYY-MM-DD); default: latest claim or encounter end date. */
  dataThrough?: string;
  /** Receives one line per step (relation built, rows, time). */
  log?: (line: string) => void;
  /** Alternative `sql/` folder (tests); default: the repository's. */
  sqlDir?: string;
  /** Alternative reference folder (tests); default: `datasets/reference/`. */
  referenceDir?: string;
  /**
   * Also store the intermediate relations (stg_*, core_*, ms_*) in the database file, for
   * debugging. By default they are temporary tables of the build's connection, so only the
   * marts, build_info and the reference tables (ref_*) are written to disk (about half the
   * build time).
   */
  keepIntermediate?: boolean;
}

export interface BuiltRelation {
  name: string;
  layer: Layer | 'reference';
  /** Rows stored; null for a view. */
  rows: number | null;
  ms: number;
}

export interface BuildSummary {
  dataThrough: string;
  relations: BuiltRelation[];
  totalMs: number;
}

/** Runs the whole pipeline against `db` and returns what it built. */
export async function buildDatabase(db: Database, opts: BuildOptions = {}): Promise<BuildSummary> {
  const log = opts.log ?? (() => {});
  const relations = loadRelations(opts.sqlDir);
  const started = performance.now();
  const built: BuiltRelation[] = [];

  const dataThrough = await db.transaction(async () => {
    await ensureIngestSchema(db);

    let t = performance.now();
    for (const ref of await loadReferenceTables(db, { dir: opts.referenceDir })) {
      built.push({ name: ref.table, layer: 'reference', rows: ref.rows, ms: 0 });
    }
    log(`reference  ${built.length} tables loaded  ${seconds(performance.now() - t)}`);

    await db.run(
      `CREATE OR REPLACE TEMP TABLE build_params AS
       SELECT $data_through::DATE AS data_through_override, current_timestamp AS built_at, $version AS pipeline_version`,
      { data_through: opts.dataThrough ?? null, version: pipelineVersion },
    );

    const lastReader = lastReaders(relations);
    for (const [index, rel] of relations.entries()) {
      t = performance.now();
      const persisted = opts.keepIntermediate || isContractRelation(rel);
      const kind = rel.materialized === 'view' ? 'VIEW' : 'TABLE';
      try {
        await dropExisting(db, rel.name);
        await db.run(`CREATE ${persisted ? '' : 'TEMP '}${kind} ${rel.name} AS\n${stripTrailingSemicolon(rel.sql)}`);
      } catch (error) {
        throw new Error(`build failed in sql/${rel.layer}/${rel.name}.sql: ${(error as Error).message}`, { cause: error });
      }
      const rows = kind === 'VIEW' ? null : Number((await db.one<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${rel.name}`))?.n ?? 0);
      const ms = performance.now() - t;
      built.push({ name: rel.name, layer: rel.layer, rows, ms });
      log(`${`${rel.layer}/${rel.name}`.padEnd(44)} ${(rows === null ? 'view' : `${rows} rows`).padStart(16)}  ${seconds(ms)}`);
      if (!opts.keepIntermediate) {
        for (const done of relations) if (lastReader.get(done.name) === index && !isContractRelation(done)) await dropExisting(db, done.name);
      }
    }

    const info = await db.one<{ data_through: string | null }>('SELECT data_through FROM build_info');
    if (!info?.data_through) throw new InputError('nothing to build: the database holds no claims or encounters (run `caseload ingest` first).');
    // Free the connection's memory: the temporary relations are not needed after the build.
    for (const rel of [...relations].reverse()) {
      if (!opts.keepIntermediate && !isContractRelation(rel)) await dropExisting(db, rel.name);
    }
    await db.run('DROP TABLE IF EXISTS temp.main.build_params');
    return info.data_through;
  });

  const totalMs = performance.now() - started;
  log(`built ${relations.length} relations through ${dataThrough} in ${seconds(totalMs)}`);
  return { dataThrough, relations: built, totalMs };
}

/**
 * For each relation, the position of the last relation that reads it, directly or through
 * views (a view is read whenever a reader of it runs). An intermediate table is dropped
 * once that reader is built, so a million-member build keeps only the tables still needed
 * in memory instead of every one until the end.
 */
export function lastReaders(relations: SqlRelation[]): Map<string, number> {
  const last = new Map<string, number>();
  for (let i = relations.length - 1; i >= 0; i--) {
    const rel = relations[i];
    const until = rel.materialized === 'view' ? (last.get(rel.name) ?? i) : i;
    for (const dep of rel.dependsOn) last.set(dep, Math.max(last.get(dep) ?? -1, until));
  }
  return last;
}

/** The relations readers use (docs/marts.md): every mart, and build_info. */
export function isContractRelation(rel: { name: string; layer: Layer }): boolean {
  return rel.layer === 'marts' || rel.name === 'build_info';
}

/**
 * Drops every table or view called `name`, stored or temporary, so the relation about to
 * be created is the only one its name resolves to (an earlier build may have left the
 * other kind). Inside the build's transaction, so readers keep the old one until COMMIT.
 */
export async function dropExisting(db: Database, name: string): Promise<void> {
  const found = await db.all<{ schema: string; kind: string }>(
    `SELECT CASE WHEN temporary THEN 'temp.main' ELSE 'main' END AS schema, 'TABLE' AS kind FROM duckdb_tables() WHERE table_name = $1 AND schema_name = 'main'
     UNION ALL
     SELECT CASE WHEN temporary THEN 'temp.main' ELSE 'main' END, 'VIEW' FROM duckdb_views() WHERE view_name = $1 AND schema_name = 'main' AND NOT internal`,
    [name],
  );
  for (const { schema, kind } of found) await db.run(`DROP ${kind} ${schema}.${name}`);
}

function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*$/, '');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
