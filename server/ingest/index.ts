/**
 * `caseload ingest`: one folder of extracts → one batch, in one transaction (DESIGN.md
 * "Ingest rules"). Structural problems fail the batch before anything is written; row
 * problems become rejects while the batch lands; content already ingested is a no-op.
 */
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from '../engine/db.ts';
import { InputError } from '../errors.ts';
import { chooseAdapter } from './adapters/index.ts';
import { commitInput, dropTempTables, stageInput, type StagedInput } from './load.ts';
import { prepareInput, type PreparedInput } from './prepare.ts';
import { ProgressReporter } from './progress.ts';
import { ensureIngestSchema } from './schema.ts';
import type { FileReconciliation, IngestOptions, IngestSummary, RowIssue } from './types.ts';

export type { FileReconciliation, IngestOptions, IngestProgress, IngestSummary, RowIssue } from './types.ts';
export { ensureIngestSchema } from './schema.ts';

const SAMPLE_SIZE = 10;

/** Ingests the extracts in `options.dir` into `db` as one batch and returns its reconciliation. */
export async function ingestDirectory(db: Database, options: IngestOptions): Promise<IngestSummary> {
  const started = new Date();
  const dir = resolve(options.dir);
  const fileNames = listFolder(dir);
  const { adapter, reason } = chooseAdapter(dir, fileNames, options.format);
  const plan = adapter.plan(dir, fileNames);

  await ensureIngestSchema(db);
  const progress = new ProgressReporter(db, options.onProgress);
  await progress.enable();
  const prepared: PreparedInput[] = [];
  for (const [i, input] of plan.inputs.entries()) {
    prepared.push(await progress.track(input.file, 'fingerprint', () => prepareInput(db, input, `f${i}`)));
  }

  const staged = new Map<PreparedInput, StagedInput>();
  let outcome;
  try {
    for (const item of prepared) {
      if (item.kind === 'load') staged.set(item, await stageInput(db, item, progress));
    }
    outcome = await db.transaction(async () => {
      const batchId = Number((await db.one<{ id: number }>('SELECT coalesce(max(batch_id), 0) + 1 AS id FROM ingest_batches'))!.id);
      const files: FileReconciliation[] = [];
      for (const item of prepared) {
        const stagedItem = staged.get(item);
        files.push(item.kind === 'skip' || !stagedItem ? skipped(item) : await commitInput(db, stagedItem, batchId, progress));
      }
      const status: IngestSummary['status'] = files.every((f) => f.skipped_same_content) ? 'no-op' : 'loaded';
      await recordBatch(db, { batchId, status, format: adapter.format, reason, dir, started, files, prepared, ignored: plan.ignored });
      return { batchId, status, files };
    });
  } finally {
    for (const item of prepared) if (item.kind === 'load') await dropTempTables(db, item.tag);
  }
  const { batchId, status, files } = outcome;

  return {
    batch_id: batchId,
    status,
    format: adapter.format,
    format_reason: reason,
    dir,
    files,
    ignored: plan.ignored,
    reject_sample: await sample(db, 'ingest_rejects', batchId),
    warning_sample: await sample(db, 'ingest_warnings', batchId),
    elapsed_ms: Date.now() - started.getTime(),
  };
}

function listFolder(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: not a folder.`);
    return readdirSync(dir).filter((name) => !name.startsWith('.'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${dir}: cannot read the folder: ${(error as Error).message}`);
  }
}

function skipped(item: PreparedInput): FileReconciliation {
  if (item.kind !== 'skip') throw new Error(`ingest bug: ${item.input.file} was neither staged nor skipped`);
  return {
    file: item.input.file,
    table: item.input.table.name,
    rows_read: 0,
    rows_loaded: 0,
    rows_rejected: 0,
    rows_replaced: 0,
    rows_warned: 0,
    sha256: item.fingerprint.sha256,
    skipped_same_content: true,
    same_content_batch_id: item.sameContentBatch,
    line_numbers: 'exact',
  };
}

interface BatchRecord {
  batchId: number;
  status: 'loaded' | 'no-op';
  format: string;
  reason: string;
  dir: string;
  started: Date;
  files: FileReconciliation[];
  prepared: PreparedInput[];
  ignored: string[];
}

async function recordBatch(db: Database, batch: BatchRecord): Promise<void> {
  for (const [i, file] of batch.files.entries()) {
    const item = batch.prepared[i];
    const path = item.input.source.kind === 'sql' ? item.input.source.paths.join(', ') : item.input.source.path;
    await db.run(
      `INSERT INTO ingest_files VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        batch.batchId, file.file, path, file.table, file.sha256, item.fingerprint.bytes, file.rows_read, file.rows_loaded,
        file.rows_rejected, file.rows_replaced, file.rows_warned, file.skipped_same_content, file.same_content_batch_id,
        file.line_numbers,
      ],
    );
  }
  const sum = (key: 'rows_read' | 'rows_loaded' | 'rows_rejected' | 'rows_replaced' | 'rows_warned') =>
    batch.files.reduce((total, f) => total + f[key], 0);
  const finished = new Date();
  await db.run(
    `INSERT INTO ingest_batches VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMP, $7::TIMESTAMP, $8, $9, $10, $11, $12, $13, CAST(CAST($14 AS JSON) AS VARCHAR[]))`,
    [
      batch.batchId, batch.status, batch.format, batch.reason, batch.dir, batch.started.toISOString(), finished.toISOString(),
      finished.getTime() - batch.started.getTime(), sum('rows_read'), sum('rows_loaded'), sum('rows_rejected'),
      sum('rows_replaced'), sum('rows_warned'), JSON.stringify(batch.ignored),
    ],
  );
}

async function sample(db: Database, table: 'ingest_rejects' | 'ingest_warnings', batchId: number): Promise<RowIssue[]> {
  return db.all<RowIssue & Record<string, unknown>>(
    `SELECT file, line, column_name, value, rule, reason FROM ${table} WHERE batch_id = $1 ORDER BY file, line, column_name LIMIT ${SAMPLE_SIZE}`,
    [batchId],
  );
}
