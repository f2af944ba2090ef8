/** Rejects and warnings of one staged input, written set-based inside the batch transaction. */
import type { DuckDBValue } from '@duckdb/node-api';
import type { TableSpec } from '../engine/contract.ts';
import type { Database } from '../engine/db.ts';
import { withLines, type LineResolution } from './lines.ts';

export interface IssueContext {
  stage: string;
  dups: string;
  lines: LineResolution;
  spec: TableSpec;
  meta: DuckDBValue[];
  accept: string;
}

/** Writes row rejects (validation, duplicate keys, reader) and warnings for loaded rows. */
export async function recordIssues(db: Database, ctx: IssueContext): Promise<void> {
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

