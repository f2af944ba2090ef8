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
import { ingestBatch } from './batch.ts';
import type { IngestOptions, IngestSummary } from './types.ts';

export type { FileReconciliation, IngestFormat, IngestOptions, IngestProgress, IngestSummary, RowIssue } from './types.ts';
export { ensureIngestSchema } from './schema.ts';
export { finishBatches } from './finish.ts';
export { ingestBatch, type BatchRequest } from './batch.ts';

/**
 * Ingests the extracts in `options.dir` into `db` as one batch: the format comes from
 * `options.format` or is detected from the file names; returns the batch's reconciliation.
 */
export async function ingestDirectory(db: Database, options: IngestOptions): Promise<IngestSummary> {
  const dir = resolve(options.dir);
  const fileNames = listFolder(dir);
  const { adapter, reason } = chooseAdapter(dir, fileNames, options.format);
  const plan = await adapter.plan(dir, fileNames);
  return ingestBatch(db, { plan, format: adapter.format, reason, dir, onProgress: options.onProgress });
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
