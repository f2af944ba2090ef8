/** Reports progress of long DuckDB statements by polling the connection's query progress. */
import type { Database } from '../engine/db.ts';
import type { IngestProgress } from './types.ts';

const POLL_MS = 200;

export class ProgressReporter {
  private readonly started = Date.now();

  constructor(
    private readonly db: Database,
    private readonly onProgress?: (progress: IngestProgress) => void,
  ) {}

  /** Turns on DuckDB's progress tracking (without its own printing) when someone listens. */
  async enable(): Promise<void> {
    if (!this.onProgress) return;
    await this.db.run('SET enable_progress_bar = true');
    await this.db.run('SET enable_progress_bar_print = false');
  }

  /**
   * Runs `work`, reporting DuckDB's progress for `file` and `phase` while it runs. With
   * `expectedRows`, rows are estimated from the percentage (DuckDB counts a CSV scan in
   * buffers, not rows); null means not known yet (only the percentage is reported).
   */
  async track<T>(file: string, phase: IngestProgress['phase'], work: () => Promise<T>, expectedRows?: number | null): Promise<T> {
    const report = this.onProgress;
    if (!report) return work();
    const stepStarted = Date.now();
    const emit = (percentage: number | null, rows: number | null) => {
      const seconds = (Date.now() - stepStarted) / 1000;
      const rate = rows === null || seconds <= 0 ? null : Math.round(rows / seconds);
      report({ file, phase, percentage, rows, rows_per_second: rate, elapsed_ms: Date.now() - this.started });
    };
    emit(0, null);
    const timer = setInterval(() => {
      const progress = this.db.connection.progress;
      if (progress.percentage < 0) return;
      const rows =
        expectedRows === undefined ? Number(progress.rows_processed) : expectedRows === null ? null : Math.round((progress.percentage / 100) * expectedRows);
      emit(progress.percentage, rows);
    }, POLL_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      emit(100, null);
    }
  }
}
