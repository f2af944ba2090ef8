/** Shapes ingest returns and reports. */

export type IngestFormat = 'tuva' | 'synthea';

/** Reconciliation of one input file: rows_read = rows_loaded + rows_rejected. */
export interface FileReconciliation {
  file: string;
  table: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rows_replaced: number;
  /** Loaded rows in which at least one optional value did not parse and was loaded as NULL. */
  rows_warned: number;
  sha256: string;
  skipped_same_content: boolean;
  /** When skipped: the batch that loaded the same bytes. */
  same_content_batch_id: number | null;
  /** 'approximate' only when DuckDB's record boundaries could not be matched to physical lines. */
  line_numbers: 'exact' | 'approximate';
}

/** One rejected or flagged value, as stored in ingest_rejects / ingest_warnings. */
export interface RowIssue {
  file: string;
  line: number | null;
  column_name: string | null;
  value: string | null;
  rule: string;
  reason: string;
}

export interface IngestSummary {
  batch_id: number;
  status: 'loaded' | 'no-op';
  format: IngestFormat;
  /** Why the format was chosen: the --format flag, or the files that identified it. */
  format_reason: string;
  dir: string;
  files: FileReconciliation[];
  /** Files in the folder that feed no canonical table. */
  ignored: string[];
  /** The first rejects and warnings of the batch (all are in ingest_rejects / ingest_warnings). */
  reject_sample: RowIssue[];
  warning_sample: RowIssue[];
  /** Adapter remarks, e.g. the share of SNOMED CT codes the Synthea adapter could not map. */
  notes: string[];
  elapsed_ms: number;
}

/** Progress of the file being loaded. */
export interface IngestProgress {
  file: string;
  phase: 'fingerprint' | 'read' | 'validate' | 'load';
  /** 0..100 for the current phase, when DuckDB reports it. */
  percentage: number | null;
  /** Rows DuckDB has processed in the current step, when known. */
  rows: number | null;
  /** Rows per second in the current step, when rows are known. */
  rows_per_second: number | null;
  /** Since the batch started. */
  elapsed_ms: number;
}

export interface IngestOptions {
  dir: string;
  format?: IngestFormat;
  onProgress?: (progress: IngestProgress) => void;
}
