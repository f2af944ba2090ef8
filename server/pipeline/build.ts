/**
 * The measure pipeline runner: loads reference tables, writes the build parameters,
 * then creates every relation of `sql/` in dependency order. What readers see — the
 * marts, build_info and the reference tables — changes in ONE short transaction at the
 * end: a failed build leaves the previous marts in place.
 *
 * DuckDB estimates a table created inside a still-open transaction at 0 rows, so a join
 * over such tables builds its hash table on whichever side comes first — at a million
 * members, often tens of millions of rows instead of thousands. So every relation is
 * created and committed on its own, and only renames wait for the last transaction:
 *   1. the reference tables, build_info and every intermediate are TEMP tables or views
 *      of the build's connection (no other connection sees them);
 *   2. each mart is stored as `_next_<name>` and committed, with a TEMP view `<name>` over
 *      it, so the marts that read other marts read the new ones, at their real size;
 *   3. one transaction drops the previous marts, build_info and reference tables and
 *      renames the `_next_` ones (copies of build_info and the references are stored
 *      just before it). Readers see the old relations until that COMMIT, the new after.
 * The temporary objects, and `_next_` tables a failed build left, are dropped at the end.
 * The macros of `sql/macros/` are temporary too, created before the first relation.
 */
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import { ensureIngestSchema } from '../ingest/schema.ts';
import { loadReferenceTables } from './references.ts';
import { loadMacros, loadRelations, type Layer, type SqlRelation } from './sqlFiles.ts';

export const pipelineVersion = '1.0.0';

/** Name prefix of a stored relation built but not yet published (renamed) by the running build. */
export const unpublishedPrefix = '_next_';

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
   * debugging: they are then published like the marts. By default they are temporary
   * relations of the build's connection, so only the published relations (the marts,
   * build_info, core_member_month) and the reference tables (ref_*) are written to disk.
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
  const macros = loadMacros(opts.sqlDir);
  const lastReader = lastReaders(relations);
  const started = performance.now();
  const built = new Map<string, BuiltRelation>();
  const published = (rel: SqlRelation) => opts.keepIntermediate || rel.published;
  // Stored under their own name by the last transaction: tables renamed from `_next_<name>`, views created.
  const tables: string[] = [];
  const views: SqlRelation[] = [];
  // `main.x` would name a temporary relation x first: stored relations are named with the database.
  const storedSchema = `${(await db.one<{ s: string }>(`SELECT ('"' || replace(current_database(), '"', '""') || '"') AS s`))!.s}.main`;
  const next = (name: string) => `${storedSchema}.${unpublishedPrefix}${name}`;

  const createRelation = async (rel: SqlRelation, index: number): Promise<void> => {
    const t = performance.now();
    const view = rel.materialized === 'view';
    const stored = published(rel) && !view;
    const body = stripTrailingSemicolon(rel.sql);
    try {
      await dropExisting(db, rel.name, 'temp');
      if (stored) {
        await db.run(`CREATE TABLE ${next(rel.name)} AS\n${body}`);
        await db.run(`CREATE TEMP VIEW ${rel.name} AS SELECT * FROM ${next(rel.name)}`);
      } else {
        await db.run(`CREATE TEMP ${view ? 'VIEW' : 'TABLE'} ${rel.name} AS\n${body}`);
      }
    } catch (error) {
      throw new Error(`build failed in sql/${rel.layer}/${rel.name}.sql: ${(error as Error).message}`, { cause: error });
    }
    if (stored) tables.push(rel.name);
    else if (view && published(rel)) views.push(rel);
    const rows = view ? null : await countRows(db, stored ? next(rel.name) : `temp.main.${rel.name}`);
    const ms = performance.now() - t;
    built.set(rel.name, { name: rel.name, layer: rel.layer, rows, ms });
    log(`${`${rel.layer}/${rel.name}`.padEnd(44)} ${(rows === null ? 'view' : `${rows} rows`).padStart(16)}  ${seconds(ms)}`);
    if (!opts.keepIntermediate) {
      for (const done of relations) {
        if (lastReader.get(done.name) === index && !done.published) await dropExisting(db, done.name, 'temp');
      }
    }
  };

  let references: { table: string; rows: number }[] = [];
  let dataThrough: string;
  try {
    await ensureIngestSchema(db);
    await dropUnpublished(db, storedSchema);
    await db.run(
      `CREATE OR REPLACE TEMP TABLE build_params AS
       SELECT $data_through::DATE AS data_through_override, current_timestamp AS built_at, $version AS pipeline_version`,
      { data_through: opts.dataThrough ?? null, version: pipelineVersion },
    );
    for (const { name, definition } of macros) {
      await db.run(`CREATE OR REPLACE TEMP MACRO ${name}${definition}`);
      // The stored views of the intermediates call it after the build's connection is gone.
      if (opts.keepIntermediate) await db.run(`CREATE OR REPLACE MACRO ${storedSchema}.${name}${definition}`);
    }
    const t = performance.now();
    references = await loadReferenceTables(db, { dir: opts.referenceDir });
    log(`reference  ${references.length} tables loaded  ${seconds(performance.now() - t)}`);
    // Everything below the marts first: the marts need data_through, known once build_info exists.
    const early = (rel: SqlRelation) => rel.layer !== 'marts';
    for (const [index, rel] of relations.entries()) {
      if (early(rel)) await createRelation(rel, index);
    }
    const info = await db.one<{ data_through: string | null }>('SELECT data_through FROM build_info');
    if (!info?.data_through) throw new InputError('nothing to build: the database holds no claims or encounters (run `caseload ingest` first).');
    dataThrough = info.data_through;
    for (const [index, rel] of relations.entries()) {
      if (!early(rel)) await createRelation(rel, index);
    }

    const copies = references.map((r) => r.table);
    for (const name of copies) await db.run(`CREATE TABLE ${next(name)} AS SELECT * FROM temp.main.${name}`);
    const unpublished = [...copies, ...tables];
    // The stored views below must resolve to the published tables, not to these.
    for (const name of tables) await dropExisting(db, name, 'temp');
    await db.transaction(async () => {
      for (const rel of relations) if (!published(rel)) await dropExisting(db, rel.name, 'stored');
      for (const name of unpublished) {
        await dropExisting(db, name, 'stored');
        await db.run(`ALTER TABLE ${next(name)} RENAME TO ${name}`);
      }
      for (const rel of views) {
        await dropExisting(db, rel.name, 'stored');
        await db.run(`CREATE VIEW ${storedSchema}.${rel.name} AS\n${stripTrailingSemicolon(rel.sql)}`);
      }
    });
    log(`published ${unpublished.length + views.length} relations`);
  } finally {
    // Free the connection's memory: the temporary relations are not needed after the build.
    for (const rel of [...relations].reverse()) await dropExisting(db, rel.name, 'temp');
    for (const { table } of references) await dropExisting(db, table, 'temp');
    await db.run('DROP TABLE IF EXISTS temp.main.build_params');
    for (const { name } of macros) await db.run(`DROP MACRO IF EXISTS temp.main.${name}`);
    await dropUnpublished(db, storedSchema);
  }

  const totalMs = performance.now() - started;
  log(`built ${relations.length} relations through ${dataThrough} in ${seconds(totalMs)}`);
  const relationsBuilt: BuiltRelation[] = [
    ...references.map((ref) => ({ name: ref.table, layer: 'reference' as const, rows: ref.rows, ms: 0 })),
    ...relations.map((rel) => built.get(rel.name)!),
  ];
  return { dataThrough, relations: relationsBuilt, totalMs };
}

