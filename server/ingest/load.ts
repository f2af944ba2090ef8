/**
 * Loads one prepared input inside the batch transaction, set-based and in one pass over
 * the source: every row the reader returns is parsed, normalised and validated straight
 * into the raw table, with its issues in the scratch columns `_problems` / `_warnings`.
 * Then, still inside the transaction, with positions (transaction-local rowid − the first
 * one; consecutive in file order because insertion order is preserved):
 *   - physical lines are resolved as segments (lines.ts);
 *   - rejects (rows with problems, later duplicates of a key, the reader's) and warnings
 *     are recorded with their lines;
 *   - rows of other inputs holding a key this input loads are replaced (deleted).
 * The new rows themselves are not touched in this transaction: an UPDATE or DELETE among a
 * transaction's own new rows makes DuckDB copy every one of them again at commit instead
 * of adopting the blocks it has already written. The line segments and the duplicate
 * positions are saved, and finish.ts applies them right after the commit.
 * rows_read = rows_loaded + rows_rejected is checked before the file is reported.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { TableSpec } from '../engine/contract.ts';
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import { stageSelect } from './expressions.ts';
import { recordIssues } from './issues.ts';
import { csvLines, rowNumberLines, type LineResolution } from './lines.ts';
import type { ReadyInput } from './prepare.ts';
import type { ProgressReporter } from './progress.ts';
import { duckdbMessage } from './sources/errors.ts';
import type { FileReconciliation } from './types.ts';

const count = async (db: Database, sql: string, params?: DuckDBValue[]): Promise<number> =>
  Number((await db.one<{ n: number }>(sql, params))?.n ?? 0);

/** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
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

/** Rows of this input in the raw table (binds $1 = batch id, $2 = file). */
export const THIS_INPUT = '_batch_id = $1 AND _file = $2';

/** Writes `prepared` as part of batch `batchId`; throws InputError when it cannot be read or has no data rows. */
export async function loadInput(db: Database, prepared: ReadyInput, batchId: number, progress: ProgressReporter): Promise<FileReconciliation> {
  const { input, tag } = prepared;
  const spec = input.table;
  const raw = spec.rawTable;
  const mine: DuckDBValue[] = [batchId, input.file];
  const hadRows = Boolean(await db.one(`SELECT 1 AS present FROM ${raw} WHERE NOT (${THIS_INPUT}) LIMIT 1`, mine));

  const select = stageSelect(spec, prepared.mapping, prepared.relation, prepared.params.length + 1);
  const meta = select.params.length + prepared.params.length;
  const columns = spec.columns.map((c) => c.name).join(', ');
  const read = await progress.track(
    input.file,
    'read',
    async () => {
      try {
        return await changed(
          db,
          `INSERT INTO ${raw} (${columns}, _batch_id, _file, _extra, _problems, _warnings)
           SELECT ${columns}, $${meta + 1}, $${meta + 2}, _extra, _problems, _warnings FROM (${select.sql})`,
          [...prepared.params, ...select.params, ...mine],
        );
      } catch (error) {
        throw new InputError(`${input.file}: cannot be read: ${duckdbMessage(error)}`);
      }
    },
    prepared.expectedRows,
  );

  const span = (await db.one<{ lo: bigint; hi: bigint; n: number }>(
    `SELECT min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM ${raw} WHERE ${THIS_INPUT}`,
    mine,
  ))!;
  if (Number(span.n) !== read || (read > 0 && BigInt(span.hi) - BigInt(span.lo) + 1n !== BigInt(read))) {
    throw new Error(`ingest bug: the ${read} rows of ${input.file} are not consecutive in ${raw}`);
  }

  const { csv } = prepared;
  const fingerprint = await prepared.fingerprint;
  const lines = await progress.track(input.file, 'validate', () =>
    csv
      ? csvLines(db, {
          path: csv.path,
          gzip: csv.gzip,
          duckdbRejects: csv.rejects,
          headers: prepared.headers,
          acceptedRows: read,
          contentLines: fingerprint.contentLines ?? 0,
          tag,
        })
      : rowNumberLines(db, tag, prepared.firstLine),
  );
  if (read + lines.readerRejectedRows === 0) {
    throw new InputError(`${input.file}: has ${csv ? 'a header but ' : ''}no data rows.`);
  }
  if (read === 0) {
    const first = await db.one<{ line: number; reason: string }>(`SELECT line, reason FROM ${lines.readerRejects} ORDER BY line LIMIT 1`);
    throw new InputError(
      `${input.file}: line ${first!.line}: no data row could be read (${first!.reason}); check the delimiter and the encoding (UTF-8).`,
    );
  }

  return progress.track(input.file, 'load', async () => {
    const at = { first: BigInt(span.lo), params: mine };
    const dups = await findDuplicates(db, spec, at, tag);
    await recordIssues(db, { raw, where: THIS_INPUT, ...at, dups, lines, spec });
    await saveFinishPlan(db, { spec, batchId, file: input.file, lines, dups });

    const problems = await count(db, `SELECT count(*) AS n FROM ${raw} WHERE ${THIS_INPUT} AND _problems IS NOT NULL`, mine);
    const duplicates = await count(db, `SELECT count(*) AS n FROM ${dups}`);
    const warned = await count(
      db,
      `SELECT count(*) AS n FROM ${raw} WHERE ${THIS_INPUT} AND _problems IS NULL AND _warnings IS NOT NULL
         AND rowid - $3::BIGINT NOT IN (SELECT _rid FROM ${dups})`,
      [...mine, at.first],
    );
    const replaced = hadRows
      ? await changed(
          db,
          `DELETE FROM ${raw} r USING (SELECT ${spec.key.join(', ')} FROM ${raw} WHERE ${THIS_INPUT} AND _problems IS NULL) s
           WHERE ${keyMatch(spec, 'r', 's')} AND NOT (r._batch_id = $1 AND r._file = $2)`,
          mine,
        )
      : 0;

    const reconciliation: FileReconciliation = {
      file: input.file,
      table: spec.name,
      rows_read: read + lines.readerRejectedRows,
      rows_loaded: read - problems - duplicates,
      rows_rejected: problems + duplicates + lines.readerRejectedRows,
      rows_replaced: replaced,
      rows_warned: warned,
      sha256: fingerprint.sha256,
      skipped_same_content: false,
      same_content_batch_id: null,
      line_numbers: lines.exact ? 'exact' : 'approximate',
    };
    return reconciliation;
  });
}

