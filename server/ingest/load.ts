/**
 * Loads one prepared input, set-based throughout, in two steps:
 *   stageInput (before the batch transaction): parse + normalise + validate in one pass
 *     into a temp table, resolve physical lines, find duplicate keys. Staging happens
 *     outside the transaction because the stage's rowid is its file order only once the
 *     temp table is committed (inside a transaction rowids are transaction-local).
 *   commitInput (inside it): replace keys loaded by earlier batches, insert accepted rows,
 *     record rejects and warnings, and return the file's reconciliation
 *     (rows_read = rows_loaded + rows_rejected).
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { TableSpec } from '../engine/contract.ts';
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import { stageSelect } from './expressions.ts';
import { csvLines, rowNumberLines, type LineResolution } from './lines.ts';
import type { ReadyInput } from './prepare.ts';
import type { ProgressReporter } from './progress.ts';
import { duckdbMessage } from './sources/errors.ts';
import type { FileReconciliation } from './types.ts';

const count = async (db: Database, sql: string, params?: DuckDBValue[]): Promise<number> =>
  Number((await db.one<{ n: number }>(sql, params))?.n ?? 0);

/** Runs an INSERT or DELETE and returns how many rows it changed. */
const changed = async (db: Database, sql: string, params?: DuckDBValue[]): Promise<number> =>
  Number((await db.one<{ Count: number }>(sql, params))?.Count ?? 0);

/** Key equality between aliases `a` and `b`: plain `=` for columns that are never NULL. */
function keyMatch(spec: TableSpec, a: string, b: string): string {
  return spec.key
    .map((name) => {
      const column = spec.columns.find((c) => c.name === name)!;
      const neverNull = column.requiredValue || name === 'data_source';
      return neverNull ? `${a}.${name} = ${b}.${name}` : `${a}.${name} IS NOT DISTINCT FROM ${b}.${name}`;
    })
    .join(' AND ');
}

/**
 * How the bulk insert gets each stage row's line without a join when one shift fits all
 * rows (the usual case); otherwise a narrow per-row line table joined by position.
 */
async function rowLines(db: Database, staged: StagedInput): Promise<{ line: string; join: string }> {
  const segments = await db.all<{ from_rid: number; shift: number }>(`SELECT from_rid, shift FROM ${staged.lines.segments}`);
  if (segments.length === 1 && Number(segments[0].from_rid) === 0) {
    return { line: `s.rowid + ${Number(segments[0].shift)}`, join: '' };
  }
  const table = `ingest_row_lines_${staged.prepared.tag}`;
  await db.run(
    `CREATE TEMP TABLE IF NOT EXISTS ${table} AS
     SELECT _line FROM ${withLines(staged.lines, `SELECT rowid AS _rid FROM ${staged.stage}`)} ORDER BY _rid`,
  );
  return { line: 'l._line', join: `POSITIONAL JOIN ${table} l` };
}

/** Adds `_line` to a relation with a `_rid` column (the stage rowid). */
const withLines = (lines: LineResolution, relation: string) =>
  `(SELECT x.*, x._rid + l.shift AS _line FROM (${relation}) x ASOF JOIN ${lines.segments} l ON x._rid >= l.from_rid)`;

export interface StagedInput {
  prepared: ReadyInput;
  stage: string;
  dups: string;
  lines: LineResolution;
  acceptedByReader: number;
}

/** Stages `prepared` into temp tables; throws InputError when the file cannot be read or has no data rows. */
export async function stageInput(db: Database, prepared: ReadyInput, progress: ProgressReporter): Promise<StagedInput> {
  const { input, tag } = prepared;
  const spec = input.table;
  const stage = `ingest_stage_${tag}`;
  const dups = `ingest_dups_${tag}`;

  const select = stageSelect(spec, prepared.mapping, prepared.relation, prepared.params.length + 1);
  await progress.track(input.file, 'read', async () => {
    try {
      await db.run(`CREATE TEMP TABLE ${stage} AS ${select.sql}`, [...prepared.params, ...select.params]);
    } catch (error) {
      throw new InputError(`${input.file}: cannot be read: ${duckdbMessage(error)}`);
    }
  });
  const accepted = await count(db, `SELECT count(*) AS n FROM ${stage}`);

  const lines =
    prepared.lineMode === 'csv'
      ? await progress.track(input.file, 'validate', () =>
          csvLines(db, {
            path: (input.source as { path: string }).path,
            stage,
            duckdbRejects: prepared.duckdbRejects!,
            headers: prepared.headers,
            acceptedRows: accepted,
            contentLines: prepared.fingerprint.contentLines ?? 0,
            tag,
          }),
        )
      : await rowNumberLines(db, tag);
  if (accepted + lines.readerRejectedRows === 0) {
    throw new InputError(`${input.file}: has ${prepared.lineMode === 'csv' ? 'a header but ' : ''}no data rows.`);
  }

  const keys = spec.key.join(', ');
  await db.run(
    `CREATE TEMP TABLE ${dups} AS
     WITH ok AS (SELECT rowid AS _rid, ${keys} FROM ${stage} WHERE _problems IS NULL),
     firsts AS (SELECT ${keys}, min(_rid) AS first_rid FROM ok GROUP BY ${keys} HAVING count(*) > 1)
     SELECT ok._rid, firsts.first_rid FROM ok JOIN firsts ON ${keyMatch(spec, 'ok', 'firsts')}
     WHERE ok._rid <> firsts.first_rid`,
  );
  return { prepared, stage, dups, lines, acceptedByReader: accepted };
}

