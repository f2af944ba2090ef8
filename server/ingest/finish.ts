/**
 * The second half of a batch, right after it commits (see load.ts for why it is separate):
 * give each new row its physical `_line`, delete the rows the batch rejected (flagged by
 * `_problems`, or listed in ingest_duplicate_rows) and clear the `_warnings` scratch column,
 * using the plan the batch saved. Rowids are positions here: the input's rows are still
 * consecutive in file order, since nothing has deleted any of them yet.
 * Ingest runs it after every batch; ingest, build and serve run it when they open a
 * database, so a crash between the two commits is finished by whoever opens it next, and
 * the read-only `evaluate` refuses to read raw rows of an unfinished batch.
 */
import { canonicalTables } from '../engine/contract.ts';
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import { THIS_INPUT } from './load.ts';

const hasPlanTable = async (db: Database) =>
  Boolean(await db.one(`SELECT 1 AS ok FROM duckdb_tables() WHERE table_name = 'ingest_line_segments' AND NOT temporary`));

/** Above this many line segments, lines come from a join instead of a CASE. */
const INLINE_SEGMENTS = 64;

/**
 * Throws InputError when a batch has committed but not been finished (read-only commands
 * cannot finish it, and its raw rows still include the ones it rejected).
 */
export async function checkFinished(db: Database): Promise<void> {
  if (!(await hasPlanTable(db))) return;
  const pending = await db.one<{ batch_id: number }>(`SELECT min(batch_id) AS batch_id FROM ingest_line_segments HAVING count(*) > 0`);
  if (pending) {
    throw new InputError(
      `${db.path}: ingest batch ${pending.batch_id} was interrupted after it committed; run \`caseload build\` (or ingest) to finish it first`,
    );
  }
}

interface Pending {
  batch_id: number;
  table_name: string;
  file: string;
}

/** Finishes every batch input that has a saved plan; returns how many inputs it finished. */
export async function finishBatches(db: Database): Promise<number> {
  if (!(await hasPlanTable(db))) return 0;
  const pending = await db.all<Pending & Record<string, unknown>>(
    `SELECT DISTINCT batch_id, table_name, file FROM ingest_line_segments ORDER BY batch_id, file`,
  );
  if (pending.length === 0) return 0;
  await db.transaction(async () => {
    for (const input of pending) await finishInput(db, input);
  });
  return pending.length;
}

async function finishInput(db: Database, input: Pending): Promise<void> {
  const spec = canonicalTables.find((t) => t.name === input.table_name);
  if (!spec) throw new Error(`ingest bug: unknown table ${input.table_name} in ingest_line_segments`);
  const raw = spec.rawTable;
  const mine = [input.batch_id, input.file];
  const where = THIS_INPUT;
  const plan = `batch_id = $1 AND file = $2 AND table_name = $3`;
  const planArgs = [...mine, input.table_name];
  const span = (await db.one<{ lo: bigint; hi: bigint; n: number }>(
    `SELECT min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM ${raw} WHERE ${where}`,
    mine,
  ))!;
  const rows = Number(span.n);
  if (rows > 0 && BigInt(span.hi) - BigInt(span.lo) + 1n !== BigInt(rows)) {
    throw new Error(`ingest bug: the rows of ${input.file} (batch ${input.batch_id}) are not consecutive in ${raw}`);
  }
  const at = [...mine, span.lo];
  const position = '(rowid - $3::BIGINT)';

  await db.run(
    `DELETE FROM ${raw} WHERE ${where}
       AND (_problems IS NOT NULL OR ${position} IN (
         SELECT position FROM ingest_duplicate_rows WHERE batch_id = $1 AND file = $2 AND table_name = $4))`,
    [...at, input.table_name],
  );
  const segments = await db.all<{ from_position: number; shift: number }>(
    `SELECT from_position, shift FROM ingest_line_segments WHERE ${plan} ORDER BY from_position DESC`,
    planArgs,
  );
  if (segments.length <= INLINE_SEGMENTS) {
    const shift =
      segments.length === 1 && Number(segments[0].from_position) === 0
        ? String(Number(segments[0].shift))
        : `CASE ${segments.map((s) => `WHEN ${position} >= ${Number(s.from_position)} THEN ${Number(s.shift)}`).join(' ')} END`;
    await db.run(`UPDATE ${raw} SET _line = ${position} + ${shift} WHERE ${where}`, at);
  } else {
    await db.run(
      `UPDATE ${raw} SET _line = l.line
       FROM (SELECT p.position, p.position + s.shift AS line
             FROM (SELECT ${position} AS position FROM ${raw} WHERE ${where}) p
             ASOF JOIN (SELECT from_position, shift FROM ingest_line_segments WHERE batch_id = $1 AND file = $2 AND table_name = $4) s
               ON p.position >= s.from_position) l
       WHERE ${where} AND ${raw}.rowid - $3::BIGINT = l.position`,
      [...at, input.table_name],
    );
  }
  // After the lines: DuckDB updates a LIST column as delete + insert, which moves the row.
  await db.run(`UPDATE ${raw} SET _warnings = NULL WHERE ${where} AND _warnings IS NOT NULL`, mine);
  const loaded = await db.one<{ expected: number; actual: number }>(
    `SELECT (SELECT rows_loaded FROM ingest_files WHERE batch_id = $1 AND file = $2) AS expected,
            (SELECT count(*) FROM ${raw} WHERE ${where}) AS actual`,
    mine,
  );
  if (Number(loaded!.expected) !== Number(loaded!.actual)) {
    throw new Error(`ingest bug: ${input.file} (batch ${input.batch_id}) keeps ${loaded!.actual} rows, not the ${loaded!.expected} it reported`);
  }
  await db.run(`DELETE FROM ingest_line_segments WHERE ${plan}`, planArgs);
  await db.run(`DELETE FROM ingest_duplicate_rows WHERE ${plan}`, planArgs);
}
