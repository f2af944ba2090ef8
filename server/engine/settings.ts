/**
 * DuckDB settings for the heavy commands (ingest, build, serve). DuckDB's default memory
 * limit is 80 % of RAM, which let a million-member build reach 20 GB of resident memory;
 * a fixed share keeps a build beside a running server and spills the rest to
 * `<db>.tmp/` (out-of-core). Override with CASELOAD_MEMORY_LIMIT (e.g. `12GB`) and
 * CASELOAD_THREADS.
 */
import { totalmem } from 'node:os';

/** Share of physical memory DuckDB may use when CASELOAD_MEMORY_LIMIT is not set. */
export const defaultMemoryShare = 0.25;

export interface EngineOptions {
  /**
   * Whether result rows keep their input order. Ingest needs it (a staged row's position
   * is its line in the file) and `serve` keeps it (the evaluation's floating-point sums then
   * come out the same on every request); the `build` command does not need it (every reader
   * orders what it shows), and without it DuckDB writes CREATE TABLE AS in parallel and
   * buffers less.
   */
  keepInsertionOrder: boolean;
}

/** DuckDB configuration for `Database.open`, from the environment. */
export function engineSettings(options: EngineOptions, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const settings: Record<string, string> = {
    memory_limit: env.CASELOAD_MEMORY_LIMIT ?? `${Math.max(1, Math.floor((totalmem() * defaultMemoryShare) / 2 ** 20))}MiB`,
    preserve_insertion_order: String(options.keepInsertionOrder),
  };
  if (env.CASELOAD_THREADS) settings.threads = env.CASELOAD_THREADS;
  return settings;
}
