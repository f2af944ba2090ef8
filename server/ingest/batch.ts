/** One batch, whatever adapter planned it (DESIGN.md "Ingest rules"). */
import type { Database } from '../engine/db.ts';
import type { IngestPlan } from './adapters/types.ts';
import { dropTempTables, loadInput } from './load.ts';
import { prepareInput, type PreparedInput, type SkippedInput } from './prepare.ts';
import { ProgressReporter } from './progress.ts';
import { finishBatches } from './finish.ts';
import { ensureIngestSchema } from './schema.ts';
import type { FileReconciliation, IngestFormat, IngestProgress, IngestSummary, RowIssue } from './types.ts';

const SAMPLE_SIZE = 10;

export interface BatchRequest {
  plan: IngestPlan;
  format: IngestFormat;
  /** Why this format: the --format flag or detection evidence. */
  reason: string;
  dir: string;
  onProgress?: (progress: IngestProgress) => void;
  /**
   * false stops after the batch commits, leaving the database as an ingest interrupted
   * between its two commits would (finish.ts completes it on the next open); for tests.
   */
  finish?: boolean;
  /** CSV size from which the fingerprint may overlap the read (default OVERLAP_FINGERPRINT_BYTES); for tests. */
  overlapFingerprintFrom?: number;
}

/**
 * Ingests a planned batch: pre-flight every input (structural checks, no writes), then read
 * and write every input in one transaction, so the batch lands whole or not at all.
 */
export async function ingestBatch(db: Database, request: BatchRequest): Promise<IngestSummary> {
  const { plan, format, reason, dir } = request;
  const started = new Date();
  await ensureIngestSchema(db);
  await finishBatches(db);
  const progress = new ProgressReporter(db, request.onProgress);
  await progress.enable();
  const prepared: PreparedInput[] = [];
  for (const [i, input] of plan.inputs.entries()) {
    prepared.push(await progress.track(input.file, 'fingerprint', () => prepareInput(db, input, `f${i}`, request.overlapFingerprintFrom)));
  }

  let outcome;
  try {
    outcome = await db.transaction(async () => {
      const batchId = Number((await db.one<{ id: number }>('SELECT coalesce(max(batch_id), 0) + 1 AS id FROM ingest_batches'))!.id);
      const files: FileReconciliation[] = [];
      for (const item of prepared) {
        files.push(item.kind === 'skip' ? skipped(item) : await loadInput(db, item, batchId, progress));
      }
      const status: IngestSummary['status'] = files.every((f) => f.skipped_same_content) ? 'no-op' : 'loaded';
      await recordBatch(db, { batchId, status, format, reason, dir, started, files, prepared, ignored: plan.ignored });
      return { batchId, status, files };
    });
  } finally {
    for (const item of prepared) if (item.kind === 'load') await dropTempTables(db, item.tag);
  }
  if (request.finish !== false) await finishBatches(db);
  const { batchId, status, files } = outcome;

  return {
    batch_id: batchId,
    status,
    format,
    format_reason: reason,
    dir,
    files,
    ignored: plan.ignored,
    reject_sample: await sample(db, 'ingest_rejects', batchId),
    warning_sample: await sample(db, 'ingest_warnings', batchId),
    notes: plan.notes ?? [],
    elapsed_ms: Date.now() - started.getTime(),
  };
}

function skipped(item: SkippedInput): FileReconciliation {
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
        batch.batchId, file.file, path, file.table, file.sha256, item.bytes, file.rows_read, file.rows_loaded,
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
