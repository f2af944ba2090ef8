/**
 * The measure pipeline runner: loads reference tables, writes the build parameters,
 * then creates every relation of `sql/` in dependency order. What readers see — the
 * marts, build_info and the reference tables — is stored in ONE transaction: a failed
 * build leaves the previous marts in place.
 *
 * DuckDB estimates a table created inside a still-open transaction at 0 rows, so a join
 * over such tables builds its hash table on whichever side comes first — at a million
 * members, often tens of millions of rows instead of thousands. The build therefore runs
 * in two phases: first the reference tables and every relation before the marts (the
 * intermediates and build_info) are created as TEMP tables or views of the build's
 * connection, each committed on its own (no other connection sees them); then one
 * transaction stores copies of the reference tables and build_info, and builds the marts.
 * (Marts that read other marts — mart_member_month, mart_episode, mart_ed_visit — read
 * them as stored in that transaction: compressed, they are cheaper to scan than
 * temporary copies, which at a million members no longer fit in memory.) The temporary
 * objects are dropped at the end, whether the build succeeds or not.
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
   * debugging: every relation is then built inside the one transaction (slower: see the
   * module comment). By default they are temporary relations of the build's connection, so
   * only the marts, build_info and the reference tables (ref_*) are written to disk.
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
  const lastReader = lastReaders(relations);
  const started = performance.now();
  const built = new Map<string, BuiltRelation>();
  // Built before the transaction, as temporary relations (none with keepIntermediate).
  const staged = new Set(opts.keepIntermediate ? [] : relations.filter((rel) => rel.layer !== 'marts').map((rel) => rel.name));
  const stagesReferences = staged.size > 0;
  // `main.x` would name a temporary relation x first: stored relations are named with the database.
  const storedSchema = `${(await db.one<{ s: string }>(`SELECT ('"' || replace(current_database(), '"', '""') || '"') AS s`))!.s}.main`;

  const createRelation = async (rel: SqlRelation, index: number, stored: boolean): Promise<void> => {
    const t = performance.now();
    const kind = rel.materialized === 'view' ? 'VIEW' : 'TABLE';
    try {
      await dropExisting(db, rel.name, stored ? 'stored' : 'temp');
      await db.run(`CREATE ${stored ? '' : 'TEMP '}${kind} ${stored ? `${storedSchema}.` : ''}${rel.name} AS\n${stripTrailingSemicolon(rel.sql)}`);
    } catch (error) {
      throw new Error(`build failed in sql/${rel.layer}/${rel.name}.sql: ${(error as Error).message}`, { cause: error });
    }
    const rows = kind === 'VIEW' ? null : await countRows(db, `${stored ? storedSchema : 'temp.main'}.${rel.name}`);
    const ms = performance.now() - t;
    built.set(rel.name, { name: rel.name, layer: rel.layer, rows, ms });
    log(`${`${rel.layer}/${rel.name}`.padEnd(44)} ${(rows === null ? 'view' : `${rows} rows`).padStart(16)}  ${seconds(ms)}`);
    if (!opts.keepIntermediate) {
      for (const done of relations) {
        if (lastReader.get(done.name) === index && !isContractRelation(done)) await dropExisting(db, done.name, 'temp');
      }
    }
  };

  let references: { table: string; rows: number }[] = [];
  const loadReferences = async (temp: boolean): Promise<void> => {
    const t = performance.now();
    references = await loadReferenceTables(db, { dir: opts.referenceDir, temp });
    log(`reference  ${references.length} tables loaded  ${seconds(performance.now() - t)}`);
  };

  let dataThrough: string;
  try {
    await ensureIngestSchema(db);
    await db.run(
      `CREATE OR REPLACE TEMP TABLE build_params AS
       SELECT $data_through::DATE AS data_through_override, current_timestamp AS built_at, $version AS pipeline_version`,
      { data_through: opts.dataThrough ?? null, version: pipelineVersion },
    );
    if (stagesReferences) await loadReferences(true);
    for (const [index, rel] of relations.entries()) if (staged.has(rel.name)) await createRelation(rel, index, false);

    dataThrough = await db.transaction(async () => {
      if (stagesReferences) {
        for (const { table } of references) await storeCopy(db, storedSchema, table);
      } else {
        await loadReferences(false);
      }
      for (const [index, rel] of relations.entries()) {
        if (staged.has(rel.name) && !isContractRelation(rel)) {
          // A stored copy left by a keepIntermediate build.
          await dropExisting(db, rel.name, 'stored');
        } else if (!staged.has(rel.name)) {
          await createRelation(rel, index, opts.keepIntermediate || isContractRelation(rel));
        } else if (isContractRelation(rel)) {
          const t = performance.now();
          await storeCopy(db, storedSchema, rel.name);
          const ms = performance.now() - t;
          const entry = built.get(rel.name)!;
          entry.ms += ms;
          log(`${`${rel.layer}/${rel.name} (stored)`.padEnd(44)} ${`${entry.rows} rows`.padStart(16)}  ${seconds(ms)}`);
        }
      }
      const info = await db.one<{ data_through: string | null }>('SELECT data_through FROM build_info');
      if (!info?.data_through) throw new InputError('nothing to build: the database holds no claims or encounters (run `caseload ingest` first).');
      return info.data_through;
    });
  } finally {
    // Free the connection's memory: the temporary relations are not needed after the build.
    for (const name of [...[...staged].reverse(), ...(stagesReferences ? references.map((r) => r.table) : [])]) await dropExisting(db, name, 'temp');
    await db.run('DROP TABLE IF EXISTS temp.main.build_params');
  }

  const totalMs = performance.now() - started;
  log(`built ${relations.length} relations through ${dataThrough} in ${seconds(totalMs)}`);
  const relationsBuilt: BuiltRelation[] = [
    ...references.map((ref) => ({ name: ref.table, layer: 'reference' as const, rows: ref.rows, ms: 0 })),
    ...relations.map((rel) => built.get(rel.name)!),
  ];
  return { dataThrough, relations: relationsBuilt, totalMs };
}

/** Stores the temporary relation `name` as a table in `storedSchema`, replacing the stored one (inside the build's transaction). */
async function storeCopy(db: Database, storedSchema: string, name: string): Promise<void> {
  await dropExisting(db, name, 'stored');
  await db.run(`CREATE TABLE ${storedSchema}.${name} AS SELECT * FROM temp.main.${name}`);
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

/** The relations readers use (docs/marts.md): every mart, and build_info. */
export function isContractRelation(rel: { name: string; layer: Layer }): boolean {
  return rel.layer === 'marts' || rel.name === 'build_info';
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
