/**
 * The measure pipeline runner: loads reference tables, writes the build parameters,
 * then creates every relation of `sql/` in dependency order, all in ONE transaction —
 * a failed build rolls back and leaves the previous marts in place.
 */
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import { ensureIngestSchema } from '../ingest/schema.ts';
import { loadReferenceTables } from './references.ts';
import { loadRelations, type Layer } from './sqlFiles.ts';

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
  rows: number;
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

    for (const rel of relations) {
      t = performance.now();
      const persisted = opts.keepIntermediate || isContractRelation(rel);
      try {
        await dropOtherKind(db, rel.name, persisted);
        await db.run(`CREATE OR REPLACE ${persisted ? '' : 'TEMP '}TABLE ${rel.name} AS\n${stripTrailingSemicolon(rel.sql)}`);
      } catch (error) {
        throw new Error(`build failed in sql/${rel.layer}/${rel.name}.sql: ${(error as Error).message}`, { cause: error });
      }
      const row = await db.one<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${rel.name}`);
      const ms = performance.now() - t;
      built.push({ name: rel.name, layer: rel.layer, rows: Number(row?.n ?? 0), ms });
      log(`${`${rel.layer}/${rel.name}`.padEnd(44)} ${String(row?.n ?? 0).padStart(11)} rows  ${seconds(ms)}`);
    }

    const info = await db.one<{ data_through: string | null }>('SELECT data_through FROM build_info');
    if (!info?.data_through) throw new InputError('nothing to build: the database holds no claims or encounters (run `caseload ingest` first).');
    // Free the connection's memory: the temporary relations are not needed after the build.
    for (const rel of [...relations].reverse()) {
      if (!opts.keepIntermediate && !isContractRelation(rel)) await db.run(`DROP TABLE IF EXISTS temp.main.${rel.name}`);
    }
    await db.run('DROP TABLE IF EXISTS temp.main.build_params');
    return info.data_through;
  });

  const totalMs = performance.now() - started;
  log(`built ${relations.length} relations through ${dataThrough} in ${seconds(totalMs)}`);
  return { dataThrough, relations: built, totalMs };
}

/** The relations readers use (docs/marts.md): every mart, and build_info. */
export function isContractRelation(rel: { name: string; layer: Layer }): boolean {
  return rel.layer === 'marts' || rel.name === 'build_info';
}

/**
 * A relation is either a stored or a temporary table; removes the other kind left by an
 * earlier build, so a name always resolves to this build's table.
 */
export async function dropOtherKind(db: Database, name: string, persisted: boolean): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS ${persisted ? 'temp.main' : 'main'}.${name}`);
}

function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*$/, '');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