/** Drops the `_next_` tables of a build that did not publish them (this one failing, or one interrupted earlier). */
async function dropUnpublished(db: Database, storedSchema: string): Promise<void> {
  const left = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary AND database_name = current_database()
       AND schema_name = 'main' AND starts_with(table_name, $1)`,
    [unpublishedPrefix],
  );
  for (const { name } of left) await db.run(`DROP TABLE ${storedSchema}.${name}`);
}

async function countRows(db: Database, qualifiedName: string): Promise<number> {
  return Number((await db.one<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${qualifiedName}`))?.n ?? 0);
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

/**
 * Drops every table or view called `name` in `scope` — the stored ones (main), the
 * temporary ones of this connection, or both — so the relation about to be created is the
 * only one its name resolves to there (an earlier build may have left the other kind).
 * Stored relations are only dropped inside the build's transaction, so readers keep the
 * old ones until COMMIT.
 */
export async function dropExisting(db: Database, name: string, scope: 'stored' | 'temp' | 'both' = 'both'): Promise<void> {
  const found = await db.all<{ schema: string; kind: string }>(
    `SELECT ('"' || replace(database_name, '"', '""') || '"') || '.main' AS schema, kind FROM (
       SELECT database_name, temporary, 'TABLE' AS kind FROM duckdb_tables() WHERE table_name = $1 AND schema_name = 'main'
       UNION ALL
       SELECT database_name, temporary, 'VIEW' FROM duckdb_views() WHERE view_name = $1 AND schema_name = 'main' AND NOT internal
     )
     WHERE database_name IN (current_database(), 'temp') AND ($2 = 'both' OR temporary = ($2 = 'temp'))`,
    [name, scope],
  );
  for (const { schema, kind } of found) await db.run(`DROP ${kind} ${schema}.${name}`);
}

function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*$/, '');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
