/** `caseload ingest --db FILE --dir DIR [--format tuva|synthea]`. */
import cliProgress from 'cli-progress';
import { Database } from '../engine/db.ts';
import { engineSettings } from '../engine/settings.ts';
import { ingestDirectory } from './index.ts';
import { formatSummary } from './report.ts';
import type { IngestFormat, IngestProgress } from './types.ts';

export interface IngestCommandOptions {
  db: string;
  dir: string;
  format?: IngestFormat;
}

/** Opens the database, ingests the folder as one batch and prints its reconciliation on stdout. */
export async function runIngest(options: IngestCommandOptions): Promise<void> {
  const db = await Database.open(options.db, engineSettings({ keepInsertionOrder: true }));
  const bar = process.stderr.isTTY ? terminalProgress() : null;
  try {
    const summary = await ingestDirectory(db, { dir: options.dir, format: options.format, onProgress: bar?.update });
    bar?.stop();
    process.stdout.write(formatSummary(summary));
  } finally {
    bar?.stop();
    db.close();
  }
}

/** A cli-progress bar on stderr showing the file, phase, percentage, rows, rate and elapsed time. */
function terminalProgress() {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{file} {phase} |{bar}| {percentage}% | {rows} rows | {rate} rows/s | {elapsed}s',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  return {
    update(p: IngestProgress) {
      if (stopped) return;
      const seconds = p.elapsed_ms / 1000;
      const payload = {
        file: p.file,
        phase: p.phase,
        rows: p.rows === null ? '-' : p.rows.toLocaleString('en-US'),
        rate: p.rows_per_second === null ? '-' : p.rows_per_second.toLocaleString('en-US'),
        elapsed: seconds.toFixed(1),
      };
      if (!started) {
        bar.start(100, 0, payload);
        started = true;
      }
      bar.update(Math.round(p.percentage ?? 0), payload);
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