interface Positions {
  /** Transaction-local rowid of the input's first row. */
  first: bigint;
  /** $1 = batch id, $2 = file. */
  params: DuckDBValue[];
}

/**
 * Temp table (_rid, first_rid, key_value) of the input's rows without problems whose key an
 * earlier row of the same input holds (positions, 0-based). Keys are grouped by a 64-bit
 * hash first, so only rows whose hash repeats are compared on the key itself.
 */
async function findDuplicates(db: Database, spec: TableSpec, at: Positions, tag: string): Promise<string> {
  const dups = `ingest_dups_${tag}`;
  const keys = spec.key.join(', ');
  const keyValue = `concat_ws(' | ', ${spec.key.map((k) => `coalesce(CAST(c.${k} AS VARCHAR), '')`).join(', ')})`;
  await db.run(
    `CREATE TEMP TABLE ${dups} AS
     WITH ok AS (
       SELECT rowid - $3::BIGINT AS _rid, ${keys}, hash(${keys}) AS h FROM ${spec.rawTable} WHERE ${THIS_INPUT} AND _problems IS NULL),
     repeated AS (SELECT h FROM ok GROUP BY h HAVING count(*) > 1),
     candidates AS (SELECT * FROM ok SEMI JOIN repeated USING (h)),
     firsts AS (SELECT ${keys}, min(_rid) AS first_rid FROM candidates GROUP BY ${keys} HAVING count(*) > 1)
     SELECT c._rid, f.first_rid, ${keyValue} AS key_value
     FROM candidates c JOIN firsts f ON ${keyMatch(spec, 'c', 'f')}
     WHERE c._rid <> f.first_rid`,
    [...at.params, at.first],
  );
  return dups;
}

/** Saves what finish.ts needs after the commit: the input's line segments and the positions of its duplicates. */
async function saveFinishPlan(
  db: Database,
  plan: { spec: TableSpec; batchId: number; file: string; lines: LineResolution; dups: string },
): Promise<void> {
  const meta = [plan.batchId, plan.spec.name, plan.file];
  await db.run(`INSERT INTO ingest_line_segments SELECT $1, $2, $3, from_rid, shift FROM ${plan.lines.segments}`, meta);
  await db.run(`INSERT INTO ingest_duplicate_rows SELECT $1, $2, $3, _rid FROM ${plan.dups}`, meta);
}

/** Drops the temp tables one input created (their names end in its tag). */
export async function dropTempTables(db: Database, tag: string): Promise<void> {
  const tables = await db.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'ingest\\_%' ESCAPE '\\' AND suffix(table_name, $1)`,
    [`_${tag}`],
  );
  for (const { table_name } of tables) await db.run(`DROP TABLE ${table_name}`);
}
