/** Rejects and warnings of one loaded input, written set-based inside the batch transaction. */
import type { DuckDBValue } from '@duckdb/node-api';
import type { TableSpec } from '../engine/contract.ts';
import type { Database } from '../engine/db.ts';
import { withLines, type LineResolution } from './lines.ts';

export interface IssueContext {
  /** Raw table holding the input's new rows. */
  raw: string;
  /** Condition picking the input's rows, binding `params` ($1 = batch id, $2 = file). */
  where: string;
  params: DuckDBValue[];
  /** Transaction-local rowid of the input's first row (position 0). */
  first: bigint;
  /** Temp table (_rid, first_rid, key_value) of later duplicates of a key. */
  dups: string;
  lines: LineResolution;
  spec: TableSpec;
}

/** Writes row rejects (validation, duplicate keys, the reader's) and warnings for the rows that stay. */
export async function recordIssues(db: Database, ctx: IssueContext): Promise<void> {
  const { raw, where, dups, lines, spec } = ctx;
  const params = [...ctx.params, spec.name, ctx.first];
  const position = 'rowid - $4::BIGINT AS _rid';
  const insert = (table: string) => `INSERT INTO ${table} (batch_id, file, table_name, line, column_name, value, rule, reason)`;
  await db.run(
    `${insert('ingest_rejects')}
     SELECT $1, $2, $3, _line, p.column_name, p.value, p.rule, p.reason
     FROM ${withLines(lines, `SELECT ${position}, unnest(_problems) AS p FROM ${raw} WHERE ${where} AND _problems IS NOT NULL`)}`,
    params,
  );
  await db.run(
    `${insert('ingest_rejects')}
     SELECT $1, $2, $3, d._line, $4, d.key_value, 'duplicate_key', 'duplicate key (first at line ' || (d.first_rid + f.shift) || ')'
     FROM ${withLines(lines, `SELECT * FROM ${dups}`)} d ASOF JOIN ${lines.segments} f ON d.first_rid >= f.from_rid`,
    [...ctx.params, spec.name, spec.key.join(', ')],
  );
  await db.run(`${insert('ingest_rejects')} SELECT $1, $2, $3, line, column_name, value, rule, reason FROM ${lines.readerRejects}`, [
    ...ctx.params,
    spec.name,
  ]);
  await db.run(
    `${insert('ingest_warnings')}
     SELECT $1, $2, $3, _line, w.column_name, w.value, w.rule, w.reason
     FROM ${withLines(
       lines,
       `SELECT * FROM (SELECT ${position}, unnest(_warnings) AS w FROM ${raw} WHERE ${where} AND _warnings IS NOT NULL AND _problems IS NULL)
        WHERE _rid NOT IN (SELECT _rid FROM ${dups})`,
     )}`,
    params,
  );
}
