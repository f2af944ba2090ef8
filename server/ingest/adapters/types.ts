/**
 * The adapter seam (DESIGN.md "Other formats enter through adapters"): an adapter looks at
 * the file names in a folder and plans which canonical table each input feeds. Everything
 * after the plan — validation, rejects, keys, reconciliation — is the same for every format.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { TableSpec } from '../../engine/contract.ts';
import type { IngestFormat } from '../types.ts';

/** A canonical-format file read by DuckDB's read_csv (`.csv`, `.csv.gz`). */
export interface CsvSource {
  kind: 'csv';
  path: string;
}

/** A Parquet file read by read_parquet. */
export interface ParquetSource {
  kind: 'parquet';
  path: string;
}

/**
 * A relation an adapter builds with DuckDB SQL from one or more source files, e.g. Synthea
 * `encounters.csv` → canonical `encounter`. `select` is a complete SELECT whose result has
 * the canonical column names in `columns` (in that order, any type castable to VARCHAR);
 * file paths and other values go in `params` as `$1, $2, …`, never into the SQL text. The
 * result's row order is its line order: rejects point at 1-based rows of this result.
 */
export interface SqlSource {
  kind: 'sql';
  paths: string[];
  select: string;
  params: DuckDBValue[];
  columns: string[];
  /** Physical line of the result's first row (default 1); 2 when rows follow a one-line header in file order. */
  firstLine?: number;
}

export type InputSource = CsvSource | ParquetSource | SqlSource;

/** One input of a batch: the canonical table it feeds and where its rows come from. */
export interface PlannedInput {
  table: TableSpec;
  /** Name shown in reconciliation, rejects and `_file` (a file name, not a path). */
  file: string;
  source: InputSource;
}

export interface IngestPlan {
  inputs: PlannedInput[];
  /** Folder entries that feed no canonical table. */
  ignored: string[];
  /** Adapter remarks shown with the batch summary (e.g. the share of codes it could not map). */
  notes?: string[];
}

export interface FormatAdapter {
  readonly format: IngestFormat;
  /** Evidence (e.g. "Tuva claims (found eligibility.csv, medical_claim.csv)") when the names look like this format, else null. */
  detect(fileNames: string[]): string | null;
  /** Plans the batch; throws InputError naming a missing required file. */
  plan(dir: string, fileNames: string[]): IngestPlan | Promise<IngestPlan>;
}
