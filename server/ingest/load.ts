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
import { recordIssues } from './issues.ts';
import { csvLines, rowLines, rowNumberLines, type LineResolution } from './lines.ts';
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
  const expectedRows = prepared.fingerprint.contentLines === null ? undefined : prepared.fingerprint.contentLines - 1;
  await progress.track(
    input.file,
    'read',
    async () => {
      try {
        await db.run(`CREATE TEMP TABLE ${stage} AS ${select.sql}`, [...prepared.params, ...select.params]);
      } catch (error) {
        throw new InputError(`${input.file}: cannot be read: ${duckdbMessage(error)}`);
      }
    },
    expectedRows,
  );
  const accepted = await count(db, `SELECT count(*) AS n FROM ${stage}`);

  const { csv } = prepared;
  const lines = csv
    ? await progress.track(input.file, 'validate', () =>
        csvLines(db, {
          path: csv.path,
          gzip: csv.gzip,
          duckdbRejects: csv.rejects,
          headers: prepared.headers,
          acceptedRows: accepted,
          contentLines: prepared.fingerprint.contentLines ?? 0,
          tag,
        }),
      )
    : await rowNumberLines(db, tag, prepared.firstLine);
  if (accepted + lines.readerRejectedRows === 0) {
    throw new InputError(`${input.file}: has ${csv ? 'a header but ' : ''}no data rows.`);
  }
  if (accepted === 0) {
    const first = await db.one<{ line: number; reason: string }>(`SELECT line, reason FROM ${lines.readerRejects} ORDER BY line LIMIT 1`);
    throw new InputError(
      `${input.file}: line ${first!.line}: no data row could be read (${first!.reason}); check the delimiter and the encoding (UTF-8).`,
    );
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
  const rows = await rowLines(db, stage, lines, prepared.tag);
  const insert = `INSERT INTO ${spec.rawTable} (${columns}, _batch_id, _file, _line, _extra)
    SELECT ${spec.columns.map((c) => `s.${c.name}`).join(', ')}, $1, $2, ${rows.line}, s._extra
    FROM ${stage} s ${rows.join}
    WHERE s._problems IS NULL AND s.rowid NOT IN (SELECT _rid FROM ${dups})`;
  const loaded = await progress.track(input.file, 'load', () => changed(db, insert, [batchId, input.file]), accepted);

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

/** Drops the temp tables one input created (their names end in its tag). */
export async function dropTempTables(db: Database, tag: string): Promise<void> {
  const tables = await db.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'ingest\\_%' ESCAPE '\\' AND suffix(table_name, $1)`,
    [`_${tag}`],
  );
  for (const { table_name } of tables) await db.run(`DROP TABLE ${table_name}`);
}