/** Writes a staged input as part of batch `batchId` (inside the batch transaction). */
export async function commitInput(
  db: Database,
  staged: StagedInput,
  batchId: number,
  progress: ProgressReporter,
): Promise<FileReconciliation> {
  const { prepared, stage, dups, lines, acceptedByReader: accepted } = staged;
  const { input } = prepared;
  const spec = input.table;
  const keys = spec.key.join(', ');
  const meta: DuckDBValue[] = [batchId, input.file, spec.name];
  const accept = `_problems IS NULL AND rowid NOT IN (SELECT _rid FROM ${dups})`;

  const replaced = await progress.track(input.file, 'load', async () => {
    const existing = await db.one(`SELECT 1 AS present FROM ${spec.rawTable} LIMIT 1`);
    if (!existing) return 0;
    return changed(
      db,
      `DELETE FROM ${spec.rawTable} r USING (SELECT ${keys} FROM ${stage} WHERE _problems IS NULL) s
       WHERE ${keyMatch(spec, 'r', 's')}`,
    );
  });

  const columns = spec.columns.map((c) => c.name).join(', ');
  const rows = await rowLines(db, staged);
  const loaded = await progress.track(input.file, 'load', () =>
    changed(
      db,
      `INSERT INTO ${spec.rawTable} (${columns}, _batch_id, _file, _line, _extra)
       SELECT ${spec.columns.map((c) => `s.${c.name}`).join(', ')}, $1, $2, ${rows.line}, s._extra
       FROM ${stage} s ${rows.join}
       WHERE s._problems IS NULL AND s.rowid NOT IN (SELECT _rid FROM ${dups})`,
      [batchId, input.file],
    ),
  );

  await recordIssues(db, { stage, dups, lines, spec, meta, accept });
  const rejectedInStage = await count(db, `SELECT count(*) AS n FROM ${stage} WHERE NOT (${accept})`);
  const warned = await count(db, `SELECT count(*) AS n FROM ${stage} WHERE ${accept} AND _warnings IS NOT NULL`);

  const reconciliation: FileReconciliation = {
    file: input.file,
    table: spec.name,
    rows_read: accepted + lines.readerRejectedRows,
    rows_loaded: loaded,
    rows_rejected: rejectedInStage + lines.readerRejectedRows,
    rows_replaced: replaced,
    rows_warned: warned,
    sha256: prepared.fingerprint.sha256,
    skipped_same_content: false,
    same_content_batch_id: null,
    line_numbers: lines.exact ? 'exact' : 'approximate',
  };
  if (reconciliation.rows_read !== reconciliation.rows_loaded + reconciliation.rows_rejected) {
    throw new Error(`ingest bug: ${input.file} does not reconcile (${JSON.stringify(reconciliation)})`);
  }
  return reconciliation;
}

interface IssueContext {
  stage: string;
  dups: string;
  lines: LineResolution;
  spec: TableSpec;
  meta: DuckDBValue[];
  accept: string;
}

/** Writes row rejects (validation, duplicate keys, reader) and warnings for loaded rows. */
async function recordIssues(db: Database, ctx: IssueContext): Promise<void> {
  const { stage, dups, lines, spec, meta, accept } = ctx;
  await db.run(
    `INSERT INTO ingest_rejects (batch_id, file, table_name, line, column_name, value, rule, reason)
     SELECT $1, $2, $3, _line, p.column_name, p.value, p.rule, p.reason
     FROM ${withLines(lines, `SELECT rowid AS _rid, unnest(_problems) AS p FROM ${stage} WHERE _problems IS NOT NULL`)}`,
    meta,
  );
  const keyValue = `concat_ws(' | ', ${spec.key.map((k) => `coalesce(CAST(s.${k} AS VARCHAR), '')`).join(', ')})`;
  await db.run(
    `INSERT INTO ingest_rejects (batch_id, file, table_name, line, column_name, value, rule, reason)
     SELECT $1, $2, $3, d._line, $4, ${keyValue}, 'duplicate_key',
            'duplicate key (first at line ' || (d.first_rid + f.shift) || ')'
     FROM ${withLines(lines, `SELECT _rid, first_rid FROM ${dups}`)} d
     ASOF JOIN ${lines.segments} f ON d.first_rid >= f.from_rid
     JOIN (SELECT rowid AS _rid, * FROM ${stage}) s ON s._rid = d._rid`,
    [...meta, spec.key.join(', ')],
  );
  await db.run(
    `INSERT INTO ingest_rejects (batch_id, file, table_name, line, column_name, value, rule, reason)
     SELECT $1, $2, $3, line, column_name, value, rule, reason FROM ${lines.readerRejects}`,
    meta,
  );
  await db.run(
    `INSERT INTO ingest_warnings (batch_id, file, table_name, line, column_name, value, rule, reason)
     SELECT $1, $2, $3, _line, w.column_name, w.value, w.rule, w.reason
     FROM ${withLines(lines, `SELECT rowid AS _rid, unnest(_warnings) AS w FROM ${stage} WHERE ${accept} AND _warnings IS NOT NULL`)}`,
    meta,
  );
}

/** Drops the temp tables one input created (their names end in its tag). */
export async function dropTempTables(db: Database, tag: string): Promise<void> {
  const tables = await db.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'ingest\\_%' ESCAPE '\\' AND suffix(table_name, $1)`,
    [`_${tag}`],
  );
  for (const { table_name } of tables) await db.run(`DROP TABLE ${table_name}`);
}
